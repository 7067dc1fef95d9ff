package org.agora.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agora.i18n.Msg;
import org.agora.comment.Comment;
import org.agora.comment.CommentService;
import org.agora.comment.CommentStatus;
import org.agora.question.Question;
import org.agora.question.QuestionService;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/**
 * Moderators' decisions on comments and questions, and the queues they work from. Every action writes its
 * audit row (and, for a decision about a comment, a notification to its author) in the same transaction, and
 * keeps {@code question.comment_count} equal to the number of published comments.
 */
@ApplicationScoped
public class ModerationService {

    private static final int QUEUE_PAGE = 100;
    private static final int MAX_MESSAGE = 1000;
    private static final int MAX_LABEL = 60;

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    AuditLog audit;

    @Inject
    org.agora.notification.ActivityNotifier activity;

    @Inject
    Notifications notifications;

    @Inject
    QuestionService questions;

    @Inject
    org.agora.seminar.SeminarGate seminars;

    /** Applies one action to one comment; 409 when the comment's state doesn't allow it. */
    @Transactional
    public Comment act(Viewer viewer, long commentId, CommentAction action, String reason, String message) {
        guardian.ensureSignedIn(viewer);
        if (!guardian.canModerateSomewhere(viewer)) {
            guardian.ensureCanModerate(viewer);
        }
        if (action == null) {
            throw AppException.invalid("action", "The action must be one of approve, reject, remove, restore, pin, unpin.");
        }
        Comment comment = Rows.lockedOr404(em, Comment.class, commentId, "comment");
        // a seminar comment is moderated by whoever runs its seminar (404 to outsiders); public ones by staff only
        if (comment.seminarId == null) {
            guardian.ensureCanModerate(viewer);
        } else {
            seminars.ensureCanModerate(viewer, comment);
        }
        CommentStatus before = comment.status();
        boolean pinnedBefore = comment.pinned;
        String beforeState = state(comment);
        ReasonCode code = ReasonCode.parse(reason);
        if (reason != null && !reason.isBlank() && code == null) {
            throw AppException.invalid("reason", "The reason must be one of spam, offensive, abusive, off-topic, other.").localized(Msg::error_reportReason);
        }
        String note = message == null || message.isBlank() ? null : org.agora.web.StorableText.check("message", message).strip();
        if (note != null && note.length() > MAX_MESSAGE) {
            throw AppException.invalid("message", "The message is limited to " + MAX_MESSAGE + " characters.").localized(m -> m.error_messageLength(MAX_MESSAGE));
        }
        switch (action) {
            case APPROVE -> {
                require(before == CommentStatus.PENDING || before == CommentStatus.REJECTED
                        || (before == CommentStatus.PUBLISHED && comment.openReports > 0), action, before);
                decide(comment, CommentStatus.PUBLISHED, null, null);
            }
            case REJECT -> {
                require(before == CommentStatus.PENDING || before == CommentStatus.PUBLISHED, action, before);
                if (code == null) {
                    throw AppException.invalid("reason", "Say why: spam, offensive, abusive, off-topic or other.").localized(Msg::error_rejectReason);
                }
                decide(comment, CommentStatus.REJECTED, code.db(), note);
            }
            case REMOVE -> {
                require(before == CommentStatus.PUBLISHED || before == CommentStatus.PENDING || before == CommentStatus.REJECTED,
                        action, before);
                decide(comment, CommentStatus.REMOVED, code == null ? null : code.db(), note);
            }
            case RESTORE -> {
                require(before == CommentStatus.REMOVED, action, before);
                decide(comment, CommentStatus.PUBLISHED, null, null);
            }
            case PIN -> {
                require(before == CommentStatus.PUBLISHED && !pinnedBefore, action, before);
                comment.pinned = true;
            }
            case UNPIN -> {
                require(pinnedBefore, action, before);
                comment.pinned = false;
            }
        }
        int delta = (comment.status() == CommentStatus.PUBLISHED ? 1 : 0) - (before == CommentStatus.PUBLISHED ? 1 : 0);
        if (delta != 0 && comment.seminarId == null) {
            em.createNativeQuery("update question set comment_count = comment_count + :d where id = :q")
                    .setParameter("d", delta).setParameter("q", comment.questionId).executeUpdate();
        }
        em.flush();
        audit.record(viewer, action.kind(), AuditLog.Target.COMMENT, Long.toString(comment.id), comment.authorId,
                code == null ? note : code.db() + (note == null ? "" : ": " + note), beforeState, state(comment), comment.seminarId);
        notifyAuthor(viewer, comment, action, code, note);
        if (delta > 0) {
            // held until now: replies, mentions and followers hear about it once it is public
            activity.commentPublished(comment.id);
        }
        return comment;
    }

