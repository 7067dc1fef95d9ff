-- Agora's core schema: articles seeded from text, their questions, threaded comments, votes and reactions.
-- Forward-only: never edit a migration that has landed; add a new one.

create table member (
    id            bigserial primary key,
    subject       varchar(255) not null unique,          -- the OIDC "sub" claim; stable across renames
    username      varchar(100) not null unique,
    display_name  varchar(100) not null,
    created_at    timestamptz  not null default now(),
    constraint member_username_not_blank check (length(btrim(username)) > 0)
);

create table article (
    id               bigserial primary key,
    slug             varchar(120) not null unique,
    title            varchar(300) not null,
    standfirst       text,
    image_caption    text,
    author           varchar(200),
    affiliation      varchar(300),
    reading_minutes  integer,
    author_bio       text,
    attribution      text,
    source_text      text         not null,              -- what was imported, kept verbatim
    published_at     timestamptz  not null default now(),
    constraint article_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    constraint article_title_not_blank check (length(btrim(title)) > 0),
    constraint article_reading_minutes_positive check (reading_minutes is null or reading_minutes > 0)
);

create table article_block (
    article_id  bigint      not null references article (id) on delete cascade,
    position    integer     not null,
    kind        varchar(16) not null,
    text        text        not null,
    primary key (article_id, position),
    constraint article_block_kind check (kind in ('heading', 'paragraph')),
    constraint article_block_position check (position >= 0)
);

-- The reaction widget an article offers, with exact counters kept in the same transaction as each reaction.
create table article_reaction_tally (
    article_id  bigint      not null references article (id) on delete cascade,
    kind        varchar(16) not null,
    position    integer     not null,
    count       integer     not null default 0,
    primary key (article_id, kind),
    constraint article_reaction_tally_kind check (kind in ('like', 'dislike', 'love', 'funny', 'angry', 'sad', 'wow')),
    constraint article_reaction_tally_count check (count >= 0)
);

create table question (
    id              bigserial primary key,
    article_id      bigint       not null references article (id) on delete cascade,
    position        integer      not null,                -- display order, 1..n
    kind            varchar(16)  not null,
    label           varchar(60)  not null,
    text            varchar(1000) not null,
    block_position  integer,                              -- null for the title question
    start_offset    integer      not null,
    end_offset      integer      not null,
    ups             integer      not null default 0,
    downs           integer      not null default 0,
    comment_count   integer      not null default 0,      -- published comments only
    unique (article_id, position),
    foreign key (article_id, block_position) references article_block (article_id, position),
    constraint question_kind check (kind in ('title', 'heading', 'sentence')),
    constraint question_label_not_blank check (length(btrim(label)) > 0),
    constraint question_offsets check (start_offset >= 0 and end_offset > start_offset),
    constraint question_title_has_no_block check ((kind = 'title') = (block_position is null)),
    constraint question_counters check (ups >= 0 and downs >= 0 and comment_count >= 0)
);

create table comment (
    id              bigserial primary key,
    question_id     bigint       not null references question (id) on delete cascade,
    parent_id       bigint       references comment (id),
    author_id       bigint       not null references member (id),
    depth           integer      not null default 0,
    body            text         not null,
    body_html       text         not null,                -- rendered and sanitised once, at write time
    status          varchar(16)  not null default 'published',
    ups             integer      not null default 0,
    downs           integer      not null default 0,
    created_at      timestamptz  not null default now(),
    edited_at       timestamptz,
    deleted_at      timestamptz,
    submission_key  uuid         unique,                  -- one per rendered form: a double submit creates one comment
    constraint comment_body_length check (char_length(body) between 1 and 10000),
    constraint comment_status check (status in ('published', 'pending', 'rejected', 'removed', 'deleted')),
    constraint comment_depth check (depth >= 0 and (parent_id is null) = (depth = 0)),
    constraint comment_not_own_parent check (parent_id is null or parent_id <> id),
    constraint comment_counters check (ups >= 0 and downs >= 0),
    constraint comment_deleted_at check ((status = 'deleted') = (deleted_at is not null))
);
create index comment_question_idx on comment (question_id, created_at);
create index comment_parent_idx on comment (parent_id);
create index comment_author_idx on comment (author_id);

create table comment_revision (
    id          bigserial primary key,
    comment_id  bigint      not null references comment (id) on delete cascade,
    body        text        not null,
    created_at  timestamptz not null default now(),
    constraint comment_revision_body_length check (char_length(body) between 1 and 10000)
);
create index comment_revision_comment_idx on comment_revision (comment_id, id);

-- One vote per person per target, guaranteed here; counters on the target are updated in the same transaction.
create table comment_vote (
    comment_id  bigint      not null references comment (id) on delete cascade,
    member_id   bigint      not null references member (id) on delete cascade,
    value       smallint    not null,
    created_at  timestamptz not null default now(),
    primary key (comment_id, member_id),
    constraint comment_vote_value check (value in (-1, 1))
);
create index comment_vote_member_idx on comment_vote (member_id);

create table question_vote (
    question_id bigint      not null references question (id) on delete cascade,
    member_id   bigint      not null references member (id) on delete cascade,
    value       smallint    not null,
    created_at  timestamptz not null default now(),
    primary key (question_id, member_id),
    constraint question_vote_value check (value in (-1, 1))
);
create index question_vote_member_idx on question_vote (member_id);

create table reaction (
    article_id  bigint      not null,
    member_id   bigint      not null references member (id) on delete cascade,
    kind        varchar(16) not null,
    created_at  timestamptz not null default now(),
    primary key (article_id, member_id),
    -- a reaction must be one the article's widget offers
    foreign key (article_id, kind) references article_reaction_tally (article_id, kind) on delete cascade
);
