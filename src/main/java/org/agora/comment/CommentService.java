package org.agora.comment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.agora.i18n.Msg;
import org.agora.moderation.PreModeration;
import org.agora.moderation.RateAction;
import org.agora.moderation.RateLimiter;
import org.agora.moderation.pipeline.Verdict;
import org.agora.member.MemberLocks;
import org.agora.question.Question;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.vote.CommentSort;
import org.agora.vote.Ranked;
import org.agora.ops.AgoraMetrics;
import org.agora.web.AppException;

/** Posting, editing and deleting comments, and assembling a question's thread for one viewer. */
@ApplicationScoped
public class CommentService {

    private static final String THREAD_COLUMNS = """
            select c.id, c.parent_id, c.author_id, case when m.deleted_at is null then m.username else '[deleted member]' end, c.depth, c.body_html, c.status,
                   c.ups, c.downs, c.created_at, c.edited_at, c.pinned, c.moderation_reason, c.moderation_message,
                   c.question_id, c.seminar_id, c.stance
            from comment c join member m on m.id = c.author_id""";

    /** How many columns THREAD_COLUMNS selects; a query that adds one reads it at this index. */
    private static final int THREAD_COLUMN_COUNT = 17;

    /** Threads with more published comments than this show a page of answers at a time. */
    public static final int WHOLE_THREAD_LIMIT = 200;

    /** Answers (top-level comments) per page of a long thread. */
    public static final int ANSWERS_PER_PAGE = 20;

    /** Levels of replies a long thread's page shows under each answer (or a branch page under its comment). */
    public static final int REPLY_LEVELS = 3;

    /** Replies a long thread's page shows under each comment; the others are behind "show more". */
    public static final int REPLIES_SHOWN = 3;

    /** A thread row's visibility for the viewer :me (public, or their own held or rejected comment). */
    private static final String VISIBLE_IN_THREAD = " (%1$s.status in ('published', 'deleted', 'removed') or %1$s.author_id = :me)";

    /** Public comments and tombstones, plus the viewer's own held or rejected ones (staff see everything). */
    private static final String VISIBLE = " and (c.status in ('published', 'deleted', 'removed') or c.author_id = :me or :staff)";

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    MemberLocks memberLocks;

    @Inject
    PreModeration preModeration;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AgoraMetrics metrics;

    @Inject
    org.agora.seminar.SeminarGate seminars;

    @Inject
    SeminarScopes seminarScopes;

    @Inject
    org.agora.AgoraConfig config;

    @Inject
    ThreadSlices threadSlices;

    @Inject
    org.agora.notification.ActivityNotifier activity;

    /**
     * Posts an answer to a question, or a reply when {@code parentId} is set. The same {@code submissionKey}
     * (one per rendered form, or the API's Idempotency-Key) always yields the same single comment, so a double
     * submit never double-posts.
     */
    @Transactional
    public long post(Viewer viewer, long questionId, Long parentId, String body, UUID submissionKey) {
        return post(viewer, questionId, parentId, body, submissionKey, null);
    }

    /**
     * A passage of the article a comment quotes: block position and character offsets in that block's text. The
     * quoted words go at the top of the comment as a Markdown quote linking back to the exact passage.
     */
    public record Quote(int block, int start, int end) {
        public static final int MAX_LENGTH = 1000;
    }

    /** Posts a comment, optionally quoting a passage of the article; see {@link #post(Viewer, long, Long, String, UUID)}. */
    @Transactional
    public long post(Viewer viewer, long questionId, Long parentId, String body, UUID submissionKey, Quote quote) {
        guardian.ensureCanComment(viewer);
        Question question = visibleQuestion(viewer, questionId);
        guardian.ensureCanCommentOn(viewer, question);
        return insert(viewer, question, null, false, false, parentId, body, submissionKey, null, quote);
    }