    /** The same action on many comments, all or nothing. */
    @Transactional
    public int actOnMany(Viewer viewer, List<Long> commentIds, CommentAction action, String reason, String message) {
        guardian.ensureSignedIn(viewer);
        if (!guardian.canModerateSomewhere(viewer)) {
            guardian.ensureCanModerate(viewer);
        }
        if (commentIds == null || commentIds.isEmpty()) {
            throw AppException.invalid("ids", "Tick at least one comment.").localized(Msg::error_tickOne);
        }
        for (Long id : Set.copyOf(commentIds)) {
            act(viewer, id, action, reason, message);
        }
        return Set.copyOf(commentIds).size();
    }

    /**
     * A seminar queue's bulk decision: the same as {@link #actOnMany}, but only on that seminar's comments. An id of
     * a public comment, of another seminar's, or of none at all is "no such comment here" (404) and nothing changes,
     * whoever asks: a moderator acts on other comments from the site-wide queue.
     */
    @Transactional
    public int actOnManyInSeminar(Viewer viewer, long seminarId, List<Long> commentIds, CommentAction action, String reason,
            String message) {
        guardian.ensureSignedIn(viewer);
        if (commentIds == null || commentIds.isEmpty()) {
            throw AppException.invalid("ids", "Tick at least one comment.").localized(Msg::error_tickOne);
        }
        Set<Long> ids = Set.copyOf(commentIds);
        long inSeminar = ((Number) em.createNativeQuery("select count(*) from comment where id in (:ids) and seminar_id = :s")
                .setParameter("ids", ids).setParameter("s", seminarId).getSingleResult()).longValue();
        if (inSeminar != ids.size()) {
            throw AppException.notFound("comment");
        }
        return actOnMany(viewer, commentIds, action, reason, message);
    }

    /** Locks, unlocks, hides or shows a question; 409 when it is already so. */
    @Transactional
    public Question act(Viewer viewer, long questionId, QuestionAction action, String reason) {
        guardian.ensureCanModerate(viewer);
        if (action == null) {
            throw AppException.invalid("action", "The action must be one of lock, unlock, hide, show.");
        }
        Question question = Rows.lockedOr404(em, Question.class, questionId, "question");
        String before = AuditLog.json("locked", question.locked, "hidden", question.hidden);
        boolean changed = switch (action) {
            case LOCK -> !question.locked && (question.locked = true);
            case UNLOCK -> question.locked && !(question.locked = false);
            case HIDE -> !question.hidden && (question.hidden = true);
            case SHOW -> question.hidden && !(question.hidden = false);
        };
        if (!changed) {
            throw AppException.conflict("The question is already " + switch (action) {
                case LOCK -> "locked";
                case UNLOCK -> "unlocked";
                case HIDE -> "hidden";
                case SHOW -> "shown";
            } + ".");
        }
        audit.record(viewer, action.kind(), AuditLog.Target.QUESTION, Long.toString(question.id), null,
                reason == null || reason.isBlank() ? null : org.agora.web.StorableText.check("reason", reason).strip(), before,
                AuditLog.json("locked", question.locked, "hidden", question.hidden));
        return question;
    }

