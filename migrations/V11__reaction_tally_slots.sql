-- Reaction tallies without a hot row (issue 7, scenario E). Every reaction to an article changed one or two of its
-- seven article_reaction_tally rows, so all reactions to an article waited for each other on those rows (~310
-- changes/s, p99 ~1.5 s, at 32 connections). Each (article, kind) counter is now split into 32 slots: a member's
-- reactions are counted in slot agora_reaction_slot(member_id) = member_id % 32, and an article's tally is the sum
-- of its slots. Two reactions to one article now wait for each other only when their members share a slot.
-- Because a member's reaction is always counted in their own slot, each slot is itself exact: it equals the number of
-- reactions of that kind by the members of that slot. So a slot never goes below zero (the check below holds it),
-- and a withdrawal always finds the row its reaction was counted in. Slot rows are created on a member's first
-- reaction in a slot (insert ... on conflict do update); an article without reactions has none.
-- article_reaction_tally stays as the widget an article offers (its kinds in order, the foreign key of reaction)
-- and loses its count. Changing the number of slots would break the per-slot exactness: it needs a migration that
-- recomputes the slots from the reactions, as this one does.

create function agora_reaction_slot(member_id bigint) returns smallint
    language sql immutable strict parallel safe
    as $$ select (member_id % 32)::smallint $$;

create table article_reaction_tally_slot (
    article_id  bigint      not null,
    kind        varchar(16) not null,
    slot        smallint    not null,
    count       integer     not null default 0,
    primary key (article_id, kind, slot),
    foreign key (article_id, kind) references article_reaction_tally (article_id, kind) on delete cascade,
    constraint article_reaction_tally_slot_slot check (slot between 0 and 31),
    constraint article_reaction_tally_slot_count check (count >= 0)
);
comment on table article_reaction_tally_slot is
    'An article''s reaction counts per kind, in 32 slots by agora_reaction_slot(member_id); the tally is their sum (V11)';
comment on table article_reaction_tally is
    'The reaction kinds an article''s widget offers, in order; counts are in article_reaction_tally_slot (V11)';

-- The existing counts: each slot from its members' reactions, then whatever an old counter said beyond its rows
-- into slot 0, so that every article's tally after this migration is exactly what it was before (the difference is
-- zero wherever the old counter was exact, which every write path kept it).
insert into article_reaction_tally_slot (article_id, kind, slot, count)
select article_id, kind, agora_reaction_slot(member_id), count(*)
from reaction
group by article_id, kind, agora_reaction_slot(member_id);

insert into article_reaction_tally_slot as s (article_id, kind, slot, count)
select t.article_id, t.kind, 0, t.count - coalesce(r.n, 0)
from article_reaction_tally t
left join (select article_id, kind, count(*) as n from reaction group by article_id, kind) r
       on r.article_id = t.article_id and r.kind = t.kind
where t.count <> coalesce(r.n, 0)
on conflict (article_id, kind, slot) do update set count = s.count + excluded.count;

-- Live updates and the page cache hear of a count change as before (V5, V10: a 'reactions' event through the
-- outbox); V9's article event for kinds added to or removed from the widget stays on article_reaction_tally.
drop trigger reaction_tally_live_update on article_reaction_tally;
alter table article_reaction_tally drop column count;

create trigger reaction_tally_slot_live_insert after insert on article_reaction_tally_slot
    for each row when (new.count <> 0)
    execute function agora_notify_reactions();
create trigger reaction_tally_slot_live_update after update on article_reaction_tally_slot
    for each row when (old.count is distinct from new.count)
    execute function agora_notify_reactions();
