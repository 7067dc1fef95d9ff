-- Moderation: reports, pre-moderation word lists, moderator actions (the audit log), sanctions, in-app
-- notifications, per-person rate limits, and the moderation columns on questions, comments and articles.
-- Forward-only: never edit a migration that has landed; add a new one.

alter table article add column premoderation boolean not null default false;

alter table question add column locked boolean not null default false;   -- no new comments; votes still allowed
alter table question add column hidden boolean not null default false;   -- not listed, thread 404 except for moderators

alter table comment add column pinned boolean not null default false;
-- why a moderator (or the pipeline) held, rejected or removed the comment; shown to its author
alter table comment add column moderation_reason varchar(32);
alter table comment add column moderation_message varchar(1000);
alter table comment add column open_reports integer not null default 0;
alter table comment add constraint comment_open_reports check (open_reports >= 0);
-- the moderation queues and their counts read only these rows
create index comment_queue_idx on comment (created_at) where status in ('pending', 'rejected') or open_reports > 0;

-- One report per person per comment, guaranteed here.
create table report (
    id           bigserial primary key,
    comment_id   bigint       not null references comment (id) on delete cascade,
    reporter_id  bigint       not null references member (id) on delete cascade,
    reason       varchar(16)  not null,
    note         varchar(1000),
    created_at   timestamptz  not null default now(),
    resolved_at  timestamptz,                              -- set when a moderator decides about the comment
    unique (comment_id, reporter_id),
    constraint report_reason check (reason in ('spam', 'offensive', 'abusive', 'off_topic', 'other')),
    constraint report_other_has_note check (reason <> 'other' or length(btrim(coalesce(note, ''))) > 0)
);
create index report_open_idx on report (comment_id) where resolved_at is null;

-- Words that refuse a comment at once (banned) or hold it for review (suspect). Stored normalised (lower case).
create table moderation_word (
    list   varchar(16)  not null,
    word   varchar(100) not null,
    primary key (list, word),
    constraint moderation_word_list check (list in ('banned', 'suspect')),
    constraint moderation_word_not_blank check (length(btrim(word)) > 0)
);

-- The audit log: one row per moderator action, written in the same transaction as the action.
create table mod_action (
    id           bigserial primary key,
    actor_id     bigint       not null references member (id),
    action       varchar(32)  not null,
    target_kind  varchar(16)  not null,
    target_id    varchar(100) not null,
    member_id    bigint       references member (id),     -- the person affected (the comment's author, the sanctioned)
    reason       varchar(1000),
    before_state text,
    after_state  text,
    created_at   timestamptz  not null default now(),
    constraint mod_action_target_kind check (target_kind in ('comment', 'question', 'member', 'words'))
);
create index mod_action_created_idx on mod_action (created_at desc);
create index mod_action_actor_idx on mod_action (actor_id);
create index mod_action_member_idx on mod_action (member_id);

create table sanction (
    id               bigserial primary key,
    member_id        bigint       not null references member (id) on delete cascade,
    kind             varchar(16)  not null,
    reason           varchar(1000) not null,
    until            timestamptz,                          -- suspensions only
    created_by       bigint       not null references member (id),
    created_at       timestamptz  not null default now(),
    acknowledged_at  timestamptz,                          -- warnings only
    constraint sanction_kind check (kind in ('warn', 'suspend', 'ban')),
    constraint sanction_until check ((kind = 'suspend') = (until is not null)),
    constraint sanction_reason_not_blank check (length(btrim(reason)) > 0)
);
create index sanction_member_idx on sanction (member_id, created_at desc);

create table notification (
    id          bigserial primary key,
    member_id   bigint        not null references member (id) on delete cascade,
    kind        varchar(32)   not null,
    text        varchar(1000) not null,
    link        varchar(500),
    read_at     timestamptz,
    created_at  timestamptz   not null default now()
);
create index notification_member_idx on notification (member_id, created_at desc);

-- Fixed-window counters per person and action. One upsert per attempt keeps them exact across replicas.
create table rate_limit (
    member_id     bigint       not null references member (id) on delete cascade,
    action        varchar(16)  not null,
    window_start  timestamptz  not null,
    count         integer      not null,
    primary key (member_id, action),
    constraint rate_limit_count check (count >= 0)
);
