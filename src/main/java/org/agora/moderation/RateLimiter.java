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
 * failed action does not use up the allowance.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    EntityManager em;

    @Inject
    Guardian guardian;

    @Inject
    AgoraConfig config;

    /** Counts one {@code action} by the viewer, or answers 429 with Retry-After when over the configured limit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void check(Viewer viewer, RateAction action) {
        if (!viewer.signedIn() || guardian.isExemptFromRateLimits(viewer)) {
            return;
        }
        AgoraConfig.RateLimits limits = config.rateLimits();
        switch (action) {
            case COMMENT -> hit(viewer.memberId(), action, limits.comments(), limits.commentsWindow());
            case VOTE -> hit(viewer.memberId(), action, limits.votes(), limits.votesWindow());
            case REACTION -> hit(viewer.memberId(), action, limits.reactions(), limits.reactionsWindow());
            case REPORT -> hit(viewer.memberId(), action, limits.reports(), limits.reportsWindow());
        }
    }

    /** Counts one action against an explicit limit of {@code max} per {@code window}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hit(long memberId, RateAction action, int max, Duration window) {
        double seconds = window.toMillis() / 1000.0;
        Object[] row = (Object[]) em.createNativeQuery("""
                        insert into rate_limit as r (member_id, action, window_start, count) values (:m, :a, clock_timestamp(), 1)
                        on conflict (member_id, action) do update set
                            window_start = case when r.window_start <= clock_timestamp() - make_interval(secs => :w)
                                                then clock_timestamp() else r.window_start end,
                            count = case when r.window_start <= clock_timestamp() - make_interval(secs => :w)
                                         then 1 else r.count + 1 end
                        returning count, extract(epoch from (window_start + make_interval(secs => :w) - clock_timestamp()))""")
                .setParameter("m", memberId)
                .setParameter("a", action.db())
                .setParameter("w", seconds)
                .getSingleResult();
        int count = ((Number) row[0]).intValue();
        if (count > max) {
            long retryAfter = (long) Math.ceil(((Number) row[1]).doubleValue());
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
