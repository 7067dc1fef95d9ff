-- Live updates (issue 5): every write that changes what an open page shows sends a NOTIFY on channel
-- 'agora_events', from triggers, so every write path (forms, JSON API, moderation) is covered and the
-- notification leaves only when the writing transaction commits (PostgreSQL holds NOTIFYs until COMMIT and drops
-- identical ones within a transaction). Each app instance LISTENs on its own connection and forwards the events
-- to its SSE subscribers (live/LiveEvents), so an event reaches pages open on any instance.
-- Payloads carry ids and the visibility facts the app filters on (status, author, hidden, seminar), never comment
-- text. Seminar comments (seminar set) never reach the public streams.

create function agora_notify_comment() returns trigger language plpgsql as $$
declare
    art bigint;
begin
    select article_id into art from question where id = new.question_id;
    perform pg_notify('agora_events', json_build_object(
        'type', 'comment', 'article', art, 'question', new.question_id, 'comment', new.id,
        'status', new.status, 'author', new.author_id, 'created', tg_op = 'INSERT',
        'seminar', new.seminar_id)::text);
    return null;
end $$;

create trigger comment_live_insert after insert on comment
    for each row execute function agora_notify_comment();
create trigger comment_live_update after update on comment
    for each row when (old.status is distinct from new.status or old.ups is distinct from new.ups
        or old.downs is distinct from new.downs or old.body_html is distinct from new.body_html
        or old.pinned is distinct from new.pinned)
    execute function agora_notify_comment();

create function agora_notify_question() returns trigger language plpgsql as $$
begin
    perform pg_notify('agora_events', json_build_object(
        'type', 'question', 'article', new.article_id, 'question', new.id, 'hidden', new.hidden)::text);
    return null;
end $$;

create trigger question_live_update after update on question
    for each row when (old.ups is distinct from new.ups or old.downs is distinct from new.downs
        or old.comment_count is distinct from new.comment_count or old.label is distinct from new.label
        or old.hidden is distinct from new.hidden or old.locked is distinct from new.locked)
    execute function agora_notify_question();

create function agora_notify_reactions() returns trigger language plpgsql as $$
begin
    perform pg_notify('agora_events', json_build_object('type', 'reactions', 'article', new.article_id)::text);
    return null;
end $$;

create trigger reaction_tally_live_update after update on article_reaction_tally
    for each row when (old.count is distinct from new.count)
    execute function agora_notify_reactions();
