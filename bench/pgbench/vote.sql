-- The SQL the app runs for one PUT /api/comments/{id}/vote by a signed-in member (read from
-- security/SignedOutSessions, member/CurrentMember + moderation/SanctionService.knownMember, vote/VoteService,
-- moderation/RateLimiter, member/MemberLocks), with the same transactions. Variables: mfrom and mto (the generated
-- members numbered mfrom..mto: members without tokens, so that the app's own voters are not touched), cmin, cmax, and
-- hot (0: a random comment and direction, scenario C; otherwise that comment, each vote flipping the member's
-- previous one, scenario D).
\set n random(:mfrom, :mto)
\set c random(:cmin, :cmax)
\if :hot > 0
\set c :hot
\endif
\set r random(0, 3)
-- SignedOutSessions: the token's session has not signed out
select 1 from signed_out_session where sid = 'bench-session-' || :n;
-- CurrentMember via SanctionService.knownMember: the member of the token's subject and their standing, one statement
select m.username, m.display_name, m.email, m.id as mid, restriction.kind, restriction.until, restriction.reason,
       warning.id, warning.reason, warning.created_at,
       (select count(*) from notification n where n.member_id = m.id and n.read_at is null)
from member m
left join lateral (select kind, until, reason from sanction
                   where member_id = m.id and (kind = 'ban' or (kind = 'suspend' and until > now()))
                   order by kind = 'ban' desc, until desc limit 1) restriction on true
left join lateral (select id, reason, created_at from sanction
                   where member_id = m.id and kind = 'warn' and acknowledged_at is null
                   order by id limit 1) warning on true
where m.subject = '00000000-0000-4000-8000-' || lpad(:n::text, 12, '0') \gset
-- VoteService.voteOnComment (one transaction)
BEGIN;
select id, question_id, parent_id, author_id, depth, body, body_html, status, ups, downs, created_at, edited_at,
       deleted_at, submission_key, pinned, moderation_reason, moderation_message, open_reports
from comment where id = :c;
insert into rate_limit as r (member_id, action, window_start, count) values (:mid, 'vote', clock_timestamp(), 1)
on conflict (member_id, action) do update set
    window_start = case when r.window_start <= clock_timestamp() - make_interval(secs => 60.0)
                        then clock_timestamp() else r.window_start end,
    count = case when r.window_start <= clock_timestamp() - make_interval(secs => 60.0)
                 then 1 else r.count + 1 end
returning count, extract(epoch from (window_start + make_interval(secs => 60.0) - clock_timestamp()));
select id from member where id = :mid for no key update;
select coalesce((select value from comment_vote where comment_id = :c and member_id = :mid), 0) as prev \gset
\if :hot > 0
\set wanted case when :prev = 1 then -1 else 1 end
\else
\set wanted case when :r < 3 then 1 else -1 end
\endif
\if :prev = :wanted
select ups, downs from comment where id = :c;
\else
\if :prev != 0
delete from comment_vote where comment_id = :c and member_id = :mid;
\endif
insert into comment_vote (comment_id, member_id, value) values (:c, :mid, :wanted);
\set du (case when :wanted = 1 then 1 else 0 end) - (case when :prev = 1 then 1 else 0 end)
\set dd (case when :wanted = -1 then 1 else 0 end) - (case when :prev = -1 then 1 else 0 end)
update comment set ups = ups + :du, downs = downs + :dd where id = :c returning ups, downs;
\endif
COMMIT;
