package org.agora.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import org.agora.i18n.Msg;
import org.agora.AgoraConfig;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/**
 * Per-person fixed-window limits, counted in PostgreSQL so every replica sees the same counts. One atomic
 * {@code insert … on conflict … do update … returning} per attempt: it starts a new window when the old one is
 * over, or counts one more in the current one. The count joins the caller's transaction, so a refused or
 * failed action does not use up the allowance. Votes and reactions fold that statement into their first one
 * ({@link #countingCte}), after the lock on the member's row.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    AgoraConfig config;

    @Inject
    org.agora.ops.AgoraMetrics metrics;

    /** The limit a person is held to for one kind of action: at most {@code max} every {@code window}. */
    public record Limit(RateAction action, int max, Duration window) {

        /** The window in seconds, for the {@code :rateWindow} parameter of {@link #countingCte}. */
        public double seconds() {
            return window.toMillis() / 1000.0;
        }
    }

    /** The limit the viewer is held to for {@code action}; null when Guardian exempts them or nobody is signed in. */
    public Limit limitFor(Viewer viewer, RateAction action) {
        if (!viewer.signedIn() || guardian.isExemptFromRateLimits(viewer)) {
            return null;
        }
        AgoraConfig.RateLimits limits = config.rateLimits();
        return switch (action) {
            case COMMENT -> new Limit(action, limits.comments(), limits.commentsWindow());
            case VOTE -> new Limit(action, limits.votes(), limits.votesWindow());
            case REACTION -> new Limit(action, limits.reactions(), limits.reactionsWindow());
            case REPORT -> new Limit(action, limits.reports(), limits.reportsWindow());
        };
    }

    /** Counts one {@code action} by the viewer, or answers 429 with Retry-After when over the configured limit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void check(Viewer viewer, RateAction action) {
        Limit limit = limitFor(viewer, action);
        if (limit != null) {
            hit(viewer.memberId(), action, limit.max(), limit.window());
        }
    }

    /** Counts one action against an explicit limit of {@code max} per {@code window}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hit(long memberId, RateAction action, int max, Duration window) {
        Limit limit = new Limit(action, max, window);
        Object[] row = (Object[]) em.createNativeQuery(COUNT_INTO + "values (:m, :rateAction, clock_timestamp(), 1)" + COUNT_RETURNING)
                .setParameter("m", memberId)
                .setParameter("rateAction", action.db())
                .setParameter("rateWindow", limit.seconds())
                .getSingleResult();
        enforce(limit, row[0], row[1]);
    }

    /**
     * The count as a data-modifying CTE named {@code counted} (columns {@code count}, {@code seconds_left}), for a
     * caller that folds it into its first statement: it counts one action by the member that the CTE
     * {@code lockedMember} selects (column {@code id}) — and locks, so the member's row is locked before their
     * rate-limit row, the order account deletion takes them in. Parameters {@code :rateAction} and
     * {@code :rateWindow} ({@link Limit#seconds}). The caller then passes the two columns to {@link #enforce} after
     * its own checks; a refusal (429 or any other) rolls the count back with the transaction.
     */
    public static String countingCte(String lockedMember) {
        return "counted as (" + COUNT_INTO + "select id, :rateAction, clock_timestamp(), 1 from " + lockedMember
                + COUNT_RETURNING + ")";
    }

    private static final String COUNT_INTO = "insert into rate_limit as r (member_id, action, window_start, count) ";

    private static final String COUNT_RETURNING = """

            on conflict (member_id, action) do update set
                window_start = case when r.window_start <= clock_timestamp() - make_interval(secs => :rateWindow)
                                    then clock_timestamp() else r.window_start end,
                count = case when r.window_start <= clock_timestamp() - make_interval(secs => :rateWindow)
                             then 1 else r.count + 1 end
            returning count, extract(epoch from (window_start + make_interval(secs => :rateWindow) - clock_timestamp())) as seconds_left""";

    /** 429 with Retry-After when the action counted ({@code count}, {@code secondsLeft} of its window) is over the limit. */
    public void enforce(Limit limit, Object count, Object secondsLeft) {
        int max = limit.max();
        Duration window = limit.window();
        RateAction action = limit.action();
        if (((Number) count).intValue() > max) {
            metrics.rateLimitRejected(action.db());
            long retryAfter = (long) Math.ceil(((Number) secondsLeft).doubleValue());
            throw AppException.tooManyRequests("Too many " + action.plural() + ": at most " + max + " every "
                    + describe(window) + ". Please try again in " + Math.max(1, retryAfter) + " s.", retryAfter)
                    .localized(m -> m.error_rateLimited(action.db(), max, amount(window), unit(window), Math.max(1, retryAfter)));
        }
    }

    /** The window as a count of its largest whole unit, for messages in other languages. */
    private static long amount(Duration window) {
        long s = window.toSeconds();
        return s % 3600 == 0 ? s / 3600 : s % 60 == 0 ? s / 60 : s;
    }

    private static String unit(Duration window) {
        long s = window.toSeconds();
        return s % 3600 == 0 ? "hour" : s % 60 == 0 ? "minute" : "second";
    }

    private static String describe(Duration window) {
        long s = window.toSeconds();
        if (s % 3600 == 0) {
            return s == 3600 ? "hour" : (s / 3600) + " hours";
        }
        if (s % 60 == 0) {
            return s == 60 ? "minute" : (s / 60) + " minutes";
        }
        return s + " seconds";
    }
}