    /**
     * Changes a question's label and/or its place in the article's order (1 = first), shifting the questions in
     * between. The unique (article, position) key is checked row by row, so the shift goes through negative values.
     */
    @Transactional
    public Question editQuestion(Viewer viewer, long questionId, String label, Integer position) {
        guardian.ensureCanModerate(viewer);
        Question question = Rows.lockedOr404(em, Question.class, questionId, "question");
        String before = AuditLog.json("label", question.label, "position", question.position);
        String newLabel = label == null ? question.label : org.agora.web.StorableText.check("label", label).strip();
        if (newLabel.isEmpty() || newLabel.length() > MAX_LABEL) {
            throw AppException.invalid("label", "A label has 1 to " + MAX_LABEL + " characters.").localized(m -> m.error_labelLength(MAX_LABEL));
        }
        long questionsInArticle = Question.count("articleId", question.articleId);
        int target = position == null ? question.position : position;
        if (target < 1 || target > questionsInArticle) {
            throw AppException.invalid("position", "The position must be between 1 and " + questionsInArticle + ".").localized(m -> m.error_position(questionsInArticle));
        }
        int from = question.position;
        em.createNativeQuery("update question set label = :l where id = :q")
                .setParameter("l", newLabel).setParameter("q", question.id).executeUpdate();
        if (target != from) {
            em.createNativeQuery("update question set position = 0 where id = :q").setParameter("q", question.id).executeUpdate();
            // moving up pushes the ones in between down (+1), moving down pulls them up (-1)
            int shift = target < from ? 1 : -1;
            em.createNativeQuery("""
                            update question set position = -(position + :s)
                            where article_id = :a and position between :lo and :hi""")
                    .setParameter("s", shift).setParameter("a", question.articleId)
                    .setParameter("lo", Math.min(target, from)).setParameter("hi", Math.max(target, from))
                    .executeUpdate();
            em.createNativeQuery("update question set position = -position where article_id = :a and position < 0")
                    .setParameter("a", question.articleId).executeUpdate();
            em.createNativeQuery("update question set position = :p where id = :q")
                    .setParameter("p", target).setParameter("q", question.id).executeUpdate();
        }
        em.refresh(question);
        audit.record(viewer, ModActionKind.EDIT_QUESTION, AuditLog.Target.QUESTION, Long.toString(question.id), null, null,
                before, AuditLog.json("label", question.label, "position", question.position));
        return question;
    }

    /** The public queues' counts; seminar comments wait in their seminar's own queue. */
    @Transactional
    public QueueCounts counts(Viewer viewer) {
        guardian.ensureCanModerate(viewer);
        return countsWhere("seminar_id is null", null);
    }

    /** One seminar's queue counts; the caller has checked that the viewer runs the seminar. */
    @Transactional
    public QueueCounts seminarCounts(long seminarId) {
        return countsWhere("seminar_id = :s", seminarId);
    }