    /**
     * Posts into a seminar's private thread; the caller (SeminarService) has checked that the viewer may. A
     * seminar comment never counts towards the question's public {@code comment_count}.
     *
     * @param heldByPremoderation the seminar holds students' comments for its tutor
     * @param trusted the author runs the seminar, so pre-moderation doesn't hold them
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long postInSeminar(Viewer viewer, Question question, long seminarId, boolean heldByPremoderation, boolean trusted,
            Long parentId, String body, UUID submissionKey, String stance) {
        if (stance != null && parentId != null) {
            throw AppException.invalid("stance", "Only an answer to the question carries a stance, not a reply.");
        }
        return insert(viewer, question, seminarId, heldByPremoderation, trusted, parentId, body, submissionKey, stance, null);
    }

    private long insert(Viewer viewer, Question question, Long seminarId, boolean seminarPremoderation, boolean trusted,
            Long parentId, String body, UUID submissionKey, String stance, Quote quote) {
        // one person's posts go one at a time, so a double click's twin waits for the first to commit, then finds
        // its comment by the submission key below instead of being refused by the rate limit
        memberLocks.lock(viewer.memberId());
        if (submissionKey != null) {
            Long existing = commentIdForSubmission(submissionKey, viewer.memberId());
            if (existing != null) {
                return existing;
            }
        }
        String text = CommentText.validate(quote == null ? body : quoteMarkdown(question, quote) + (body == null ? "" : body));
        if (seminarId != null) {
            text = seminars.pseudonymiseMentions(viewer, seminarId, text);
        }
        rateLimiter.check(viewer, RateAction.COMMENT);
        int depth = 0;
        if (parentId != null) {
            Comment parent = Comment.<Comment>findByIdOptional(parentId)
                    .filter(c -> c.questionId.equals(question.id) && java.util.Objects.equals(c.seminarId, seminarId))
                    .orElseThrow(() -> AppException.invalid("parentId", "The comment you are replying to is not in this thread.").localized(Msg::error_parentElsewhere));
            guardian.ensureCanReplyTo(viewer, parent);
            depth = parent.depth + 1;
            if (depth > Comment.MAX_DEPTH) {
                throw AppException.invalid("parentId", "Replies nest at most " + Comment.MAX_DEPTH
                        + " levels deep; reply to an earlier comment in this chain instead.").localized(m -> m.error_tooDeep(Comment.MAX_DEPTH));
            }
        }
        Verdict verdict = preModeration.evaluate(viewer, question, text, seminarPremoderation, trusted);
        if (verdict.outcome() == Verdict.Outcome.REFUSE) {
            throw verdict.refusal();
        }
        boolean held = verdict.outcome() == Verdict.Outcome.HOLD;
        List<?> inserted = em.createNativeQuery("""
                        insert into comment (question_id, parent_id, author_id, depth, body, body_html, status, moderation_reason,
                                             submission_key, seminar_id, stance, quote_block, quote_start, quote_end)
                        values (:q, :p, :a, :d, :body, :html, :status, :reason, :key, :seminar, :stance, :qb, :qs, :qe)
                        on conflict (submission_key) do nothing
                        returning id""")
                .setParameter("q", question.id)
                .setParameter("p", parentId)
                .setParameter("a", viewer.memberId())
                .setParameter("d", depth)
                .setParameter("body", text)
                .setParameter("html", markdown.toSafeHtml(text))
                .setParameter("status", held ? CommentStatus.PENDING.db() : CommentStatus.PUBLISHED.db())
                .setParameter("reason", verdict.reason())
                .setParameter("key", submissionKey)
                .setParameter("seminar", seminarId)
                .setParameter("stance", stance)
                .setParameter("qb", quote == null ? null : quote.block())
                .setParameter("qs", quote == null ? null : quote.start())
                .setParameter("qe", quote == null ? null : quote.end())
                .getResultList();
        if (inserted.isEmpty()) {
            // a concurrent duplicate of the same form won the race; answer with its comment
            Long winner = commentIdForSubmission(submissionKey, viewer.memberId());
            if (winner == null) {
                throw AppException.conflict("This form was already used. Reload the page and try again.").localized(Msg::error_formUsed);
            }
            return winner;
        }
        long id = ((Number) inserted.get(0)).longValue();
        addRevision(id, text);
        if (!held && seminarId == null) {
            em.createNativeQuery("update question set comment_count = comment_count + 1 where id = :q")
                    .setParameter("q", question.id).executeUpdate();
        }
        if (!held) {
            // a seminar comment notifies the seminar's own people only (ActivityNotifier)
            activity.commentPublished(id);
        }
        metrics.commentPosted(depth);
        return id;
    }

    /** Replaces the text of the viewer's own comment, keeping every earlier version. */
    @Transactional
    public Comment edit(Viewer viewer, long commentId, String body) {
        guardian.ensureSignedIn(viewer);
        Comment comment = find(commentId);
        seminars.ensureCanSee(viewer, comment);
        guardian.ensureCanEditComment(viewer, comment);
        seminars.ensureCanTakePart(viewer, comment);
        String text = CommentText.validate(body);
        if (comment.seminarId != null) {
            text = seminars.pseudonymiseMentions(viewer, comment.seminarId, text);
        }
        Verdict verdict = preModeration.screenEdit(text);
        if (verdict.outcome() == Verdict.Outcome.REFUSE) {
            throw verdict.refusal();
        }
        if (!text.equals(comment.body)) {
            comment.body = text;
            comment.bodyHtml = markdown.toSafeHtml(text);
            comment.editedAt = Instant.now();
            addRevision(comment.id, text);
        }
        return comment;
    }

