-- Community features: profiles, follows, notifications about activity (replies, mentions, new answers),
-- e-mail digests, full-text search, and account deletion.
-- Forward-only: never edit a migration that has landed; add a new one.

-- Profiles. display_name keeps following the identity provider's "name" claim; a chosen name overrides it.
alter table member add column chosen_name varchar(60);
alter table member add column bio varchar(300);
alter table member add column email varchar(254);                     -- from the "email" claim, for digests only
alter table member add column email_digest boolean not null default false;
-- A deleted account keeps its row (comments still need an author) but loses its subject, names and e-mail.
alter table member add column deleted_at timestamptz;
alter table member add constraint member_chosen_name_not_blank check (chosen_name is null or length(btrim(chosen_name)) > 0);

-- Who follows which question: new answers there notify them.
create table question_follow (
    question_id  bigint      not null references question (id) on delete cascade,
    member_id    bigint      not null references member (id) on delete cascade,
    created_at   timestamptz not null default now(),
    primary key (question_id, member_id)
);
create index question_follow_member_idx on question_follow (member_id);

-- Activity notifications name the comment they announce, so a comment approved after being held (or approved
-- twice) notifies each person once, and deleting an account can drop what its comments caused.
alter table notification add column comment_id bigint references comment (id) on delete cascade;
alter table notification add column emailed_at timestamptz;           -- sent in a digest
create unique index notification_once_per_comment on notification (member_id, comment_id, kind) where comment_id is not null;
create index notification_unread_idx on notification (member_id) where read_at is null;
create index notification_undigested_idx on notification (member_id) where read_at is null and emailed_at is null;

-- Full-text search (English stemming). Expression indexes: the queries use exactly these expressions.
create index comment_search_idx on comment using gin (to_tsvector('english', body)) where status = 'published';
create index question_search_idx on question using gin (to_tsvector('english', label || ' ' || text));
create index article_search_idx on article using gin (to_tsvector('english', title || ' ' || coalesce(standfirst, '')));

-- Article management: tutors and admins import an article as a draft (visible only to them), publish it, take it
-- back to draft (unpublish), or archive it (still readable at its address, no longer listed, no new comments).
alter table article add column status varchar(16) not null default 'published';
alter table article add constraint article_status check (status in ('draft', 'published', 'archived'));
alter table mod_action drop constraint mod_action_target_kind;
alter table mod_action add constraint mod_action_target_kind check (target_kind in ('comment', 'question', 'member', 'words', 'seminar', 'article'));

-- Quoting the article: where in the article a comment quotes (block and character offsets), for the link back to the
-- passage and the article's quote heat map. The quoted words themselves are part of the comment's body.
alter table comment add column quote_block integer;
alter table comment add column quote_start integer;
alter table comment add column quote_end integer;
alter table comment add constraint comment_quote check (
    (quote_block is null and quote_start is null and quote_end is null)
    or (quote_block >= 0 and quote_start >= 0 and quote_end > quote_start));
create index comment_quote_idx on comment (question_id, quote_block) where quote_block is not null;