    private QueueCounts countsWhere(String scope, Long seminarId) {
        var query = em.createNativeQuery("""
                        select count(*) filter (where open_reports > 0 and status in ('published', 'pending')),
                               count(*) filter (where status = 'pending'),
                               count(*) filter (where status = 'rejected')
                        from comment where""" + " " + scope + " and (open_reports > 0 or status in ('pending', 'rejected'))");
        if (seminarId != null) {
            query.setParameter("s", seminarId);
        }
        Object[] row = (Object[]) query.getSingleResult();
        return new QueueCounts(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    /** A queue's comments, oldest first, each in context. Four statements whatever the queue's length. */
    @Transactional
    public List<QueueItem> queue(Viewer viewer, QueueState state) {
        guardian.ensureCanModerate(viewer);
        return queue(state, null);
    }

    /** One seminar's queue; the caller has checked that the viewer runs the seminar. Public comments never show here. */
    @Transactional
    public List<QueueItem> queue(QueueState state, Long seminarId) {
        if (state == null) {
            throw AppException.invalid("state", "The state must be one of reported, pending, rejected.");
        }
        String where = switch (state) {
            case REPORTED -> "c.open_reports > 0 and c.status in ('published', 'pending')";
            case PENDING -> "c.status = 'pending'";
            case REJECTED -> "c.status = 'rejected'";
        };
        var query = em.createNativeQuery("""
                        select c.id, c.body_html, c.status, c.moderation_reason, c.created_at, c.open_reports,
                               q.id, q.label, q.text, c.author_id, a.username, pa.username, p.body_html, p.status
                        from comment c join question q on q.id = c.question_id join member a on a.id = c.author_id
                        left join comment p on p.id = c.parent_id left join member pa on pa.id = p.author_id""" + " where "
                        + (seminarId == null ? "c.seminar_id is null" : "c.seminar_id = :s") + " and " + where
                        + " order by c.created_at, c.id limit " + QUEUE_PAGE);
        if (seminarId != null) {
            query.setParameter("s", seminarId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        List<Long> authors = rows.stream().map(r -> ((Number) r[9]).longValue()).distinct().toList();
        Map<Long, List<QueueItem.ReportView>> reports = reports(ids);
        Map<Long, QueueItem.AuthorHistory> histories = histories(authors);
        List<QueueItem> items = new ArrayList<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            long questionId = ((Number) r[6]).longValue();
            boolean parentVisible = r[13] != null && "published".equals(r[13]);
            items.add(new QueueItem(id, (String) r[1], (String) r[2], (String) r[3], CommentService.toInstant(r[4]),
                    ((Number) r[5]).intValue(), questionId, (String) r[7], (String) r[8], seminarId == null ? questions.threadPathOf(questionId) : QuestionService.seminarThreadPath(seminarId, questionId),
                    r[13] == null ? null : parentVisible ? (String) r[11] : "[" + r[13] + "]",
                    parentVisible ? (String) r[12] : null,
                    histories.get(((Number) r[9]).longValue()), reports.getOrDefault(id, List.of())));
        }
        return items;
    }

    private Map<Long, List<QueueItem.ReportView>> reports(List<Long> commentIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select r.comment_id, m.username, r.reason, r.note, r.created_at, r.resolved_at is null
                        from report r join member m on m.id = r.reporter_id
                        where r.comment_id in (:ids) order by r.created_at""")
                .setParameter("ids", commentIds).getResultList();
        Map<Long, List<QueueItem.ReportView>> byComment = new HashMap<>();
        for (Object[] r : rows) {
            byComment.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(new QueueItem.ReportView((String) r[1], (String) r[2], (String) r[3], CommentService.toInstant(r[4]),
                            (Boolean) r[5]));
        }
        return byComment;
    }

    private Map<Long, QueueItem.AuthorHistory> histories(List<Long> authorIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select m.id, m.username,
                               (select count(*) from comment c where c.author_id = m.id and c.status = 'published'),
                               (select count(*) from comment c where c.author_id = m.id and c.status = 'pending'),
                               (select count(*) from comment c where c.author_id = m.id and c.status = 'rejected'),
                               (select count(*) from comment c where c.author_id = m.id and c.status = 'removed'),
                               (select count(*) from sanction s where s.member_id = m.id)
                        from member m where m.id in (:ids)""")
                .setParameter("ids", authorIds).getResultList();
        Map<Long, QueueItem.AuthorHistory> byId = new HashMap<>();
        for (Object[] r : rows) {
            byId.put(((Number) r[0]).longValue(), new QueueItem.AuthorHistory((String) r[1], ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), ((Number) r[5]).longValue(), ((Number) r[6]).longValue()));
        }
        return byId;
    }

    private void decide(Comment comment, CommentStatus to, String reason, String message) {
        comment.status = to.db();
        comment.moderationReason = reason;
        comment.moderationMessage = message;
        if (to != CommentStatus.PUBLISHED) {
            comment.pinned = false;
        }
        if (comment.openReports > 0) {
            // a decision answers every open report on the comment
            em.createNativeQuery("update report set resolved_at = now() where comment_id = :c and resolved_at is null")
                    .setParameter("c", comment.id).executeUpdate();
            comment.openReports = 0;
        }
    }

    private void notifyAuthor(Viewer viewer, Comment comment, CommentAction action, ReasonCode code, String note) {
        if (viewer.is(comment.authorId) || action == CommentAction.PIN || action == CommentAction.UNPIN) {
            return;
        }
        String verb = switch (action) {
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case REMOVE -> "removed";
            default -> "restored";
        };
        String text = "A moderator " + verb + " your comment"
                + (code == null ? "" : " (" + code.db().replace('_', '-') + ")")
                + (note == null ? "." : ": " + note);
        notifications.notify(comment.authorId, "comment_" + verb, text,
                questions.commentPath(comment));
    }

    private static void require(boolean allowed, CommentAction action, CommentStatus status) {
        if (!allowed) {
            throw AppException.conflict("A " + status.db() + " comment can't be "
                    + switch (action) {
                        case APPROVE -> "approved";
                        case REJECT -> "rejected";
                        case REMOVE -> "removed";
                        case RESTORE -> "restored";
                        case PIN -> "pinned";
                        case UNPIN -> "unpinned";
                    } + ".");
        }
    }

    private static String state(Comment comment) {
        return AuditLog.json("status", comment.status, "pinned", comment.pinned, "reason", comment.moderationReason);
    }
}