    /** Soft-deletes the viewer's own comment: a tombstone keeps the thread's shape and its replies. */
    @Transactional
    public Comment delete(Viewer viewer, long commentId) {
        guardian.ensureSignedIn(viewer);
        Comment comment = find(commentId);
        seminars.ensureCanSee(viewer, comment);
        guardian.ensureCanDeleteComment(viewer, comment);
        seminars.ensureCanTakePart(viewer, comment);
        boolean wasCounted = comment.status() == CommentStatus.PUBLISHED && comment.seminarId == null;
        comment.status = CommentStatus.DELETED.db();
        comment.deletedAt = Instant.now();
        if (wasCounted) {
            em.createNativeQuery("update question set comment_count = comment_count - 1 where id = :q")
                    .setParameter("q", comment.questionId).executeUpdate();
        }
        return comment;
    }

    @Transactional
    public Comment find(long commentId) {
        return Comment.<Comment>findByIdOptional(commentId).orElseThrow(() -> AppException.notFound("comment"));
    }

    /** The comment, when the viewer may see where it lives: a seminar comment is a 404 to outsiders. */
    @Transactional
    public Comment findVisible(Viewer viewer, long commentId) {
        Comment comment = find(commentId);
        seminars.ensureCanSee(viewer, comment);
        return comment;
    }

    /** One comment as the viewer sees it; 404 for comments the public can't see, and seminar comments to outsiders. */
    @Transactional
    public CommentView viewOf(Viewer viewer, long commentId) {
        Comment comment = findVisible(viewer, commentId);
        Scope scope;
        if (comment.seminarId == null) {
            Question question = visibleQuestion(viewer, comment.questionId);
            scope = Scope.publicThread(guardian.canCommentOn(viewer, question), guardian.canModerate(viewer));
        } else {
            scope = seminarScopes.scope(viewer, comment.seminarId, visibleQuestion(viewer, comment.questionId));
        }
        List<?> rows = em.createNativeQuery(THREAD_COLUMNS + " where c.id = :id" + VISIBLE)
                .setParameter("id", commentId)
                .setParameter("me", viewer.signedIn() ? viewer.memberId() : -1L)
                .setParameter("staff", scope.canModerate())
                .getResultList();
        if (rows.isEmpty()) {
            throw AppException.notFound("comment");
        }
        Row row = Row.of((Object[]) rows.get(0));
        Row parent = null;
        if (row.parentId != null && row.depth > CommentView.MAX_NESTING) {
            List<?> parents = em.createNativeQuery(THREAD_COLUMNS + " where c.id = :id").setParameter("id", row.parentId).getResultList();
            parent = parents.isEmpty() ? null : Row.of((Object[]) parents.get(0));
        }
        int myVote = 0;
        if (viewer.signedIn()) {
            List<?> votes = em.createNativeQuery("select value from comment_vote where comment_id = :c and member_id = :m")
                    .setParameter("c", commentId).setParameter("m", viewer.memberId()).getResultList();
            myVote = votes.isEmpty() ? 0 : ((Number) votes.get(0)).intValue();
        }
        return view(viewer, row, parent, myVote, scope);
    }

    /** The question, when the viewer may see it (hidden ones show only to staff); 404 otherwise. */
    private Question visibleQuestion(Viewer viewer, long questionId) {
        return Question.<Question>findByIdOptional(questionId)
                .filter(q -> guardian.canSeeQuestion(viewer, q))
                .orElseThrow(() -> AppException.notFound("question"));
    }

    @Transactional
    public List<CommentRevision> revisions(long commentId) {
        find(commentId);
        return CommentRevision.ofComment(commentId);
    }

    /**
     * The whole public thread of a question in display order: siblings sorted by {@code sort}, each followed by its
     * replies. Two statements whatever the thread's size: the comments with their authors, and the viewer's votes.
     */
    @Transactional
    public List<CommentView> thread(Viewer viewer, long questionId, CommentSort sort) {
        Question question = visibleQuestion(viewer, questionId);
        return thread(viewer, question, Scope.publicThread(guardian.canCommentOn(viewer, question), guardian.canModerate(viewer)),
                sort, false);
    }

    /**
     * A thread in a scope: the public one, or one seminar's. {@code bothSides} alternates the best top-level answers
     * of each stance (agree, disagree, it depends), then the answers without one; replies keep {@code sort}.
     */
    @Transactional
    public List<CommentView> thread(Viewer viewer, Question question, Scope scope, CommentSort sort, boolean bothSides) {
        List<Shown.Entry> entries = threadEntries(question, scope.seminarId(), viewer.signedIn() ? viewer.memberId() : -1L, sort, bothSides);
        Map<Long, Integer> myVotes = viewer.signedIn() ? myVotes(viewer.memberId(), question.id) : Map.of();
        List<CommentView> views = new ArrayList<>(entries.size());
        for (Shown.Entry entry : entries) {
            views.add(view(viewer, entry.row(), entry.parent(), myVotes.getOrDefault(entry.row().id, 0), scope));
        }
        return views;
    }

