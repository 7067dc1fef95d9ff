package org.agora.comment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.agora.AgoraConfig;
import org.agora.vote.CommentSort;
import org.agora.web.Flash;
import org.agora.web.PageCache;

/**
 * Which comments a public thread page shows ({@link CommentService.Shown}), kept per (question, sort, page, branch)
 * so that signed-in thread pages, which can't come from the anonymous page cache, don't run the thread's two
 * heaviest statements on every request. The selection is the same for every viewer (their own held comments aside,
 * see {@link CommentService#threadPage}); what is theirs (votes, permissions, names) is added per request.
 *
 * <p>Freshness is the anonymous page cache's ({@link PageCache}): a kept selection is used only while nothing in its
 * thread or article changed since it was read, as this replica's listener hears the database's notifications, and
 * never while the listener is away. A write answers only once this replica has heard it, so the writer's next page
 * on this replica shows it; a request carrying a flash message (the page after a form's POST, which may have gone to
 * another replica) is always read from the database.
 */
@ApplicationScoped
public class ThreadSlices {

    record Key(long questionId, CommentSort sort, int page, Long branch) {
    }

    private record Kept(CommentService.Shown shown, long articleId, long since) {
    }

    private final Cache<Key, Kept> kept;

    @Inject
    PageCache changes;

    @Inject
    RoutingContext routing;

    ThreadSlices(AgoraConfig config) {
        // the same bounds as the page cache: what it can hold in pages, this holds in comments (weighed in characters)
        this.kept = Caffeine.newBuilder()
                .maximumWeight(config.pageCache().maxBytes() / 4)
                .weigher((Key key, Kept value) -> value.shown().weight())
                .expireAfterWrite(config.pageCache().ttl())
                .build();
    }

    /** Where a read starts: pass it to {@link #keep}. */
    long start() {
        return changes.changeCount();
    }

    /** The kept selection for this page if nothing it shows changed since it was read; null otherwise. */
    CommentService.Shown find(Key key, long articleId) {
        if (fromDatabaseOnly()) {
            return null;
        }
        Kept found = kept.getIfPresent(key);
        return found != null && changes.threadUnchangedSince(found.since(), articleId, key.questionId()) ? found.shown() : null;
    }

    /** Keeps a selection read from {@code start}, unless something it shows changed meanwhile. */
    void keep(Key key, long articleId, CommentService.Shown shown, long start) {
        if (fromDatabaseOnly() || !changes.threadUnchangedSince(start, articleId, key.questionId())) {
            return;
        }
        kept.put(key, new Kept(shown, articleId, start));
        // a change may have been heard between the check and the put: then the put must not survive it
        if (!changes.threadUnchangedSince(start, articleId, key.questionId())) {
            kept.invalidate(key);
        }
    }

    /** The page after a form's POST (it carries the flash message) shows the write even if it went to another replica. */
    private boolean fromDatabaseOnly() {
        Cookie flash = routing.request().getCookie(Flash.COOKIE);
        return flash != null && !flash.getValue().isEmpty();
    }

    /** Drops every kept selection (tests measure the worst case with it). */
    public void clear() {
        kept.invalidateAll();
    }
}
