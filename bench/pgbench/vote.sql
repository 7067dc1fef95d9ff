-- The SQL the app runs for one PUT /api/comments/{id}/vote by a signed-in member (read from
-- security/SignedOutSessions + moderation/SanctionService.signedOutOrKnownMemberSql, vote/VoteService,
-- moderation/RateLimiter.countingCte), statement by statement, with the same transactions: three statements, the
-- last two in one transaction (four when the vote changes nothing). Variables: mfrom and mto (the
-- generated members numbered mfrom..mto: members without tokens, so that the app's own voters are not touched), cmin,
-- cmax, hot (0: a random member, comment and direction, scenario C; otherwise that comment, scenario D), clients (the
-- number of pgbench clients) and lap0 (0 or 1). As bench/wrk/vote.lua does in D, the clients take the members in
-- turn and each lap over them votes the other way (up on even laps counting from lap0), so every vote changes one.
\if :hot > 0
\set k :k + 1
\set i :client_id + :k * :clients
\set n :mfrom + :i % (:mto - :mfrom + 1)
\set c :hot
\set wanted case when (:i / (:mto - :mfrom + 1) + :lap0) % 2 = 0 then 1 else -1 end
\else
\set n random(:mfrom, :mto)
\set c random(:cmin, :cmax)
\set wanted case when random(0, 3) < 3 then 1 else -1 end
\endif
-- SignedOutSessions with SanctionService.signedOutOrKnownMemberSql: in one statement, whether the token's session or
-- subject has signed out, and the member of the subject with their standing (a JSON API request: without the unread
-- notification count, which only pages show)
select s.signed_out, m.username, m.display_name, m.email, m.id as mid, restriction.kind, restriction.until,
       restriction.reason, warning.id, warning.reason, warning.created_at, null as unread
from (select exists (select 1 from signed_out_session where sid = 'bench-session-' || :n)
             or exists (select 1 from revoked_subject where subject = '00000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))
             as signed_out) s
left join member m on m.subject = '00000000-0000-4000-8000-' || lpad(:n::text, 12, '0')
left join lateral (select kind, until, reason from sanction
                   where member_id = m.id and (kind = 'ban' or (kind = 'suspend' and until > now()))
                   order by kind = 'ban' desc, until desc limit 1) restriction on true
left join lateral (select id, reason, created_at from sanction
                   where member_id = m.id and kind = 'warn' and acknowledged_at is null
                   order by id limit 1) warning on true \gset
-- VoteService.voteOnComment: one transaction of two statements. First the comment's facts the checks need, with the
-- voter's row locked and then (RateLimiter.countingCte, reading the locked row) the vote counted against their limit
BEGIN;
with voter as materialized (select id from member where id = :mid for no key update),
counted as (insert into rate_limit as r (member_id, action, window_start, count) select id, 'vote', clock_timestamp(), 1 from voter
    on conflict (member_id, action) do update set
        window_start = case when r.window_start <= clock_timestamp() - make_interval(secs => 60.0)
                            then clock_timestamp() else r.window_start end,
        count = case when r.window_start <= clock_timestamp() - make_interval(secs => 60.0)
                     then 1 else r.count + 1 end
    returning count, extract(epoch from (window_start + make_interval(secs => 60.0) - clock_timestamp())) as seconds_left)
select c.question_id, c.author_id, c.status, c.seminar_id, q.hidden, a.status, counted.count, counted.seconds_left
from comment c join question q on q.id = c.question_id join article a on a.id = q.article_id join voter on true
join counted on true where c.id = :c;
\set ups -1
with previous as (select coalesce((select value from comment_vote where comment_id = :c and member_id = :mid), 0) as value),
vote as (insert into comment_vote (comment_id, member_id, value) values (:c, :mid, :wanted)
         on conflict (comment_id, member_id) do update set value = excluded.value, created_at = excluded.created_at
         where comment_vote.value <> excluded.value)
update comment set ups = ups + (:wanted = 1)::int - (previous.value = 1)::int,
                   downs = downs + (:wanted = -1)::int - (previous.value = -1)::int
from previous where id = :c and previous.value <> :wanted returning ups, downs \aset
\if :ups < 0
-- the vote was already that: nothing written, the counters as they are
select ups, downs from comment where id = :c;
\endif
COMMIT;