    /** A whole thread (public: {@code seminarId} null) in display order, as visible to member {@code me} (-1: to everyone). */
    private List<Shown.Entry> threadEntries(Question question, Long seminarId, long me, CommentSort sort, boolean bothSides) {
        var query = em.createNativeQuery(THREAD_COLUMNS + " where c.question_id = :q"
                        + (seminarId == null ? " and c.seminar_id is null" : " and c.seminar_id = :s")
                        + " and (c.status in ('published', 'deleted', 'removed') or c.author_id = :me)")
                .setParameter("q", question.id)
                .setParameter("me", me);
        if (seminarId != null) {
            query.setParameter("s", seminarId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();

        Map<Long, Row> byId = new HashMap<>();
        for (Object[] r : rows) {
            Row row = Row.of(r);
            byId.put(row.id, row);
        }
        List<Row> roots = new ArrayList<>();
        for (Row row : byId.values()) {
            Row parent = row.parentId == null ? null : byId.get(row.parentId);
            if (parent == null) {
                roots.add(row);
            } else {
                parent.replies.add(row);
            }
        }
        var order = sort.<Row>comparator();
        byId.values().forEach(row -> row.replies.sort(order));
        // pinned (featured) answers come first, in the chosen order among themselves
        roots.sort(java.util.Comparator.comparing((Row r) -> !r.pinned).thenComparing(order));
        if (bothSides) {
            roots = BothSides.interleave(roots, r -> r.pinned, r -> r.stance);
        }

        // iterative depth-first walk: a deep reply chain must not exhaust the stack
        List<Shown.Entry> entries = new ArrayList<>(byId.size());
        Deque<Row> pending = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            pending.push(roots.get(i));
        }
        while (!pending.isEmpty()) {
            Row row = pending.pop();
            entries.add(new Shown.Entry(row, row.parentId == null ? null : byId.get(row.parentId), 0));
            for (int i = row.replies.size() - 1; i >= 0; i--) {
                pending.push(row.replies.get(i));
            }
        }
        return List.copyOf(entries);
    }

    /** One page of a thread in display order, with how many comments the whole thread has. */
    public record ThreadSlice(List<CommentView> comments, long total) {
    }

    /**
     * The public thread in display order (as {@link #thread(Viewer, long, CommentSort)}: answers pinned first, then in
     * {@code sort} order, each followed depth-first by its replies in {@code sort} order), {@code limit} comments from
     * {@code offset}, paged in PostgreSQL: a recursive query numbers each comment among its siblings and orders the
     * tree by the path of those numbers, so only the page's rows leave the database and are rendered. A fixed number
     * of statements whatever the thread's size: the count, the page (after switching PostgreSQL's JIT off for it), the
     * parents of deeply nested page rows (when there are any), the viewer's votes on the page.
     */
    @Transactional
    public ThreadSlice threadSlice(Viewer viewer, long questionId, CommentSort sort, int offset, int limit) {
        Question question = visibleQuestion(viewer, questionId);
        long me = viewer.signedIn() ? viewer.memberId() : -1L;
        long total = ((Number) em.createNativeQuery("select count(*) from comment c where c.question_id = :q"
                        + " and c.seminar_id is null and" + VISIBLE_IN_THREAD.formatted("c"))
                .setParameter("q", questionId).setParameter("me", me).getSingleResult()).longValue();
        if (offset >= total) {
            return new ThreadSlice(List.of(), total);
        }
        // PostgreSQL can't estimate a recursive query's size and guesses billions of rows, which makes it JIT-compile
        // the query: seconds of compiling for milliseconds of work (measured: 3.6 s against 24 ms at 5,000
        // comments, bench/thread-api-page.sh). Off for this transaction only.
        em.createNativeQuery("select set_config('jit', 'off', true)").getSingleResult();
        // a visible comment whose parent the viewer can't see is shown as an answer, as the in-memory thread does
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("with recursive visible as ("
                        + " select c.id, c.parent_id, c.pinned, c.ups, c.downs, c.created_at from comment c"
                        + " where c.question_id = :q and c.seminar_id is null and" + VISIBLE_IN_THREAD.formatted("c")
                        + "), ranked as ("
                        + " select v.id, v.parent_id, p.id is null as root,"
                        + "   row_number() over (partition by case when p.id is null then null else v.parent_id end"
                        + "     order by case when p.id is null then not v.pinned else false end, " + sort.sqlOrder("v") + ") as place"
                        + " from visible v left join visible p on p.id = v.parent_id"
                        + "), tree (id, path) as ("
                        + " select id, array[place] from ranked where root"
                        + " union all"
                        + " select r.id, t.path || r.place from tree t join ranked r on r.parent_id = t.id and not r.root"
                        + "), page as (select id, path from tree order by path limit :limit offset :offset) "
                        // only the page's rows are joined with their text and author
                        + THREAD_COLUMNS.replace("from comment c join", ", cardinality(t.path) = 1 from page t join comment c on c.id = t.id join")
                        + " order by t.path")
                .setParameter("q", questionId).setParameter("me", me)
                .setParameter("limit", limit).setParameter("offset", offset)
                .getResultList();
        List<Row> page = new ArrayList<>(rows.size());
        Set<Long> answers = new HashSet<>();
        for (Object[] r : rows) {
            Row row = Row.of(r);
            page.add(row);
            if (Boolean.TRUE.equals(r[THREAD_COLUMN_COUNT])) {
                answers.add(row.id);
            }
        }
        Map<Long, Row> parents = new HashMap<>();
        page.forEach(row -> parents.put(row.id, row));
        // "in reply to" names the parent of a reply nested deeper than shown, which may be on an earlier page
        List<Long> missing = page.stream().filter(row -> row.depth > CommentView.MAX_NESTING && !answers.contains(row.id)
                && !parents.containsKey(row.parentId)).map(row -> row.parentId).distinct().toList();
        if (!missing.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> parentRows = em.createNativeQuery(THREAD_COLUMNS + " where c.id in (:ids)")
                    .setParameter("ids", missing).getResultList();
            parentRows.forEach(r -> parents.put(((Number) r[0]).longValue(), Row.of(r)));
        }
        Map<Long, Integer> myVotes = viewer.signedIn() ? myVotesOn(viewer.memberId(), page.stream().map(row -> row.id).toList()) : Map.of();
        Scope scope = Scope.publicThread(guardian.canCommentOn(viewer, question), guardian.canModerate(viewer));
        List<CommentView> views = new ArrayList<>(page.size());
        for (Row row : page) {
            Row parent = row.parentId == null || answers.contains(row.id) ? null : parents.get(row.parentId);
            views.add(view(viewer, row, parent, myVotes.getOrDefault(row.id, 0), scope));
        }
        return new ThreadSlice(views, total);
    }

    /**
     * The part of the thread a page shows, at a cost that does not grow with the thread: a thread of up to
     * {@link #WHOLE_THREAD_LIMIT} published comments whole (as {@link #thread}); a longer one as page {@code page} of
     * its answers in {@code sort} order, each with the first {@link #REPLIES_SHOWN} replies of each comment,
     * {@link #REPLY_LEVELS} levels deep; with {@code branch}, that comment with its replies the same way.
     *
     * <p>Which comments a page shows is the same for every viewer except one who has held or rejected comments in the
     * thread (they see theirs), so it is kept ({@link ThreadSlices}) and only the viewer's part is read per request:
     * their votes on the shown comments, and whether they have such comments here (one statement). A kept selection
     * is dropped when anything in the thread changes, from the same notifications as the anonymous page cache.
     */
    @Transactional
    public ThreadPage threadPage(Viewer viewer, long questionId, CommentSort sort, int page, Long branch) {
        Question question = visibleQuestion(viewer, questionId);
        ThreadSlices.Key key = new ThreadSlices.Key(questionId, sort, Math.max(page, 1), branch);
        long start = threadSlices.start();
        Shown shown = threadSlices.find(key, question.articleId);
        if (shown == null) {
            shown = shown(question, sort, page, branch, -1L);
            threadSlices.keep(key, question.articleId, shown, start);
        }
        Map<Long, Integer> myVotes = Map.of();
        if (viewer.signedIn()) {
            OwnPart own = ownPart(viewer.memberId(), questionId, shown.ids());
            if (own.heldOrRejected()) {
                shown = shown(question, sort, page, branch, viewer.memberId());
                myVotes = myVotesOn(viewer.memberId(), shown.ids());
            } else {
                myVotes = own.votes();
            }
        }
        Scope scope = Scope.publicThread(guardian.canCommentOn(viewer, question), guardian.canModerate(viewer));
        List<CommentView> views = new ArrayList<>(shown.entries().size());
        for (Shown.Entry entry : shown.entries()) {
            views.add(view(viewer, entry.row(), entry.parent(), myVotes.getOrDefault(entry.row().id, 0), scope, entry.moreReplies()));
        }
        return new ThreadPage(views, shown.page(), shown.pages(), shown.answers(), shown.branch(), shown.branchParent());
    }

    /**
     * The comments a public thread page shows, in display order, as visible to member {@code me} (-1: as to everyone),
     * before they are prepared for a viewer. Never changed once built: a kept one is shared by concurrent requests.
     */
    record Shown(List<Entry> entries, int page, int pages, int answers, Long branch, Long branchParent) {
        /** A shown comment, the comment it replies to (if shown or needed for "in reply to"), replies left out. */
        record Entry(Row row, Row parent, int moreReplies) {
        }

        List<Long> ids() {
            return entries.stream().map(e -> e.row().id).toList();
        }

        /** Roughly the characters it holds, for bounding what is kept. */
        int weight() {
            int chars = 64;
            for (Entry entry : entries) {
                chars += 160 + entry.row().bodyHtml.length();
            }
            return chars;
        }
    }

    /** A viewer's own part of a thread page: their votes on its comments, and whether they have held or rejected comments in it. */
    private record OwnPart(Map<Long, Integer> votes, boolean heldOrRejected) {
    }

    private OwnPart ownPart(long memberId, long questionId, List<Long> commentIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select comment_id, value, false from comment_vote where member_id = :m and comment_id = any(:ids)
                        union all
                        (select c.id, 0, true from comment c where c.author_id = :m and c.question_id = :q and c.seminar_id is null
                           and c.status not in ('published', 'deleted', 'removed') limit 1)""")
                .setParameter("m", memberId).setParameter("q", questionId)
                // one array parameter: the same statement text for every page, so Hibernate and PostgreSQL reuse its plan
                .setParameter("ids", commentIds.toArray(Long[]::new)).getResultList();
        Map<Long, Integer> votes = new HashMap<>();
        boolean heldOrRejected = false;
        for (Object[] r : rows) {
            if (Boolean.TRUE.equals(r[2])) {
                heldOrRejected = true;
            } else {
                votes.put(((Number) r[0]).longValue(), ((Number) r[1]).intValue());
            }
        }
        return new OwnPart(votes, heldOrRejected);
    }

    /** Which comments the page shows to member {@code me} (-1: to everyone): the statements behind {@link #threadPage}. */
    private Shown shown(Question question, CommentSort sort, int page, Long branch, long me) {
        long questionId = question.id;
        if (branch == null && question.commentCount <= WHOLE_THREAD_LIMIT) {
            List<Shown.Entry> all = threadEntries(question, null, me, sort, false);
            int answers = (int) all.stream().filter(e -> e.row().parentId == null).count();
            return new Shown(all, 1, 1, answers, null, null);
        }
        List<Long> roots;
        int pages;
        int answers;
        int current;
        if (branch != null) {
            roots = List.of(branch);
            pages = 1;
            answers = 1;
            current = 1;
        } else {
            // the database sorts the answers (pinned first, then the sort as CommentSort.sqlOrder states it) and
            // returns only this page's, with how many there are: the transfer doesn't grow with the thread
            String answersSql = "select c.id, count(*) over () from comment c where c.question_id = :q and c.seminar_id is null"
                    + " and c.parent_id is null and" + VISIBLE_IN_THREAD.formatted("c")
                    + " order by c.pinned desc, " + sort.sqlOrder("c") + " limit :limit offset :offset";
            current = Math.min(Math.max(page, 1), Integer.MAX_VALUE / ANSWERS_PER_PAGE); // no offset overflow from ?page=
            List<Object[]> keys = answerIds(answersSql, questionId, me, current);
            if (keys.isEmpty() && current > 1) {
                // past the last page: show the last one (a page number from an old link, or a thread that shrank)
                Number all = (Number) em.createNativeQuery("select count(*) from comment c where c.question_id = :q and c.seminar_id is null"
                                + " and c.parent_id is null and" + VISIBLE_IN_THREAD.formatted("c"))
                        .setParameter("q", questionId).setParameter("me", me).getSingleResult();
                current = Math.max(1, (all.intValue() + ANSWERS_PER_PAGE - 1) / ANSWERS_PER_PAGE);
                keys = all.intValue() == 0 ? List.of() : answerIds(answersSql, questionId, me, current);
            }
            answers = keys.isEmpty() ? 0 : ((Number) keys.get(0)[1]).intValue();
            pages = Math.max(1, (answers + ANSWERS_PER_PAGE - 1) / ANSWERS_PER_PAGE);
            roots = keys.stream().map(k -> ((Number) k[0]).longValue()).toList();
        }
        if (roots.isEmpty()) {
            return new Shown(List.of(), current, pages, answers, null, null);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("with recursive shown (id, level) as ("
                        + " select c.id, 0 from comment c where c.id in (:roots) and c.question_id = :q and c.seminar_id is null and"
                        + VISIBLE_IN_THREAD.formatted("c")
                        + " union all"
                        + " select k.id, s.level + 1 from shown s cross join lateral ("
                        + "   select r.id from comment r where r.parent_id = s.id and" + VISIBLE_IN_THREAD.formatted("r")
                        + "   order by " + sort.sqlOrder("r") + " limit :shown) k"
                        + " where s.level < :levels)"
                        + THREAD_COLUMNS.replace("from comment c join", ", (select count(*) from comment x where x.parent_id = c.id and"
                                + VISIBLE_IN_THREAD.formatted("x") + ") as replies from comment c join")
                        + " where c.id in (select id from shown)")
                .setParameter("roots", roots).setParameter("q", questionId).setParameter("me", me)
                .setParameter("shown", REPLIES_SHOWN).setParameter("levels", REPLY_LEVELS)
                .getResultList();
        if (rows.isEmpty()) {
            throw AppException.notFound("comment"); // a branch that is not in this thread, or not visible
        }
        Map<Long, Row> byId = new HashMap<>();
        Map<Long, Integer> replyCounts = new HashMap<>();
        for (Object[] r : rows) {
            Row row = Row.of(r);
            byId.put(row.id, row);
            replyCounts.put(row.id, ((Number) r[THREAD_COLUMN_COUNT]).intValue()); // the column after THREAD_COLUMNS
        }
        for (Row row : byId.values()) {
            Row parent = row.parentId == null ? null : byId.get(row.parentId);
            if (parent != null && !roots.contains(row.id)) {
                parent.replies.add(row);
            }
        }
        var order = sort.<Row>comparator();
        byId.values().forEach(row -> row.replies.sort(order));
        List<Shown.Entry> entries = new ArrayList<>(byId.size());
        Deque<Row> pending = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            Row root = byId.get(roots.get(i));
            if (root != null) {
                pending.push(root);
            }
        }
        while (!pending.isEmpty()) {
            Row row = pending.pop();
            Row parent = row.parentId == null ? null : byId.get(row.parentId);
            entries.add(new Shown.Entry(row, parent, replyCounts.get(row.id) - row.replies.size()));
            for (int i = row.replies.size() - 1; i >= 0; i--) {
                pending.push(row.replies.get(i));
            }
        }
        Long branchParent = branch == null ? null : byId.get(branch).parentId;
        return new Shown(List.copyOf(entries), current, pages, answers, branch, branchParent);
    }

    /** One page of answer ids, each row with the number of answers in the thread. */
    @SuppressWarnings("unchecked")
    private List<Object[]> answerIds(String answersSql, long questionId, long me, int page) {
        return em.createNativeQuery(answersSql).setParameter("q", questionId).setParameter("me", me)
                .setParameter("limit", ANSWERS_PER_PAGE).setParameter("offset", (page - 1) * ANSWERS_PER_PAGE).getResultList();
    }

    /**
     * Where a thread lives and what the viewer may do in it: {@code seminarId} null for the public thread;
     * {@code open}: the viewer may add comments; {@code writable}: the viewer may edit, delete, vote and report
     * (a frozen or revealed seminar is read-only); {@code canModerate}: remove, restore, pin (moderators, or the
     * seminar's tutor); {@code names}: how authors are named to this viewer.
     */
    public record Scope(Long seminarId, boolean open, boolean writable, boolean canModerate, AuthorNames names) {
        public static Scope publicThread(boolean open, boolean canModerate) {
            return new Scope(null, open, true, canModerate, AuthorNames.REAL);
        }
    }

    /** Builds the scope of a seminar thread; implemented by the seminar package, which the comment package doesn't know. */
    public interface SeminarScopes {
        Scope scope(Viewer viewer, long seminarId, Question question);
    }

    private CommentView view(Viewer viewer, Row row, Row parent, int myVote, Scope scope) {
        return view(viewer, row, parent, myVote, scope, 0);
    }

    /** {@code moreReplies}: replies a long thread's page leaves behind "show more". */
    private CommentView view(Viewer viewer, Row row, Row parent, int myVote, Scope scope, int moreReplies) {
        boolean deleted = row.status == CommentStatus.DELETED || row.status == CommentStatus.REMOVED;
        Comment permissionProbe = row.asComment();
        String inReplyTo = row.depth > CommentView.MAX_NESTING && parent != null
                ? (parent.status == CommentStatus.PUBLISHED ? scope.names().of(parent.authorId, parent.username) : "a deleted comment")
                : null;
        // the reason is for the author (and staff); the public sees only a tombstone
        boolean toldWhy = viewer.is(row.authorId) || scope.canModerate();
        return new CommentView(row.id, row.parentId, row.depth, Math.min(row.depth, CommentView.MAX_NESTING),
                deleted ? null : scope.names().of(row.authorId, row.username),
                deleted ? "" : row.bodyHtml,
                row.ups, row.downs, row.createdAt, deleted ? null : row.editedAt, deleted, inReplyTo, myVote,
                row.status.db(), row.pinned,
                toldWhy ? row.moderationReason : null,
                toldWhy ? row.moderationMessage : null,
                scope.open() && guardian.canReplyTo(viewer, permissionProbe),
                scope.writable() && guardian.canEditComment(viewer, permissionProbe),
                scope.writable() && guardian.canDeleteComment(viewer, permissionProbe),
                scope.writable() && guardian.canVoteOnComment(viewer, permissionProbe),
                scope.writable() && guardian.canReport(viewer, permissionProbe),
                scope.canModerate(),
                deleted ? null : row.stance,
                moreReplies);
    }

    private Map<Long, Integer> myVotesOn(long memberId, List<Long> commentIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select comment_id, value from comment_vote where member_id = :m and comment_id in (:ids)")
                .setParameter("m", memberId).setParameter("ids", commentIds).getResultList();
        Map<Long, Integer> votes = new HashMap<>();
        rows.forEach(r -> votes.put(((Number) r[0]).longValue(), ((Number) r[1]).intValue()));
        return votes;
    }

    private Map<Long, Integer> myVotes(long memberId, long questionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select v.comment_id, v.value from comment_vote v join comment c on c.id = v.comment_id
                        where c.question_id = :q and v.member_id = :m""")
                .setParameter("q", questionId).setParameter("m", memberId)
                .getResultList();
        Map<Long, Integer> votes = new HashMap<>();
        rows.forEach(r -> votes.put(((Number) r[0]).longValue(), ((Number) r[1]).intValue()));
        return votes;
    }

