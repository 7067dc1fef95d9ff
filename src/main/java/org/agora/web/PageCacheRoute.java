package org.agora.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;

/**
 * Answers kept anonymous pages ({@link PageCache}) straight from Vert.x, before authentication and JAX-RS: about five
 * times as many pages a second as answering them from a JAX-RS request filter (measured 2026-11-29, bench/README.md
 * "Caching"). It sends what the
 * rendered page sends: the CSRF token and cookie as Quarkus makes them ({@link CsrfTokens}), the
 * Content-Security-Policy ({@link SecurityHeaders}), Content-Language and Vary ({@code i18n/LanguageHeaders}); the
 * static security headers, the request id and compression come from Quarkus' HTTP layer as for every response.
 * Anything else (a miss, a signed-in visitor, a CSRF cookie to judge) goes on to JAX-RS, where
 * {@link PageCacheFilter} marks a cacheable miss.
 */
@ApplicationScoped
public class PageCacheRoute {

    /**
     * Quarkus mounts a filter of priority p at route order -p: after ops/RequestIds (priority 1000, the request id),
     * before authentication (priority 200) and JAX-RS.
     */
    static final int ORDER = -500;

    @Inject
    PageCache cache;

    @Inject
    CsrfTokens csrf;

    @Inject
    SecurityHeaders securityHeaders;

    void routes(@Observes Router router) {
        router.route().order(ORDER).handler(this::serve);
    }

    private void serve(RoutingContext routing) {
        String key = cache.keyOf(routing.request());
        PageCache.Page page = key == null ? null : cache.find(key);
        String token = page == null ? null : csrf.tokenFor(routing);
        if (token == null) {
            routing.next();
            return;
        }
        cache.hit();
        csrf.setCookie(routing, token);
        var response = routing.response();
        // Quarkus marks responses "identity" unless a route asks for compression; pages are compressed as usual
        response.headers().remove("Content-Encoding");
        response.putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Content-Language", key.substring(0, key.indexOf(' ')))
                .putHeader("Vary", "Accept-Language, Cookie")
                .putHeader("Content-Security-Policy", securityHeaders.policy())
                .end(page.with(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
