package org.agora.web;

import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Serves kept anonymous pages ({@link PageCache}) from a JAX-RS filter that runs after Quarkus' CSRF filter, so the
 * visitor's token ({@code csrf_token}) is the one Quarkus made or verified for this request, and every response filter
 * still runs on a hit: the CSRF cookie, the Content-Security-Policy, Content-Language and Vary, the request id.
 * A hit therefore answers exactly as the rendered page would, with no SQL. Compression is Quarkus' as for any page.
 */
public class PageCacheFilter {

    static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    @Inject
    PageCache cache;

    @Inject
    CsrfTokens csrf;

    /**
     * Runs before Quarkus' CSRF filter (which reads the form, so it comes last); on a hit the request ends here, so
     * this does for the token what that filter does for a GET ({@code CsrfRequestResponseReactiveFilter}): a fresh
     * random token when tokens are signed (or no cookie came), the cookie's own token otherwise, and the flag that
     * makes its response filter set the cookie. A CSRF cookie it would refuse, or a token in a header, is left to it
     * (the page is rendered).
     */
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Response serveKeptPage(RoutingContext routing) {
        String key = cache.keyOf(routing.request());
        if (key == null) {
            return null;
        }
        PageCache.Page page = cache.find(key);
        String token = page == null ? null : csrf.tokenFor(routing);
        if (token != null) {
            cache.hit();
            csrf.issue(routing, token);
            // Quarkus marks a response "identity" until the endpoint's own handler allows compression (text/html is
            // in quarkus.http.compress-media-types); the request ends before that handler, so allow it here
            routing.response().headers().remove("Content-Encoding");
            return Response.ok(page.with(token.getBytes(StandardCharsets.US_ASCII)), HTML).build();
        }
        if (page != null) {
            return null; // a CSRF cookie or header for Quarkus' filter to judge: rendered, not kept
        }
        cache.miss();
        routing.put(PageCache.KEY, key);
        routing.put(PageCache.START, cache.sequence());
        return null;
    }

    /** A successful write answers once this replica's cache has dropped what it changed (read-your-writes). */
    @ServerResponseFilter
    public void afterWrite(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (response.getStatus() >= 400 || "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || Context.isOnEventLoopThread()) {
            return;
        }
        cache.awaitInvalidations();
    }
}
