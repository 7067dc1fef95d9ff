package org.agora.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.micrometer.core.instrument.Counter;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.arc.Arc;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.agora.AgoraConfig;
import org.agora.i18n.CurrentLanguage;
import org.agora.i18n.Languages;
import org.agora.ops.AfterCommit;
import org.agora.ops.AgoraMetrics;
import org.jboss.logging.Logger;

/**
 * Rendered anonymous pages, kept in memory on each replica and dropped exactly when their content changes, on every
 * replica (bench/README.md "Caching").
 * <ul>
 *   <li><b>What:</b> the article list, an article page and a thread page (with its {@code sort}, {@code page} and
 *       {@code branch}), for requests with no session cookie, no {@code Authorization} header and no flash message.
 *       The key is the resolved language plus the request's path and query, which together are every per-visitor
 *       input of those pages (the sign-in link and the language switch return to the very address).</li>
 *   <li><b>CSRF:</b> a page is kept with this visitor's CSRF token cut out and served with the next visitor's token
 *       put back; the token and its cookie come from Quarkus' CSRF filter exactly as for a rendered page
 *       ({@link PageCacheFilter}).</li>
 *   <li><b>Invalidation:</b> database triggers NOTIFY every change on channel {@code agora_events} (migrations V5,
 *       V9); {@code live/LiveEvents} LISTENs and hands each event to {@link #onEvent}. While the listener is not
 *       connected nothing is served or kept, and every (re)connect empties the cache, since events may have been
 *       missed. A page rendered while a change arrived is not kept ({@link #sequence}).</li>
 *   <li><b>Read-your-writes:</b> a successful POST/PUT/PATCH/DELETE answers only after this replica's listener has
 *       seen the change ({@link #awaitInvalidations}), so the next anonymous GET on this replica never gets the page
 *       from before. Other replicas drop it as soon as their listener hears the NOTIFY (milliseconds).</li>
 *   <li><b>Bounds:</b> at most {@code agora.page-cache.max-bytes} of pages (Caffeine, least used first) and
 *       {@code agora.page-cache.ttl} of age, a safety net; relative times are re-rendered by the page's script.</li>
 * </ul>
 */
@ApplicationScoped
public class PageCache {

    /** Routing-context keys a cacheable miss carries from {@link PageCacheFilter} to {@link #render}. */
    static final String KEY = "agora.page-cache.key";
    static final String START = "agora.page-cache.start";
    /** Set on a write whose changed pages this replica dropped itself after the commit: no sync marker needed. */
    static final String DROPPED_HERE = "agora.page-cache.dropped-here";
    private static final String ARTICLES = "/articles/";
    private static final String QUESTIONS = "/questions/";
    private static final Pattern THREAD_QUERY = Pattern.compile("^((sort|page|branch)=[A-Za-z0-9_-]{1,20})(&(sort|page|branch)=[A-Za-z0-9_-]{1,20}){0,2}$");
    private static final long INDEX = -1;
    private static final Logger LOG = Logger.getLogger(PageCache.class);

    /**
     * One kept page: its bytes around the CSRF token, in direct memory (a {@link ByteBuffer}, freed by the garbage
     * collector once no page and no response in flight refers to it), so a hit goes to the socket from them without a
     * copy; and what it shows (article -1: the list; question 0: none).
     */
    record Page(ByteBuffer[] parts, long articleId, long questionId) {

        static Page of(String[] parts, long articleId, long questionId) {
            ByteBuffer[] buffers = new ByteBuffer[parts.length];
            for (int i = 0; i < parts.length; i++) {
                byte[] bytes = parts[i].getBytes(StandardCharsets.UTF_8);
                buffers[i] = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
            }
            return new Page(buffers, articleId, questionId);
        }

        int weight() {
            int n = 64;
            for (ByteBuffer part : parts) {
                n += part.remaining() + 32;
            }
            return n;
        }

