-- Agora benchmark and demo data, consistent with what the app's services write (see bench/README.md):
--   * 10,000 members (subject = a fixed UUID, so bench/keycloak-users.sh can create matching Keycloak users);
--   * threads of 500, 2,000 and 5,000 comments on the three questions of the article :'slug', and of 50 comments
--     on the first question of a copy of it (slug :'slug'-copy: the seed has three questions), nested
--     like real threads (about a third top-level answers, replies mostly to recent or early comments, chains up
--     to depth 12), each with the revision the app stores on posting, published, rendered body_html;
--   * 100,000 comment votes by distinct (comment, member) pairs, skewed to early comments, 3 in 4 up;
--   * question votes and 3,000 reactions on the article;
--   * and the denormalised counters recomputed from the rows: comment.ups/downs, question.ups/downs/comment_count,
--     the reaction tally's slots (article_reaction_tally_slot) - exactly what the services keep in the same
--     transaction as each row.
-- Runs once per database: it stops with a notice when the bench members already exist.
\set ON_ERROR_STOP on
set client_min_messages = notice;
-- the same data on every run (random() below draws from this seed), so that runs compare like with like
select setseed(0.2026);
select set_config('bench.slug', :'slug', false) as article;

do $gen$
declare
    art bigint;
    copy bigint;
    threads bigint[];
    sizes int[] := array[500, 2000, 5000, 50];
    qid bigint;
    n int;
    i int;
    ids bigint[];
    depths int[];
    parent_idx int;
    new_id bigint;
    d int;
    body text;
    words text[] := array['the','alliance','region','security','policy','trade','pacific','treaty','argument','evidence',
        'because','however','japan','australia','china','partners','history','deterrence','cooperation','interests',
        'think','agree','disagree','point','source','article','question','answer','why','members','europe','expansion',
        'strategy','risk','balance','power','diplomacy','economy','military','summit'];
    t0 timestamptz := now() - interval '30 days';
    mids bigint[];
begin
    if exists (select 1 from member where subject = '00000000-0000-4000-8000-000000000001') then
        raise notice 'bench data already present: nothing to do';
        return;
    end if;
    select id into art from article where slug = current_setting('bench.slug');
    if art is null then
        raise exception 'article % not found: start the app once so that it seeds it', current_setting('bench.slug');
    end if;
    if (select count(*) from question where article_id = art) < 3 then
        raise exception 'article % has fewer than three questions', current_setting('bench.slug');
    end if;

    -- a copy of the article (text, questions, reaction widget), for the fourth thread
    insert into article (slug, title, standfirst, image_caption, author, affiliation, reading_minutes, author_bio,
                         attribution, source_text, published_at, premoderation)
    select slug || '-copy', title || ' (copy)', standfirst, image_caption, author, affiliation, reading_minutes,
           author_bio, attribution, source_text, published_at, premoderation
    from article where id = art
    returning id into copy;
    insert into article_block (article_id, position, kind, text)
    select copy, position, kind, text from article_block where article_id = art;
    insert into question (article_id, position, kind, label, text, block_position, start_offset, end_offset)
    select copy, position, kind, label, text, block_position, start_offset, end_offset from question where article_id = art;
    insert into article_reaction_tally (article_id, kind, position)
    select copy, kind, position from article_reaction_tally where article_id = art;
    threads := array[(select id from question where article_id = art and position = 1),
                     (select id from question where article_id = art and position = 2),
                     (select id from question where article_id = art and position = 3),
                     (select id from question where article_id = copy and position = 1)];

    -- members: subject = a UUID Keycloak can use as the user id; username = the Keycloak user name
    insert into member (subject, username, display_name, created_at)
    select '00000000-0000-4000-8000-' || lpad(g::text, 12, '0'), 'member' || lpad(g::text, 5, '0'),
           'Member ' || lpad(g::text, 5, '0'), t0 - (g || ' minutes')::interval
    from generate_series(1, 10000) g;
    mids := array(select id from member where subject like '00000000-0000-4000-8000-%' order by id);

    for k in 1 .. 4 loop
        qid := threads[k];
        n := sizes[k];
        ids := array[]::bigint[];
        depths := array[]::int[];
        for i in 1 .. n loop
            -- a third of the comments answer the question; the rest reply to an earlier comment, mostly a recent
            -- one (conversations) and sometimes an early, visible one
            if i <= 3 or random() < 0.33 then
                parent_idx := null;
            elsif random() < 0.7 then
                parent_idx := greatest(1, i - 1 - floor(random() ^ 3 * least(i - 1, 40))::int);
            else
                parent_idx := 1 + floor(random() ^ 2 * (i - 1))::int;
            end if;
            if parent_idx is not null and depths[parent_idx] >= 12 then
                parent_idx := null;
            end if;
            d := case when parent_idx is null then 0 else depths[parent_idx] + 1 end;
            select string_agg(words[1 + floor(random() * array_length(words, 1))::int], ' ')
              into body from generate_series(1, 8 + floor(random() * 60)::int);
            body := initcap(substr(body, 1, 1)) || substr(body, 2) || '.';
            insert into comment (question_id, parent_id, author_id, depth, body, body_html, status, created_at)
            values (qid, case when parent_idx is null then null else ids[parent_idx] end,
                    mids[1 + floor(random() * 10000)::int], d, body, '<p>' || body || '</p>',
                    'published', t0 + (i * (interval '29 days' / n)))
            returning id into new_id;
            ids := ids || new_id;
            depths := depths || d;
        end loop;
    end loop;

    -- one revision per comment, as CommentService.post stores it
    insert into comment_revision (comment_id, body, created_at)
    select c.id, c.body, c.created_at from comment c
    where c.question_id = any (threads)
      and not exists (select 1 from comment_revision r where r.comment_id = c.id);
