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
import java.util.List;
import java.util.Map;
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
            select c.id, c.parent_id, c.author_id, m.username, c.depth, c.body_html, c.status,
                   c.ups, c.downs, c.created_at, c.edited_at, c.pinned, c.moderation_reason, c.moderation_message,
                   c.question_id
            from comment c join member m on m.id = c.author_id""";

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

    /**
     * Posts an answer to a question, or a reply when {@code parentId} is set. The same {@code submissionKey}
     * (one per rendered form, or the API's Idempotency-Key) always yields the same single comment, so a double
     * submit never double-posts.
     */
    @Transactional
    public long post(Viewer viewer, long questionId, Long parentId, String body, UUID submissionKey) {
        guardian.ensureCanComment(viewer);
        Question question = Question.<Question>findByIdOptional(questionId)
                .filter(q -> guardian.canSeeQuestion(viewer, q))
                .orElseThrow(() -> AppException.notFound("question"));
        guardian.ensureCanCommentOn(viewer, question);
        // one person's posts go one at a time, so a double click's twin waits for the first to commit, then finds
        // its comment by the submission key below instead of being refused by the rate limit
        memberLocks.lock(viewer.memberId());
        if (submissionKey != null) {
            Long existing = commentIdForSubmission(submissionKey, viewer.memberId());
            if (existing != null) {
                return existing;
            }
        }
        String text = CommentText.validate(body);
        rateLimiter.check(viewer, RateAction.COMMENT);
        int depth = 0;
        if (parentId != null) {
            Comment parent = Comment.<Comment>findByIdOptional(parentId)
                    .filter(c -> c.questionId.equals(question.id))
                    .orElseThrow(() -> AppException.invalid("parentId", "The comment you are replying to is not in this thread.").localized(Msg::error_parentElsewhere));
            guardian.ensureCanReplyTo(viewer, parent);
            depth = parent.depth + 1;
            if (depth > Comment.MAX_DEPTH) {
                throw AppException.invalid("parentId", "Replies nest at most " + Comment.MAX_DEPTH
                        + " levels deep; reply to an earlier comment in this chain instead.").localized(m -> m.error_tooDeep(Comment.MAX_DEPTH));
            }
        }
        Verdict verdict = preModeration.evaluate(viewer, question, text);
        if (verdict.outcome() == Verdict.Outcome.REFUSE) {
            throw AppException.invalid("body", verdict.message());
        }
        boolean held = verdict.outcome() == Verdict.Outcome.HOLD;
        List<?> inserted = em.createNativeQuery("""
                        insert into comment (question_id, parent_id, author_id, depth, body, body_html, status, moderation_reason, submission_key)
                        values (:q, :p, :a, :d, :body, :html, :status, :reason, :key)
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
        if (!held) {
            em.createNativeQuery("update question set comment_count = comment_count + 1 where id = :q")
                    .setParameter("q", question.id).executeUpdate();
        }
        metrics.commentPosted(depth);
        return id;
    }

    /** Replaces the text of the viewer's own comment, keeping every earlier version. */
    @Transactional
    public Comment edit(Viewer viewer, long commentId, String body) {
        guardian.ensureSignedIn(viewer);
        Comment comment = find(commentId);
        guardian.ensureCanEditComment(viewer, comment);
        String text = CommentText.validate(body);
        Verdict verdict = preModeration.screenEdit(text);
        if (verdict.outcome() == Verdict.Outcome.REFUSE) {
            throw AppException.invalid("body", verdict.message());
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
        guardian.ensureCanDeleteComment(viewer, comment);
        boolean wasCounted = comment.status() == CommentStatus.PUBLISHED;
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

    /** One comment as the viewer sees it; 404 for comments the public can't see. */
    @Transactional
    public CommentView viewOf(Viewer viewer, long commentId) {
        List<?> rows = em.createNativeQuery(THREAD_COLUMNS + " where c.id = :id" + VISIBLE)
                .setParameter("id", commentId)
                .setParameter("me", viewer.signedIn() ? viewer.memberId() : -1L)
                .setParameter("staff", guardian.canModerate(viewer))
                .getResultList();
        if (rows.isEmpty()) {
            throw AppException.notFound("comment");
        }
        Row row = Row.of((Object[]) rows.get(0));
        Question question = visibleQuestion(viewer, row.questionId);
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
        return view(viewer, row, parent, myVote, guardian.canCommentOn(viewer, question));
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
     * The whole thread of a question in display order: siblings sorted by {@code sort}, each followed by its
     * replies. Two statements whatever the thread's size: the comments with their authors, and the viewer's votes.
     */
    @Transactional
    public List<CommentView> thread(Viewer viewer, long questionId, CommentSort sort) {
        boolean open = guardian.canCommentOn(viewer, visibleQuestion(viewer, questionId));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(THREAD_COLUMNS + " where c.question_id = :q"
                        + " and (c.status in ('published', 'deleted', 'removed') or c.author_id = :me)")
                .setParameter("q", questionId)
                .setParameter("me", viewer.signedIn() ? viewer.memberId() : -1L)
                .getResultList();
        Map<Long, Integer> myVotes = viewer.signedIn() ? myVotes(viewer.memberId(), questionId) : Map.of();

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
        // pinned (featured) answers come first, in the chosen order among themselves
        roots.sort(java.util.Comparator.comparing((Row r) -> !r.pinned).thenComparing(order));
        byId.values().forEach(row -> row.replies.sort(order));

        // iterative depth-first walk: a deep reply chain must not exhaust the stack
        List<CommentView> views = new ArrayList<>(byId.size());
        Deque<Row> pending = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            pending.push(roots.get(i));
        }
        while (!pending.isEmpty()) {
            Row row = pending.pop();
            Row parent = row.parentId == null ? null : byId.get(row.parentId);
            views.add(view(viewer, row, parent, myVotes.getOrDefault(row.id, 0), open));
            for (int i = row.replies.size() - 1; i >= 0; i--) {
                pending.push(row.replies.get(i));
            }
        }
        return views;
    }

    /** {@code threadOpen}: the viewer may add comments to this thread (it isn't locked for them). */
    private CommentView view(Viewer viewer, Row row, Row parent, int myVote, boolean threadOpen) {
        boolean deleted = row.status == CommentStatus.DELETED || row.status == CommentStatus.REMOVED;
        Comment permissionProbe = row.asComment();
        String inReplyTo = row.depth > CommentView.MAX_NESTING && parent != null
                ? (parent.status == CommentStatus.PUBLISHED ? parent.username : "a deleted comment")
                : null;
        // the reason is for the author (and staff); the public sees only a tombstone
        boolean toldWhy = viewer.is(row.authorId) || guardian.canModerate(viewer);
        return new CommentView(row.id, row.parentId, row.depth, Math.min(row.depth, CommentView.MAX_NESTING),
                deleted ? null : row.username,
                deleted ? "" : row.bodyHtml,
                row.ups, row.downs, row.createdAt, deleted ? null : row.editedAt, deleted, inReplyTo, myVote,
                row.status.db(), row.pinned,
                toldWhy ? row.moderationReason : null,
                toldWhy ? row.moderationMessage : null,
                threadOpen && guardian.canReplyTo(viewer, permissionProbe),
                guardian.canEditComment(viewer, permissionProbe),
                guardian.canDeleteComment(viewer, permissionProbe),
                guardian.canVoteOnComment(viewer, permissionProbe),
                guardian.canReport(viewer, permissionProbe),
                guardian.canModerate(viewer));
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
    private static final class Row implements Ranked {
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
