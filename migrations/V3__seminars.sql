-- Seminars: private discussions of an article's questions for one tutorial group, with their own comments,
-- stances, pseudonyms and a participation report. Seminar comments live in the comment table (seminar_id set),
-- so votes, ranking, moderation states and revisions are shared; every public query reads seminar_id is null.
-- Forward-only: never edit a migration that has landed; add a new one.

create table seminar (
    id             bigserial primary key,
    name           varchar(200) not null,
    tutor_id       bigint       not null references member (id),
    join_code      varchar(64)  not null unique,            -- random, unguessable (SecureRandom, 160 bits), rotatable
    opens_at       timestamptz,                             -- students may post from then on (null: at once)
    deadline       timestamptz,                             -- posts after it count as late; the tutor may then freeze
    premoderation  boolean      not null default false,     -- hold every student comment for the tutor
    anonymous      boolean      not null default false,     -- students see each other as "Student N"
    stances        boolean      not null default false,     -- top-level answers carry agree / disagree / it depends
    frozen         boolean      not null default false,     -- read-only (after the deadline)
    revealed       boolean      not null default false,     -- readable by the other seminars on the same article
    archived       boolean      not null default false,     -- read-only and off the members' lists
    created_at     timestamptz  not null default now(),
    constraint seminar_name_not_blank check (length(btrim(name)) > 0),
    constraint seminar_join_code_length check (length(join_code) >= 20),
    constraint seminar_opens_before_deadline check (opens_at is null or deadline is null or opens_at < deadline)
);
create index seminar_tutor_idx on seminar (tutor_id);

create table seminar_article (
    seminar_id  bigint not null references seminar (id) on delete cascade,
    article_id  bigint not null references article (id) on delete cascade,
    primary key (seminar_id, article_id)
);
create index seminar_article_article_idx on seminar_article (article_id);

-- A removed member keeps their row (and so their pseudonym): their comments stay, and must never show a real name.
create table seminar_member (
    seminar_id  bigint      not null references seminar (id) on delete cascade,
    member_id   bigint      not null references member (id) on delete cascade,
    pseudonym   integer     not null,                       -- "Student <pseudonym>", stable for the seminar's life
    joined_at   timestamptz not null default now(),
    removed_at  timestamptz,
    primary key (seminar_id, member_id),
    unique (seminar_id, pseudonym),
    constraint seminar_member_pseudonym_positive check (pseudonym > 0)
);
create index seminar_member_member_idx on seminar_member (member_id);

-- Per seminar and question: the claim the tutor writes (stances are relative to it) and the seminar's own lock.
create table seminar_question (
    seminar_id   bigint        not null references seminar (id) on delete cascade,
    question_id  bigint        not null references question (id) on delete cascade,
    claim        varchar(1000),
    locked       boolean       not null default false,
    primary key (seminar_id, question_id)
);

alter table comment add column seminar_id bigint references seminar (id);
alter table comment add column stance varchar(16);
alter table comment add constraint comment_stance check (stance in ('agree', 'disagree', 'depends'));
-- only a seminar's top-level answers carry a stance
alter table comment add constraint comment_stance_top_level check (stance is null or (parent_id is null and seminar_id is not null));
create index comment_seminar_idx on comment (seminar_id, question_id, created_at) where seminar_id is not null;
-- the public queues and counts read only public rows
drop index comment_queue_idx;
create index comment_queue_idx on comment (created_at) where seminar_id is null and (status in ('pending', 'rejected') or open_reports > 0);
create index comment_seminar_queue_idx on comment (seminar_id, created_at)
    where seminar_id is not null and (status in ('pending', 'rejected') or open_reports > 0);

-- Tutors' actions are audited like moderators'; a seminar's own log filters on seminar_id.
alter table mod_action add column seminar_id bigint references seminar (id);
alter table mod_action drop constraint mod_action_target_kind;
alter table mod_action add constraint mod_action_target_kind check (target_kind in ('comment', 'question', 'member', 'words', 'seminar'));
create index mod_action_seminar_idx on mod_action (seminar_id) where seminar_id is not null;
