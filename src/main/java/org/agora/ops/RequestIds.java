package org.agora.ops;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request an id: the caller's {@code X-Request-Id} (set by the load balancer or ingress) when it is
 * a sane token, else a fresh random UUID. It goes into the logging MDC as {@code requestId} (a field of every JSON log line
 * written while serving the request) and back to the client in the {@code X-Request-Id} response header, so a user's
 * report and the logs of any replica can be matched.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Ids from outside are echoed into logs and headers: only short, plain tokens are trusted (HAProxy's unique-id fits). */
    private static final Pattern ACCEPTED = Pattern.compile("[\\w.:-]{8,128}");

    void register(@Observes Filters filters) {
        // high priority: runs before authentication, so the OIDC redirect and error logs carry the id too
        filters.register(rc -> {
            String id = accepted(rc.request().getHeader(HEADER));
            MDC.put(MDC_KEY, id);
            rc.response().putHeader(HEADER, id);
            rc.next();
        }, 1000);
    }

    static String accepted(String incoming) {
        return incoming != null && ACCEPTED.matcher(incoming).matches() ? incoming : fresh();
    }

    /**
     * A version-4 UUID from {@link ThreadLocalRandom}: an id to match logs by, not a secret, so it needn't come from
     * {@code UUID.randomUUID()}'s SecureRandom, which reads /dev/urandom under a lock and was 3 % of the CPU of a
     * cached anonymous page (JFR, November 30).
     */
    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & ~(0xC000L << 48) | 0x8000L << 48; // IETF variant
        return new UUID(high, low).toString();
    }
}
