package org.agora.web;

import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** The JAX-RS side of the page cache ({@link PageCache}): marks misses to keep, and holds writes until invalidated. */
public class PageCacheFilter {

    @Inject
    PageCache cache;

    /**
     * A cacheable request that reached JAX-RS is a miss ({@link PageCacheRoute} answers the hits): marks it so that
     * {@link PageCache#render} keeps the page, remembering when rendering began.
     */
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void markCacheableMiss(RoutingContext routing) {
        String key = cache.keyOf(routing.request());
        if (key != null && cache.find(key) == null) {
            cache.miss();
            routing.put(PageCache.KEY, key);
            routing.put(PageCache.START, cache.sequence());
        }
    }

    /**
     * A successful write answers once this replica's cache has dropped what it changed (read-your-writes): at once
     * when the write dropped its pages itself after committing (votes, reactions: {@link PageCache#threadChangesOnCommit}),
     * otherwise after a sync marker came back through the listener.
     */
    @ServerResponseFilter
    public void afterWrite(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (response.getStatus() >= 400 || "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || Context.isOnEventLoopThread() || cache.droppedHere()) {
            return;
        }
        cache.awaitInvalidations();
    }
}
