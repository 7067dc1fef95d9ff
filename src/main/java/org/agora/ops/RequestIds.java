package org.agora.ops;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request an id: the caller's {@code X-Request-Id} (set by the load balancer or ingress) when it is
 * a sane token, else a fresh UUID. It goes into the logging MDC as {@code requestId} (a field of every JSON log line
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
        return incoming != null && ACCEPTED.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}
