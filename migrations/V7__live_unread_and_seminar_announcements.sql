-- The header's unread count updates live (issue 9): a new notification, or notifications marked read, NOTIFY on
-- the live channel of migrations/V5 with the member's id only (never the text). Statement-level triggers with
-- transition tables send one event per member per statement ("mark all read" over 50 rows is one event), and
-- PostgreSQL holds them until COMMIT, so a rolled-back notification never announces itself. Each replica's
-- live/LiveEvents forwards the event to that member's open streams (every tab), wherever the write happened.

create function agora_notify_notifications() returns trigger language plpgsql as $$
declare
    who bigint;
begin
    for who in select distinct member_id from changed loop
        perform pg_notify('agora_events', json_build_object('type', 'notification', 'member', who)::text);
    end loop;
    return null;
end $$;

create trigger notification_live_insert after insert on notification
    referencing new table as changed
    for each statement execute function agora_notify_notifications();

-- only read_at changes what the count shows (digests set emailed_at: no event)
create function agora_notify_notifications_read() returns trigger language plpgsql as $$
declare
    who bigint;
begin
    for who in select distinct n.member_id from changed n join previous o on o.id = n.id
               where o.read_at is distinct from n.read_at loop
        perform pg_notify('agora_events', json_build_object('type', 'notification', 'member', who)::text);
    end loop;
    return null;
end $$;

create trigger notification_live_update after update on notification
    referencing old table as previous new table as changed
    for each statement execute function agora_notify_notifications_read();

-- Seminar announcements (issue 9): the tutor (or whoever runs the seminar) tells every current member something;
-- each gets a notification of kind 'seminar_announcement' in the same transaction (and so, through the triggers
-- above, a live count). Markdown as for comments: the source kept as typed, the sanitised HTML beside it.
create table seminar_announcement (
    id          bigserial primary key,
    seminar_id  bigint      not null references seminar (id) on delete cascade,
    author_id   bigint      not null references member (id),
    body        text        not null,
    body_html   text        not null,
    created_at  timestamptz not null default now(),
    constraint seminar_announcement_body_length check (char_length(body) between 1 and 10000)
);
create index seminar_announcement_seminar_idx on seminar_announcement (seminar_id, id desc);
