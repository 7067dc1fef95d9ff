package org.agora.vote;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.agora.comment.Comment;
import org.agora.moderation.RateAction;
import org.agora.moderation.RateLimiter;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.ops.AgoraMetrics;
import org.agora.ops.DirectSql;
import org.agora.web.AppException;
import org.agora.web.PageCache;

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
    DirectSql sql;

    @Inject
    Guardian guardian;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AgoraMetrics metrics;

    @Inject
    org.agora.seminar.SeminarGate seminars;

    @Inject
    PageCache pageCache;

    /**
     * One transaction of two statements (bench/pgbench/vote.sql runs the same): the comment's facts the checks need,
     * with the voter's row locked and the vote counted against their rate limit ({@link #lockingAndCounting}), then
     * the vote with its tally ({@link #setVote}). The checks decide between the two; any refusal rolls the count back.
     */
    @Transactional
    public VoteTally voteOnComment(Viewer viewer, long commentId, Integer value) {
        guardian.ensureSignedIn(viewer);
        int wanted = checkedValue(value);
        RateLimiter.Limit limit = rateLimiter.limitFor(viewer, RateAction.VOTE);
        Object[] facts = votableComment(viewer, commentId, limit);
        Comment comment = (Comment) facts[0];
        seminars.ensureCanSee(viewer, comment);
        guardian.ensureCanVoteOnComment(viewer, comment);
        seminars.ensureCanTakePart(viewer, comment);
        if (limit != null) {
            rateLimiter.enforce(limit, facts[1], facts[2]);
        }
        VoteTally tally = setVote(Target.COMMENT, commentId, viewer.memberId(), wanted);
        if (tally != null) {
            pageCache.threadChangesOnCommit(comment.questionId);
            return tally;
        }
        return unchanged(Target.COMMENT, commentId, wanted);
    }

    @Transactional
    public VoteTally voteOnQuestion(Viewer viewer, long questionId, Integer value) {
        guardian.ensureSignedIn(viewer);
        int wanted = checkedValue(value);
        // a hidden question, or one of a draft article, is not there for whoever can't see it: 404, as its page
        org.agora.question.Question.<org.agora.question.Question>findByIdOptional(questionId)
                .filter(q -> guardian.canSeeQuestion(viewer, q)).orElseThrow(() -> AppException.notFound("question"));
        RateLimiter.Limit limit = rateLimiter.limitFor(viewer, RateAction.VOTE);
        List<Object[]> rows = lockingAndCounting("select q.article_id, %s from question q %s where q.id = :t", viewer, limit)
                .with("t", questionId).rows();
        if (rows.isEmpty()) {
            throw AppException.notFound("question");
        }
        Object[] article = rows.get(0);
        guardian.ensureCanVoteOnQuestion(viewer);
        if (limit != null) {
            rateLimiter.enforce(limit, article[1], article[2]);
        }
        VoteTally tally = setVote(Target.QUESTION, questionId, viewer.memberId(), wanted);
        if (tally != null) {
            pageCache.questionChangesOnCommit(((Number) article[0]).longValue(), questionId);
            return tally;
        }
        return unchanged(Target.QUESTION, questionId, wanted);
    }

    /**
     * The first statement of a vote: {@code select} (a format with two {@code %s}: where the rate-limit columns go,
     * and where the voter joins the {@code from} list) with the voter's member row locked (as
     * {@link org.agora.member.MemberLocks} does) until the commit, so one person's concurrent votes run one after
     * the other and the previous vote each reads (in a later statement, with a later snapshot) is the one the other
     * left; and, unless {@code limit} is null, the vote counted against the voter's rate limit — after that lock: the
     * count reads the locked row, the order account deletion takes the two in. The two rate-limit columns are the
     * count and the seconds left in its window (null when not counted), for {@link RateLimiter#enforce}.
     */
    private DirectSql.Query lockingAndCounting(String select, Viewer viewer, RateLimiter.Limit limit) {
        String statement = "with voter as materialized (select id from member where id = :m for no key update)"
                + (limit == null ? " " + String.format(select, "null, null", "join voter on true")
                        : ", " + RateLimiter.countingCte("voter") + " "
                                + String.format(select, "counted.count, counted.seconds_left", "join voter on true join counted on true"));
        DirectSql.Query query = sql.query(statement).with("m", viewer.memberId());
        if (limit != null) {
            query.with("rateAction", limit.action().db()).with("rateWindow", limit.seconds());
        }
        return query;
    }

    /**
     * What the checks need of the comment, not its text: a transient {@link Comment}, never written back, then the
     * rate-limit count and seconds left ({@link #lockingAndCounting}).
     */
    private Object[] votableComment(Viewer viewer, long commentId, RateLimiter.Limit limit) {
        List<Object[]> rows = lockingAndCounting("select c.question_id, c.author_id, c.status, c.seminar_id, q.hidden, a.status, %s"
                        + " from comment c join question q on q.id = c.question_id join article a on a.id = q.article_id %s"
                        + " where c.id = :t", viewer, limit)
                .with("t", commentId).rows();
        if (rows.isEmpty()) {
            throw AppException.notFound("comment");
        }
        Object[] row = rows.get(0);
        Comment comment = new Comment();
        comment.id = commentId;
        comment.questionId = ((Number) row[0]).longValue();
        comment.authorId = ((Number) row[1]).longValue();
        comment.status = (String) row[2];
        comment.seminarId = row[3] == null ? null : ((Number) row[3]).longValue();
        // a comment under a hidden question, or in a draft article, is not there for whoever can't see the question
        org.agora.question.Question question = new org.agora.question.Question();
        question.hidden = Boolean.TRUE.equals(row[4]);
        question.articleStatus = (String) row[5];
        if (!guardian.canSeeQuestion(viewer, question)) {
            throw AppException.notFound("comment");
        }
        return new Object[] {comment, row[6], row[7]};
    }

    /**
     * Sets the member's vote and the target's counters in one statement, and returns the new counts; null when the
     * vote was already {@code wanted} (nothing written). The previous vote is read in the same statement: the
     * voter's row lock, taken in an earlier statement, means no other vote of theirs is in flight, so the
     * statement's snapshot holds their latest. The counter update comes last, so the target's row (the hot row
     * when many vote on one comment) is locked only from here to the commit.
     */
    private VoteTally setVote(Target target, long targetId, long memberId, int wanted) {
        String votes = target.voteTable;
        String statement = wanted == 0
                ? "with previous as (delete from " + votes + " where " + target.targetColumn + " = :t and member_id = :m returning value) "
                + "update " + target.targetTable + " set ups = ups - (previous.value = 1)::int, downs = downs - (previous.value = -1)::int "
                + "from previous where id = :t returning ups, downs"
                : "with previous as (select coalesce((select value from " + votes + " where " + target.targetColumn
                + " = :t and member_id = :m), 0) as value), "
                + "vote as (insert into " + votes + " (" + target.targetColumn + ", member_id, value) values (:t, :m, :v) "
                + "on conflict (" + target.targetColumn + ", member_id) do update set value = excluded.value, created_at = excluded.created_at "
                + "where " + votes + ".value <> excluded.value) "
                + "update " + target.targetTable + " set ups = ups + (:v = 1)::int - (previous.value = 1)::int, "
                + "downs = downs + (:v = -1)::int - (previous.value = -1)::int "
                + "from previous where id = :t and previous.value <> :v returning ups, downs";
        DirectSql.Query query = sql.query(statement).with("t", targetId).with("m", memberId);
        if (wanted != 0) {
            query.with("v", wanted);
        }
        List<Object[]> rows = query.rows();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] counts = rows.get(0);
        metrics.voteChanged(target.targetTable, wanted);
        return VoteTally.of(((Number) counts[0]).intValue(), ((Number) counts[1]).intValue(), wanted);
    }

    /** The counters as they are, for a vote that changed nothing. */
    private VoteTally unchanged(Target target, long targetId, int myVote) {
        Object[] counts = sql.query("select ups, downs from " + target.targetTable + " where id = :t")
                .with("t", targetId).rows().stream().findFirst().orElseThrow(() -> AppException.notFound(target.targetTable));
        return VoteTally.of(((Number) counts[0]).intValue(), ((Number) counts[1]).intValue(), myVote);
    }

    private static int checkedValue(Integer value) {
        if (value == null || value < -1 || value > 1) {
            throw AppException.invalid("value", "A vote is 1 (up), -1 (down) or 0 (none).");
        }
        return value;
    }
}
