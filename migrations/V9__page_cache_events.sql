-- Anonymous page cache (issue 7): every replica keeps rendered anonymous pages in memory and drops them when their
-- content changes, on the same channel as live updates ('agora_events', V5). V5 covers comments (status, votes,
-- body, pinned), questions (votes, counts, label, hidden, locked) and reaction tallies. This adds what V5 does not
-- send and an anonymous page still shows:
--   comment: 'scope' says whether the article page changes too (a new comment, a status change, a quote; the
--            article page counts comments and quotes) or only the thread page (votes, body, pinned); edits,
--            moderation messages and re-parenting now notify as well;
--   question: new or deleted questions, text and position changes ('article' event);
--   article: any change to the article or its blocks or its reaction widget, publish/unpublish/archive
--            ('article' event: the article's pages and the index);
--   member: a change of the name shown with their comments, or account deletion ('flush': every page, rare).
-- Payloads carry ids only; identical notifications within a transaction are sent once by PostgreSQL.

create or replace function agora_notify_comment() returns trigger language plpgsql as $$
declare
    art bigint;
    whole boolean;
begin
    select article_id into art from question where id = new.question_id;
    if tg_op = 'INSERT' then
        whole := true;
    else
        whole := old.status is distinct from new.status or old.quote_block is distinct from new.quote_block
            or old.question_id is distinct from new.question_id or old.seminar_id is distinct from new.seminar_id;
    end if;
    perform pg_notify('agora_events', json_build_object(
        'type', 'comment', 'article', art, 'question', new.question_id, 'comment', new.id,
        'status', new.status, 'author', new.author_id, 'created', tg_op = 'INSERT',
        'seminar', new.seminar_id, 'scope', case when whole then 'article' else 'thread' end)::text);
    return null;
end $$;

drop trigger comment_live_update on comment;
create trigger comment_live_update after update on comment
    for each row when (old.status is distinct from new.status or old.ups is distinct from new.ups
        or old.downs is distinct from new.downs or old.body_html is distinct from new.body_html
        or old.pinned is distinct from new.pinned or old.edited_at is distinct from new.edited_at
        or old.moderation_message is distinct from new.moderation_message
        or old.moderation_reason is distinct from new.moderation_reason
        or old.quote_block is distinct from new.quote_block or old.quote_start is distinct from new.quote_start
        or old.quote_end is distinct from new.quote_end or old.parent_id is distinct from new.parent_id
        or old.author_id is distinct from new.author_id or old.question_id is distinct from new.question_id
        or old.stance is distinct from new.stance or old.seminar_id is distinct from new.seminar_id)
    execute function agora_notify_comment();

-- A whole article's pages (the article, its threads) and the article list.
create function agora_notify_article() returns trigger language plpgsql as $$
declare
    art bigint;
begin
    if tg_op = 'DELETE' then
        art := old.article_id;
    else
        art := new.article_id;
    end if;
    perform pg_notify('agora_events', json_build_object('type', 'article', 'article', art)::text);
    return null;
end $$;

create function agora_notify_article_row() returns trigger language plpgsql as $$
begin
    perform pg_notify('agora_events', json_build_object('type', 'article',
        'article', case when tg_op = 'DELETE' then old.id else new.id end)::text);
    return null;
end $$;

create trigger article_cache_change after insert or update or delete on article
    for each row execute function agora_notify_article_row();
create trigger article_block_cache_change after insert or update or delete on article_block
    for each row execute function agora_notify_article();
create trigger reaction_tally_cache_change after insert or delete on article_reaction_tally
    for each row execute function agora_notify_article();
create trigger question_cache_change after insert or delete on question
    for each row execute function agora_notify_article();
create trigger question_cache_update after update on question
    for each row when (old.text is distinct from new.text or old.position is distinct from new.position
        or old.kind is distinct from new.kind or old.block_position is distinct from new.block_position
        or old.start_offset is distinct from new.start_offset or old.end_offset is distinct from new.end_offset
        or old.article_id is distinct from new.article_id)
    execute function agora_notify_article();
-- comments deleted with their question (cascade) are covered by the question's own 'article' event

create function agora_notify_member() returns trigger language plpgsql as $$
begin
    perform pg_notify('agora_events', json_build_object('type', 'flush', 'member',
        case when tg_op = 'DELETE' then old.id else new.id end)::text);
    return null;
end $$;

create trigger member_cache_delete after delete on member
    for each row execute function agora_notify_member();
create trigger member_cache_update after update on member
    for each row when (old.display_name is distinct from new.display_name
        or old.chosen_name is distinct from new.chosen_name or old.username is distinct from new.username
        or old.deleted_at is distinct from new.deleted_at)
    execute function agora_notify_member();
