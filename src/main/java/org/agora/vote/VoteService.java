package org.agora.vote;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.agora.comment.Comment;
import org.agora.member.MemberLocks;
import org.agora.moderation.RateAction;
import org.agora.moderation.RateLimiter;
import org.agora.question.Question;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.ops.AgoraMetrics;
import org.agora.web.AppException;

/**
 * Up, down or no vote, one per person per target. The vote row and the target's ups/downs counters change in
 * one transaction, so scores are always exact; the primary key on (target, member) is the last line of defence.
 */
@ApplicationScoped
public class VoteService {

    /** The two kinds of votable target; table and column names are constants, never user input. */
    private enum Target {
        COMMENT("comment_vote", "comment_id", "comment"),
        QUESTION("question_vote", "question_id", "question");

        final String voteTable;
        final String targetColumn;
        final String targetTable;

        Target(String voteTable, String targetColumn, String targetTable) {
            this.voteTable = voteTable;
            this.targetColumn = targetColumn;
            this.targetTable = targetTable;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    MemberLocks memberLocks;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AgoraMetrics metrics;

    @Inject
    org.agora.seminar.SeminarGate seminars;

    @Transactional
    public VoteTally voteOnComment(Viewer viewer, long commentId, Integer value) {
        guardian.ensureSignedIn(viewer);
        int wanted = checkedValue(value);
        Comment comment = Comment.<Comment>findByIdOptional(commentId).orElseThrow(() -> AppException.notFound("comment"));
        seminars.ensureCanSee(viewer, comment);
        guardian.ensureCanVoteOnComment(viewer, comment);
        seminars.ensureCanTakePart(viewer, comment);
        rateLimiter.check(viewer, RateAction.VOTE);
        return setVote(Target.COMMENT, commentId, viewer.memberId(), wanted);
    }

    @Transactional
    public VoteTally voteOnQuestion(Viewer viewer, long questionId, Integer value) {
        guardian.ensureSignedIn(viewer);
        int wanted = checkedValue(value);
        Question.<Question>findByIdOptional(questionId).orElseThrow(() -> AppException.notFound("question"));
        guardian.ensureCanVoteOnQuestion(viewer);
        rateLimiter.check(viewer, RateAction.VOTE);
        return setVote(Target.QUESTION, questionId, viewer.memberId(), wanted);
    }

    private VoteTally setVote(Target target, long targetId, long memberId, int wanted) {
        memberLocks.lock(memberId);
        int previous = currentVote(target, targetId, memberId);
        if (previous == wanted) {
            return tally(target, targetId, wanted);
        }
        if (previous != 0) {
            em.createNativeQuery("delete from " + target.voteTable + " where " + target.targetColumn + " = :t and member_id = :m")
                    .setParameter("t", targetId).setParameter("m", memberId).executeUpdate();
        }
        if (wanted != 0) {
            em.createNativeQuery("insert into " + target.voteTable + " (" + target.targetColumn + ", member_id, value) values (:t, :m, :v)")
                    .setParameter("t", targetId).setParameter("m", memberId).setParameter("v", (short) wanted).executeUpdate();
        }
        int upDelta = (wanted == 1 ? 1 : 0) - (previous == 1 ? 1 : 0);
        int downDelta = (wanted == -1 ? 1 : 0) - (previous == -1 ? 1 : 0);
        Object[] counts = (Object[]) em.createNativeQuery("update " + target.targetTable
                        + " set ups = ups + :du, downs = downs + :dd where id = :t returning ups, downs")
                .setParameter("du", upDelta).setParameter("dd", downDelta).setParameter("t", targetId)
                .getSingleResult();
        metrics.voteChanged(target.targetTable, wanted);
        return VoteTally.of(((Number) counts[0]).intValue(), ((Number) counts[1]).intValue(), wanted);
    }

    private int currentVote(Target target, long targetId, long memberId) {
        List<?> values = em.createNativeQuery("select value from " + target.voteTable + " where " + target.targetColumn + " = :t and member_id = :m")
                .setParameter("t", targetId).setParameter("m", memberId).getResultList();
        return values.isEmpty() ? 0 : ((Number) values.get(0)).intValue();
    }

    private VoteTally tally(Target target, long targetId, int myVote) {
        Object[] counts = (Object[]) em.createNativeQuery("select ups, downs from " + target.targetTable + " where id = :t")
                .setParameter("t", targetId).getSingleResult();
        return VoteTally.of(((Number) counts[0]).intValue(), ((Number) counts[1]).intValue(), myVote);
    }

    private static int checkedValue(Integer value) {
        if (value == null || value < -1 || value > 1) {
            throw AppException.invalid("value", "A vote is 1 (up), -1 (down) or 0 (none).");
        }
        return value;
    }
}