end
$gen$;

-- 100,000 distinct (comment, member) votes on the bench threads, skewed towards early comments
create temporary table bench_comments as
select c.id, row_number() over (order by c.question_id, c.id) as rn
from comment c join question q on q.id = c.question_id join article a on a.id = q.article_id
where a.slug in (:'slug', :'slug' || '-copy');
create temporary table bench_members as
select id, row_number() over (order by id) as rn from member where subject like '00000000-0000-4000-8000-%';

do $votes$
declare
    total int;
    nc int := (select count(*) from bench_comments);
begin
    if exists (select 1 from comment_vote v join bench_members m on m.id = v.member_id) then
        return;
    end if;
    loop
        select count(*) into total from comment_vote v join bench_members m on m.id = v.member_id;
        exit when total >= 100000;
        insert into comment_vote (comment_id, member_id, value, created_at)
        select c.id, m.id, case when random() < 0.75 then 1 else -1 end, now() - random() * interval '20 days'
        from (select 1 + floor(random() ^ 2 * nc)::int as c, 1 + floor(random() * 10000)::int as m
              from generate_series(1, 100000 - total)) pick
        join bench_comments c on c.rn = pick.c
        join bench_members m on m.rn = pick.m
        on conflict do nothing;
    end loop;
end
$votes$;

-- question votes and reactions by bench members
insert into question_vote (question_id, member_id, value)
select q.id, m.id, case when random() < 0.8 then 1 else -1 end
from question q join article a on a.id = q.article_id cross join bench_members m
where a.slug = :'slug' and m.rn % 7 = q.position % 7 and m.rn <= 2000
on conflict do nothing;

insert into reaction (article_id, member_id, kind)
select a.id, m.id, (array['like','like','like','love','love','funny','wow','sad','angry','dislike'])[1 + floor(random() * 10)::int]
from article a cross join bench_members m
where a.slug = :'slug' and m.rn <= 3000
on conflict do nothing;

-- the denormalised counters, recomputed from the rows (the app keeps them equal in every write transaction)
update comment c set ups = t.ups, downs = t.downs
from (select c.id, count(*) filter (where v.value = 1) as ups, count(*) filter (where v.value = -1) as downs
      from bench_comments c left join comment_vote v on v.comment_id = c.id group by c.id) t
where c.id = t.id;
update question q set ups = t.ups, downs = t.downs, comment_count = t.published
from (select q.id,
             (select count(*) from question_vote v where v.question_id = q.id and v.value = 1) as ups,
             (select count(*) from question_vote v where v.question_id = q.id and v.value = -1) as downs,
             (select count(*) from comment c where c.question_id = q.id and c.status = 'published') as published
      from question q join article a on a.id = q.article_id where a.slug in (:'slug', :'slug' || '-copy')) t
where q.id = t.id;
-- reaction tallies: each member's reaction in their slot (migrations/V11), as ReactionService counts it
insert into article_reaction_tally_slot as s (article_id, kind, slot, count)
select r.article_id, r.kind, agora_reaction_slot(r.member_id), count(*)
from reaction r join article a on a.id = r.article_id
where a.slug = :'slug'
group by r.article_id, r.kind, agora_reaction_slot(r.member_id)
on conflict (article_id, kind, slot) do update set count = excluded.count;

analyze;

select a.slug, q.position, q.id as question_id, q.comment_count, max(c.depth) as max_depth,
       count(*) filter (where c.parent_id is null) as top_level
from question q join article a on a.id = q.article_id join comment c on c.question_id = q.id
where a.slug in (:'slug', :'slug' || '-copy') group by a.slug, q.position, q.id, q.comment_count order by q.comment_count;
select (select count(*) from member where subject like '00000000-0000-4000-8000-%') as members,
       (select count(*) from comment_vote) as comment_votes,
       (select count(*) from reaction) as reactions;
