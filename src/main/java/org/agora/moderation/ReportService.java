package org.agora.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.agora.i18n.Msg;
import org.agora.AgoraConfig;
import org.agora.comment.Comment;
import org.agora.comment.CommentStatus;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/** Members flag comments; enough open reports hold a comment for review until a moderator decides. */
@ApplicationScoped
public class ReportService {

    private static final int MAX_NOTE = 1000;

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AgoraConfig config;

    @Inject
    org.agora.seminar.SeminarGate seminars;

    /** Files the viewer's report; 409 when they already reported this comment. Returns the report's id. */
    @Transactional
    public long report(Viewer viewer, long commentId, String reason, String note) {
        guardian.ensureSignedIn(viewer);
        Comment comment = Rows.lockedOr404(em, Comment.class, commentId, "comment");
        seminars.ensureCanSee(viewer, comment);
        guardian.ensureCanReport(viewer, comment);
        seminars.ensureCanTakePart(viewer, comment);
        ReasonCode code = ReasonCode.parse(reason);
        if (code == null) {
            throw AppException.invalid("reason", "The reason must be one of spam, offensive, abusive, off-topic, other.").localized(Msg::error_reportReason);
        }
        String text = note == null || note.isBlank() ? null : org.agora.web.StorableText.check("note", note).strip();
        if (code == ReasonCode.OTHER && text == null) {
            throw AppException.invalid("note", "Please say what is wrong with this comment.").localized(Msg::error_reportNote);
        }
        if (text != null && text.length() > MAX_NOTE) {
            throw AppException.invalid("note", "The note is limited to " + MAX_NOTE + " characters.").localized(m -> m.error_reportNoteLength(MAX_NOTE));
        }
        rateLimiter.check(viewer, RateAction.REPORT);
        List<?> inserted = em.createNativeQuery("""
                        insert into report (comment_id, reporter_id, reason, note) values (:c, :m, :r, :n)
                        on conflict (comment_id, reporter_id) do nothing returning id""")
                .setParameter("c", commentId).setParameter("m", viewer.memberId())
                .setParameter("r", code.db()).setParameter("n", text)
                .getResultList();
        if (inserted.isEmpty()) {
            throw AppException.conflict("You already reported this comment.").localized(Msg::error_reportedAlready);
        }
        comment.openReports++;
        if (comment.openReports >= config.moderation().reportsToHold() && comment.status() == CommentStatus.PUBLISHED) {
            // enough people object: take it out of the thread (and the count) until a moderator decides
            comment.status = CommentStatus.PENDING.db();
            comment.moderationReason = "reports";
            comment.pinned = false;
            if (comment.seminarId == null) {
                em.createNativeQuery("update question set comment_count = comment_count - 1 where id = :q")
                        .setParameter("q", comment.questionId).executeUpdate();
            }
        }
        return ((Number) inserted.get(0)).longValue();
    }
}