    /**
     * "> quoted words" plus a link to the passage: the block's anchor with a text fragment, which browsers scroll to
     * and highlight. 400 when the block or offsets don't exist in the question's article.
     */
    private String quoteMarkdown(Question question, Quote quote) {
        List<?> texts = em.createNativeQuery("select text from article_block where article_id = :a and position = :p")
                .setParameter("a", question.articleId).setParameter("p", quote.block()).getResultList();
        if (texts.isEmpty()) {
            throw AppException.invalid("quote", "The quoted passage is not in this article.");
        }
        String block = (String) texts.get(0);
        if (quote.start() < 0 || quote.end() > block.length() || quote.end() <= quote.start()
                || quote.end() - quote.start() > Quote.MAX_LENGTH) {
            throw AppException.invalid("quote", "The quoted passage is not in this article (or is over " + Quote.MAX_LENGTH + " characters).");
        }
        String quoted = block.substring(quote.start(), quote.end()).strip().replaceAll("\\s+", " ");
        String slug = (String) em.createNativeQuery("select slug from article where id = :a").setParameter("a", question.articleId)
                .getSingleResult();
        String fragment = java.net.URLEncoder.encode(quoted, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                .replace("-", "%2D");
        // the quoted words are text: escape what Markdown would read as syntax
        String escaped = quoted.replaceAll("([\\\\`*_\\[\\]<>#|~!])", "\\\\$1");
        // absolute: the sanitiser keeps only http(s) and mailto links
        return "> " + escaped + "\n>\n> — [the article](" + config.publicUrl() + "/articles/" + slug + "#b-" + quote.block() + ":~:text=" + fragment + ")\n\n";
    }

    private Long commentIdForSubmission(UUID submissionKey, long memberId) {
        List<?> ids = em.createNativeQuery("select id, author_id from comment where submission_key = :key")
                .setParameter("key", submissionKey).getResultList();
        if (ids.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) ids.get(0);
        if (((Number) row[1]).longValue() != memberId) {
            throw AppException.conflict("This form was already used. Reload the page and try again.").localized(Msg::error_formUsed);
        }
        return ((Number) row[0]).longValue();
    }

    private void addRevision(long commentId, String body) {
        em.createNativeQuery("insert into comment_revision (comment_id, body) values (:c, :b)")
                .setParameter("c", commentId).setParameter("b", body).executeUpdate();
    }

    /** One row of the thread query, with its sorted replies once the tree is built. */
    static final class Row implements Ranked {
        long id;
        long questionId;
        Long parentId;
        long authorId;
        String username;
        int depth;
        String bodyHtml;
        CommentStatus status;
        int ups;
        int downs;
        Instant createdAt;
        Instant editedAt;
        boolean pinned;
        String moderationReason;
        String moderationMessage;
        Long seminarId;
        String stance;
        final List<Row> replies = new ArrayList<>();

        static Row of(Object[] r) {
            Row row = new Row();
            row.id = ((Number) r[0]).longValue();
            row.parentId = r[1] == null ? null : ((Number) r[1]).longValue();
            row.authorId = ((Number) r[2]).longValue();
            row.username = (String) r[3];
            row.depth = ((Number) r[4]).intValue();
            row.bodyHtml = (String) r[5];
            row.status = CommentStatus.fromDb((String) r[6]);
            row.ups = ((Number) r[7]).intValue();
            row.downs = ((Number) r[8]).intValue();
            row.createdAt = toInstant(r[9]);
            row.editedAt = toInstant(r[10]);
            row.pinned = Boolean.TRUE.equals(r[11]);
            row.moderationReason = (String) r[12];
            row.moderationMessage = (String) r[13];
            row.questionId = ((Number) r[14]).longValue();
            row.seminarId = r[15] == null ? null : ((Number) r[15]).longValue();
            row.stance = (String) r[16];
            return row;
        }

        Comment asComment() {
            Comment c = new Comment();
            c.id = id;
            c.authorId = authorId;
            c.status = status.db();
            return c;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public int ups() {
            return ups;
        }

        @Override
        public int downs() {
            return downs;
        }

        @Override
        public Instant createdAt() {
            return createdAt;
        }
    }

    public static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
