-- Vote and reaction counters announce their changes through an outbox instead of NOTIFY (issue 7).
-- PostgreSQL serialises every transaction that NOTIFYs on one cluster-wide lock, held from its pre-commit to the end
-- of its commit, WAL flush included: with a NOTIFY in every vote, votes committed one at a time (pgbench on the app's
-- vote SQL: 368-430 transactions/s with it, 978-1044 without, same minutes, 2 cores). A change of counters only
-- (comment and question ups/downs, reaction tallies) now writes its event into agora_event_outbox, in the same
-- transaction (as durable as the change, and no lock); each replica's live/EventOutbox moves the rows to NOTIFY in
-- batches, one notifying commit per batch, and PostgreSQL sends identical payloads of a batch once. Every other change
-- still NOTIFYs directly. Payloads are unchanged (V5, V9); the trigger that fired says which way an event goes.

create table agora_event_outbox (
    id      bigserial primary key,
    payload text not null
);

-- An event: into the outbox when it reports counters only, else NOTIFY at once
create function agora_send_event(payload text, counters_only boolean) returns void language plpgsql as $$
begin
    if counters_only then
        insert into agora_event_outbox (payload) values (payload);
    else
        perform pg_notify('agora_events', payload);
    end if;
end $$;

create or replace function agora_notify_comment() returns trigger language plpgsql as $$
declare
    art bigint;
    whole boolean;
    payload text;
begin
    select article_id into art from question where id = new.question_id;
    if tg_op = 'INSERT' then
        whole := true;
    else
        whole := old.status is distinct from new.status or old.quote_block is distinct from new.quote_block
            or old.question_id is distinct from new.question_id or old.seminar_id is distinct from new.seminar_id;
    end if;
    payload := json_build_object(
        'type', 'comment', 'article', art, 'question', new.question_id, 'comment', new.id,
        'status', new.status, 'author', new.author_id, 'created', tg_op = 'INSERT',
        'seminar', new.seminar_id, 'scope', case when whole then 'article' else 'thread' end)::text;
    perform agora_send_event(payload, tg_name = 'comment_counts_update');
    return null;
end $$;

-- V9's trigger without ups/downs, which the new one below covers (both fire when a statement changes both)
drop trigger comment_live_update on comment;
create trigger comment_live_update after update on comment
    for each row when (old.status is distinct from new.status
        or old.body_html is distinct from new.body_html
        or old.pinned is distinct from new.pinned or old.edited_at is distinct from new.edited_at
        or old.moderation_message is distinct from new.moderation_message
        or old.moderation_reason is distinct from new.moderation_reason
        or old.quote_block is distinct from new.quote_block or old.quote_start is distinct from new.quote_start
        or old.quote_end is distinct from new.quote_end or old.parent_id is distinct from new.parent_id
        or old.author_id is distinct from new.author_id or old.question_id is distinct from new.question_id
        or old.stance is distinct from new.stance or old.seminar_id is distinct from new.seminar_id)
    execute function agora_notify_comment();
create trigger comment_counts_update after update on comment
    for each row when (old.ups is distinct from new.ups or old.downs is distinct from new.downs)
    execute function agora_notify_comment();

create or replace function agora_notify_question() returns trigger language plpgsql as $$
begin
    perform agora_send_event(json_build_object(
        'type', 'question', 'article', new.article_id, 'question', new.id, 'hidden', new.hidden)::text,
        tg_name = 'question_counts_update');
    return null;
end $$;

drop trigger question_live_update on question;
create trigger question_live_update after update on question
    for each row when (old.comment_count is distinct from new.comment_count or old.label is distinct from new.label
        or old.hidden is distinct from new.hidden or old.locked is distinct from new.locked)
    execute function agora_notify_question();
create trigger question_counts_update after update on question
    for each row when (old.ups is distinct from new.ups or old.downs is distinct from new.downs)
    execute function agora_notify_question();

-- reaction tallies change only their counts here (V9's article event covers rows added or removed)
create or replace function agora_notify_reactions() returns trigger language plpgsql as $$
begin
    perform agora_send_event(json_build_object('type', 'reactions', 'article', new.article_id)::text, true);
    return null;
end $$;
