package org.agora.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Agora's own Prometheus counters ({@code /q/metrics} on the management port). Services call these inside their
 * transaction; a counter moves only when that transaction commits, so a rolled-back write is never counted. Counters
 * are per replica: Prometheus sums them across pods ({@code sum(rate(agora_comments_posted_total[5m]))}).
 */
@ApplicationScoped
public class AgoraMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** A new comment (answer or reply) was written; idempotent replays of the same submission are not counted. */
    public void commentPosted(int depth) {
        afterCommit(counter("agora.comments.posted", "Comments posted", "kind", depth == 0 ? "answer" : "reply"));
    }

    /** A vote changed: {@code target} is comment or question, {@code value} the new vote (up, down or none). */
    public void voteChanged(String target, int value) {
        String name = value > 0 ? "up" : value < 0 ? "down" : "none";
        afterCommit(counter("agora.votes", "Votes cast, changed or withdrawn", "target", target, "value", name));
    }

    /** A reaction was set or changed to {@code kind}, or withdrawn ({@code kind} = none). */
    public void reactionChanged(String kind) {
        afterCommit(counter("agora.reactions", "Reactions set, changed or withdrawn", "kind", kind));
    }

    /** A moderator action was recorded in the audit log ({@code action} as stored there, e.g. approve, ban). */
    public void moderationAction(String action) {
        afterCommit(counter("agora.moderation.actions", "Moderator actions (audited)", "action", action));
    }

    /**
     * A request was refused with 429 by a per-person rate limit. Counted at once: the refusing transaction rolls
     * back, and the refusal happened anyway.
     */
    public void rateLimitRejected(String action) {
        counter("agora.rate_limit.rejections", "Requests refused by a per-person rate limit", "action", action).increment();
    }

    /**
     * An attempt to delete a deleted member's Keycloak user failed (Keycloak down or refusing); it will be retried.
     * Counted at once, like a rate-limit refusal. Completed deletions are audited (delete_keycloak_user).
     */
    public void keycloakDeletionFailed() {
        counter("agora.keycloak_deletions.failures", "Failed attempts to delete a deleted member's Keycloak user (retried)").increment();
    }

    /** The number of open live-update (SSE) streams on this replica, read by Prometheus at scrape time. */
    public <T> void sseSubscribers(T source, java.util.function.ToDoubleFunction<T> size) {
        io.micrometer.core.instrument.Gauge.builder("agora.sse.subscribers", source, size)
                .description("Open live-update (Server-Sent Events) streams on this replica")
                .register(registry);
    }

    /**
     * Anonymous page requests the page cache answered ({@code result} hit) or had rendered and offered to keep (miss);
     * requests that may not be cached (signed in, flash message, other pages) are not counted.
     */
    public Counter pageCacheRequests(String result) {
        return counter("agora.page_cache.requests", "Cacheable anonymous page requests by result", "result", result);
    }

    /** Pages dropped from the page cache because their content changed: {@code kind} thread, article-page, article or flush. */
    public void pageCacheInvalidated(String kind) {
        counter("agora.page_cache.invalidations", "Page cache invalidations by kind", "kind", kind).increment();
    }

    /** The number of pages the page cache holds on this replica, read by Prometheus at scrape time. */
    public <T> void pageCachePages(T source, java.util.function.ToDoubleFunction<T> size) {
        io.micrometer.core.instrument.Gauge.builder("agora.page_cache.pages", source, size)
                .description("Anonymous pages kept on this replica").register(registry);
    }

    /**
     * Bearer-token requests whose token security/VerifiedBearerTokens had already verified ({@code result} hit) or
     * passed to Quarkus OIDC to verify (miss).
     */
    public Counter bearerTokenCache(String result) {
        return counter("agora.bearer_tokens.requests", "Bearer-token requests by whether the token was already verified",
                "result", result);
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private void afterCommit(Counter counter) {
        AfterCommit.run(transactions, counter::increment);
    }
}