        /** The page with {@code token} where the kept visitor's token was: views of the parts, no copy. */
        Buffer with(byte[] token) {
            ByteBuf[] all = new ByteBuf[parts.length * 2 - 1];
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    all[2 * i - 1] = Unpooled.wrappedBuffer(token);
                }
                all[2 * i] = Unpooled.wrappedBuffer(parts[i].duplicate());
            }
            return Buffer.buffer(Unpooled.wrappedBuffer(all.length, all));
        }
    }

    private final boolean enabled;
    private final Cache<String, Page> pages;
    /** Every invalidation takes the next number; a miss keeps its page only if nothing it shows changed since it began. */
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Long, Long> articleChanged = new ConcurrentHashMap<>();
    private final Map<Long, Long> articlePageChanged = new ConcurrentHashMap<>();
    private final Map<Long, Long> threadChanged = new ConcurrentHashMap<>();
    private volatile long flushed;
    private volatile boolean listening;

    /** Markers this replica NOTIFYs to learn that its listener has seen every change committed before them. */
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong markers = new AtomicLong();
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> waiting = new ConcurrentSkipListMap<>();

    private final Counter hits;
    private final Counter misses;
    private final AgoraMetrics metrics;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RoutingContext routing;

    @Inject
    org.agora.member.CurrentMember currentMember;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    io.quarkus.vertx.http.runtime.CurrentVertxRequest currentVertxRequest;

    PageCache(AgoraConfig config, AgoraMetrics metrics) {
        AgoraConfig.PageCache settings = config.pageCache();
        this.enabled = settings.enabled();
        this.pages = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes())
                .weigher((String key, Page page) -> page.weight() + key.length())
                .expireAfterWrite(settings.ttl())
                .build();
        this.metrics = metrics;
        this.hits = metrics.pageCacheRequests("hit");
        this.misses = metrics.pageCacheRequests("miss");
        metrics.pageCachePages(pages, Cache::estimatedSize);
    }

    // --- serving ---

    /**
     * The cache key of this request, or null when it must be rendered and not kept: not a cacheable page or address,
     * a signed-in or flash-carrying visitor, or the listener is away (changes would be missed).
     */
    String keyOf(HttpServerRequest request) {
        if (!enabled || !listening || request.method() != io.vertx.core.http.HttpMethod.GET) {
            return null;
        }
        String path = request.path();
        String query = request.query();
        int kind = cacheablePath(path);
        boolean page = kind == THREAD_PAGE ? query == null || THREAD_QUERY.matcher(query).matches()
                : kind != NOT_CACHEABLE && query == null;
        if (!page || request.getHeader("Authorization") != null) {
            return null;
        }
        for (Cookie cookie : request.cookies()) {
            String name = cookie.getName();
            if (name.startsWith("q_session") || Flash.COOKIE.equals(name) && !cookie.getValue().isEmpty()) {
                return null;
            }
        }
        Cookie lang = request.getCookie(CurrentLanguage.COOKIE);
        return Languages.choose(lang == null ? null : lang.getValue(), request.getHeader("Accept-Language")).tag()
                + ' ' + request.uri();
    }

    static final int NOT_CACHEABLE = 0;
    static final int LIST_OR_ARTICLE_PAGE = 1;
    static final int THREAD_PAGE = 2;

    /**
     * Which cacheable page a path names: {@code /} and {@code /articles/<slug>} ({@link #LIST_OR_ARTICLE_PAGE}), or
     * {@code /articles/<slug>/questions/<id>} ({@link #THREAD_PAGE}), a slug being letters a-z and digits in groups
     * joined by single hyphens and an id 1-18 digits. A scan rather than a regular expression: the nested groups of
     * {@code [a-z0-9]+(-[a-z0-9]+)*} cost 5 % of the CPU of a cached anonymous page (JFR, November 30).
     */
    static int cacheablePath(String path) {
        if ("/".equals(path)) {
            return LIST_OR_ARTICLE_PAGE;
        }
        if (path == null || !path.startsWith(ARTICLES)) {
            return NOT_CACHEABLE;
        }
        int slugEnd = path.indexOf('/', ARTICLES.length());
        if (slugEnd < 0) {
            return isSlug(path, ARTICLES.length(), path.length()) ? LIST_OR_ARTICLE_PAGE : NOT_CACHEABLE;
        }
        int idStart = slugEnd + QUESTIONS.length();
        return isSlug(path, ARTICLES.length(), slugEnd) && path.startsWith(QUESTIONS, slugEnd)
                && isDigits(path, idStart, path.length(), 18) ? THREAD_PAGE : NOT_CACHEABLE;
    }

    private static boolean isSlug(String text, int from, int to) {
        if (from >= to || text.charAt(from) == '-' || text.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!letterOrDigit && (c != '-' || text.charAt(i - 1) == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String text, int from, int to, int maxDigits) {
        if (from >= to || to - from > maxDigits) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The kept page for this key, or null. */
    Page find(String key) {
        return pages.getIfPresent(key);
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    long sequence() {
        return sequence.get();
    }

    /**
     * Renders a page; straight into bytes ({@link HtmlOutput}) when it is not to be kept. When the request may be
     * cached ({@link PageCacheFilter} marked it) keeps a copy with the CSRF token cut out, unless something the page shows changed while it was being rendered. {@code questionId} is 0 for
     * an article page; {@code articleId} -1 for the article list.
     */
    public HtmlPage render(TemplateInstance template, long articleId, long questionId) {
        String key = routing.get(KEY);
        String token = CsrfTokens.current(routing);
        if (key == null || token == null || currentMember.viewer().signedIn()) {
            return HtmlOutput.render(template, routing); // not to be kept: straight into bytes
        }
        String html = template.render();
        if (!html.contains("name=\"submissionKey\"")) {
            Long start = routing.get(START);
            if (start != null && unchangedSince(start, articleId, questionId)) {
                pages.put(key, Page.of(html.split(Pattern.quote(token), -1), articleId, questionId));
                // a change may have arrived between the check and the put: then the put must not survive it
                if (!unchangedSince(start, articleId, questionId)) {
                    pages.invalidate(key);
                }
            }
        }
        return HtmlPage.of(html);
    }

    /** The article list: depends on every article. */
    public HtmlPage renderIndex(TemplateInstance template) {
        return render(template, INDEX, 0);
    }

    /**
     * For data kept per thread outside this cache (comment/ThreadSlices): the number of changes heard so far, or -1
     * while changes may go unheard (the listener is away, or the cache and its invalidation are switched off).
     */
    public long changeCount() {
        return enabled && listening ? sequence.get() : -1;
    }

    /** Whether nothing a thread page shows changed since {@code since}, a {@link #changeCount}, as far as this replica heard. */
    public boolean threadUnchangedSince(long since, long articleId, long questionId) {
        return since >= 0 && enabled && listening && unchangedSince(since, articleId, questionId);
    }

    private boolean unchangedSince(long start, long articleId, long questionId) {
        if (flushed > start) {
            return false;
        }
        if (articleId == INDEX) {
            return articleChanged.getOrDefault(INDEX, 0L) <= start;
        }
        if (articleChanged.getOrDefault(articleId, 0L) > start) {
            return false;
        }
        return questionId == 0 ? articlePageChanged.getOrDefault(articleId, 0L) <= start
                : threadChanged.getOrDefault(questionId, 0L) <= start;
    }

    // --- invalidation ---

    /** An event from channel agora_events (live/LiveEvents): drops the pages it changes. */
    public void onEvent(JsonNode event) {
        if (!enabled) {
            return;
        }
        String type = event.path("type").asText();
        long article = event.path("article").asLong();
        long question = event.path("question").asLong();
        switch (type) {
            case "sync" -> {
                if (instance.equals(event.path("instance").asText())) {
                    reached(event.path("n").asLong());
                }
            }
            case "comment" -> {
                dropThread(question);
                if (!"thread".equals(event.path("scope").asText())) {
                    dropArticlePage(article);
                }
            }
            case "question" -> {
                dropThread(question);
                dropArticlePage(article);
            }
            case "reactions" -> dropArticlePage(article);
            case "article" -> dropArticle(article);
            case "notification" -> {
                // a member's unread count (V7): shown to that member only, never on an anonymous page
            }
            default -> flush("event " + type);
        }
    }

    private void dropThread(long question) {
        long n = sequence.incrementAndGet();
        threadChanged.put(question, n);
        drop("thread", p -> p.questionId() == question);
    }

    private void dropArticlePage(long article) {
        long n = sequence.incrementAndGet();
        articlePageChanged.put(article, n);
        drop("article-page", p -> p.articleId() == article && p.questionId() == 0);
    }

    private void dropArticle(long article) {
        long n = sequence.incrementAndGet();
        articleChanged.put(article, n);
        articleChanged.put(INDEX, n);
        drop("article", p -> p.articleId() == article || p.articleId() == INDEX);
    }

    /** Drops every page (a rare change that shows everywhere, or events that may have been missed). */
    public void flush(String why) {
        flushed = sequence.incrementAndGet();
        pages.invalidateAll();
        invalidated("flush");
        LOG.debugf("Page cache flushed: %s", why);
    }

    private void drop(String kind, Predicate<Page> affected) {
        pages.asMap().values().removeIf(affected);
        invalidated(kind);
    }

    private void invalidated(String kind) {
        metrics.pageCacheInvalidated(kind);
    }

    /** The listener (re)connected or lost its connection: either way events may have been missed. */
    public void listening(boolean now) {
        if (!now) {
            listening = false;
        }
        flush(now ? "listener connected" : "listener lost");
        listening = now;
        if (!now) {
            waiting.values().forEach(f -> f.complete(null)); // nothing is kept or served now
        }
    }

    public boolean listening() {
        return listening;
    }

    // --- read-your-writes on this replica ---

    /**
     * The current transaction changes the counts on a question's thread pages (a comment vote): this replica drops
     * them itself right after the commit, so the write answers without a sync marker ({@link #awaitInvalidations}).
     * The trigger's NOTIFY drops them on every replica as before (this one again).
     */
    public void threadChangesOnCommit(long questionId) {
        afterCommit(() -> dropThread(questionId));
    }

    /** As {@link #threadChangesOnCommit}, for a question's own counters: its thread and its article's page. */
    public void questionChangesOnCommit(long articleId, long questionId) {
        afterCommit(() -> {
            dropThread(questionId);
            dropArticlePage(articleId);
        });
    }

    /** As {@link #threadChangesOnCommit}, for an article page alone (its reaction tally). */
    public void articlePageChangesOnCommit(long articleId) {
        afterCommit(() -> dropArticlePage(articleId));
    }

    private void afterCommit(Runnable drop) {
        if (!enabled) {
            return;
        }
        AfterCommit.run(transactions, () -> {
            // after the commit: a render that starts now reads the change, one that started before is not kept
            drop.run();
            RoutingContext request = currentRequest();
            if (request != null) {
                request.put(DROPPED_HERE, Boolean.TRUE);
            }
        });
    }

    /** True when this request's write dropped its pages here after committing ({@link #threadChangesOnCommit}). */
    boolean droppedHere() {
        RoutingContext request = currentRequest();
        return request != null && request.get(DROPPED_HERE) != null;
    }

    /** The HTTP request this thread serves, or null (a service called from a background job or a test). */
    private RoutingContext currentRequest() {
        return Arc.container().requestContext().isActive() ? currentVertxRequest.getCurrent() : null;
    }

    /** For tests: how many sync markers this replica has sent (writes that had to wait for their listener). */
    public long markersSent() {
        return markers.get();
    }

    /**
     * Returns once this replica's listener has seen every change committed before the call (the counter events still
     * in the outbox are sent first, then a marker NOTIFY, which arrives after them all: PostgreSQL delivers
     * notifications in commit order), so no page from before is served afterwards. If the marker does not come back
     * in time, drops everything instead.
     */
    public void awaitInvalidations() {
        // even with an empty cache: a page rendered from before the change may be about to be kept
        if (!enabled) {
            return;
        }
        if (!listening) {
            flush("listener away during a write");
            return;
        }
        long n = markers.incrementAndGet();
        CompletableFuture<Void> seen = new CompletableFuture<>();
        waiting.put(n, seen);
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("select pg_notify('agora_events', ?)")) {
            // counter changes wait in the outbox (live/EventOutbox): send them first, so the marker comes after them
            org.agora.live.EventOutbox.sendAllWaiting(c);
            st.setString(1, "{\"type\":\"sync\",\"instance\":\"" + instance + "\",\"n\":" + n + "}");
            st.execute();
            seen.get(2, TimeUnit.SECONDS);
        } catch (SQLException | ExecutionException | TimeoutException e) {
            flush("no sync marker: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            flush("interrupted while waiting for the sync marker");
        } finally {
            waiting.remove(n);
        }
    }

    private void reached(long n) {
        var done = waiting.headMap(n, true);
        done.values().forEach(f -> f.complete(null));
        done.clear();
    }

    /** For tests: the number of pages kept. */
    public long size() {
        pages.cleanUp();
        return pages.estimatedSize();
    }
}
