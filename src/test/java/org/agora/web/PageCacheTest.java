package org.agora.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.agora.article.ArticleService;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The anonymous page cache (web/PageCache): a kept page runs no SQL, carries each visitor's own CSRF token, and every
 * kind of change, through the app or straight in the database (as another replica would write), shows on the very
 * next anonymous request. Signed-in and flash-carrying requests are never answered from it nor kept in it.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class PageCacheTest {

    @TestHTTPResource("/")
    URL app;

    @Inject
    PageCache cache;

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    EntityManager em;

    @Inject
    ArticleService articles;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> dbPassword;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static final String ARTICLE = "/articles/" + Api.SEED_SLUG;

    // --- helpers ---

    private HttpResponse<String> get(String path, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.toString().replaceAll("/$", "") + path)).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private double hits() {
        return registry.counter("agora.page_cache.requests", "result", "hit").count();
    }

    /** GETs the page until it is kept (the first anonymous request renders and keeps it), then once from the cache. */
    private Document cached(String path) {
        cache.awaitInvalidations(); // changes other tests made straight in the database have reached the cache
        get(path);
        double before = hits();
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(hits()).as("%s is answered from the cache", path).isEqualTo(before + 1);
        return Jsoup.parse(response.body());
    }

    /** The very next anonymous request: must be rendered anew (a miss) and show the change. */
    private Document next(String path) {
        double before = hits();
        HttpResponse<String> response = get(path);
        assertThat(hits()).as("the change dropped %s from the cache", path).isEqualTo(before);
        return Jsoup.parse(response.body());
    }

    private static String csrfCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("agora-csrf="))
                .map(c -> c.substring("agora-csrf=".length(), c.indexOf(';'))).findFirst().orElseThrow();
    }

    /** The CSRF cookie's attributes, without its value and expiry date. */
    private static List<String> cookieAttributes(HttpResponse<?> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("agora-csrf="))
                .findFirst().orElseThrow();
        return java.util.Arrays.stream(cookie.split(";")).skip(1).map(a -> a.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(a -> !a.startsWith("expires=")).sorted().toList();
    }

    private static String formToken(String html) {
        return Jsoup.parse(html).selectFirst("form.language-switch input[name=csrf-token]").attr("value");
    }

    private int switchLanguage(String token, String cookie) {
        try {
            String body = "csrf-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&lang=de&return="
                    + URLEncoder.encode(ARTICLE, StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(app.toString().replaceAll("/$", "") + "/language"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", "agora-csrf=" + cookie)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL on a connection of its own, outside the app, as another replica would write (triggers NOTIFY). */
    private void sql(String... statements) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword.orElse(null));
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    private long articleOf(long question) {
        return inTransaction(() -> ((Number) em.createNativeQuery("select article_id from question where id = :q")
                .setParameter("q", question).getSingleResult()).longValue());
    }

    // --- tests ---

    @Test
    void aKeptPageRunsNoSqlAndAnswersWithTheSameHeaders() {
        long question = Api.questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + question + "?sort=new&page=1";
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        for (String path : List.of(ARTICLE, thread, "/")) {
            HttpResponse<String> first = get(path);
            statistics.clear();
            double before = hits();
            HttpResponse<String> second = get(path);
            assertThat(hits()).as("%s came from the cache", path).isEqualTo(before + 1);
            assertThat(statistics.getPrepareStatementCount()).as("SQL statements for a kept %s", path).isZero();
            assertThat(second.statusCode()).isEqualTo(200);
            for (String header : List.of("Content-Type", "Content-Language", "Vary", "Content-Security-Policy",
                    "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Cache-Control")) {
                assertThat(second.headers().allValues(header)).as(header).isEqualTo(first.headers().allValues(header));
            }
            assertThat(second.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(second.headers().firstValue("X-Request-Id")).isPresent();
            assertThat(csrfCookie(second)).as("a kept page sets its own CSRF cookie, as a rendered one does").isNotEmpty();
            assertThat(cookieAttributes(second)).isEqualTo(cookieAttributes(first)).contains("httponly", "samesite=lax", "path=/");
            // the same bytes but the token
            String token1 = formToken(first.body());
            String token2 = formToken(second.body());
            assertThat(token2).isNotEqualTo(token1);
            assertThat(second.body().replace(token2, "TOKEN")).isEqualTo(first.body().replace(token1, "TOKEN"));
        }
        // compression, as for a rendered page (a flash message makes the request uncacheable)
        cached(ARTICLE);
        for (String encoding : List.of("gzip", "br")) {
            HttpResponse<String> rendered = get(ARTICLE, "Accept-Encoding", encoding, "Cookie", "agora_flash=x");
            double before = hits();
            HttpResponse<String> kept = get(ARTICLE, "Accept-Encoding", encoding);
            assertThat(hits()).isEqualTo(before + 1);
            assertThat(kept.headers().allValues("Content-Encoding")).as(encoding)
                    .isEqualTo(rendered.headers().allValues("Content-Encoding"));
            System.out.printf("page cache: Accept-Encoding %s -> Content-Encoding %s%n", encoding,
                    kept.headers().allValues("Content-Encoding"));
        }
    }

    @Test
    void twoVisitorsServedFromTheCacheGetTheirOwnTokensEachValidOnlyWithTheirOwnCookie() {
        cached(ARTICLE);
        double before = hits();
        HttpResponse<String> first = get(ARTICLE);
        HttpResponse<String> second = get(ARTICLE);
        assertThat(hits()).as("both visitors were served from the cache").isEqualTo(before + 2);
        String token1 = formToken(first.body());
        String token2 = formToken(second.body());
        String cookie1 = csrfCookie(first);
        String cookie2 = csrfCookie(second);
        assertThat(token1).isNotEqualTo(token2);
        assertThat(cookie1).isNotEqualTo(cookie2);
        // every form on the page carries the visitor's token
        assertThat(Jsoup.parse(first.body()).select("input[name=csrf-token]").eachAttr("value")).isNotEmpty().containsOnly(token1);
        assertThat(switchLanguage(token1, cookie2)).as("visitor 1's token with visitor 2's cookie").isEqualTo(400);
        assertThat(switchLanguage(token2, cookie1)).as("visitor 2's token with visitor 1's cookie").isEqualTo(400);
        assertThat(switchLanguage(token1, cookie1)).as("visitor 1's own pair").isEqualTo(303);
        assertThat(switchLanguage(token2, cookie2)).as("visitor 2's own pair").isEqualTo(303);

        // a returning visitor (with a CSRF cookie) still gets a token that goes with their cookie
        HttpResponse<String> again = get(ARTICLE, "Cookie", "agora-csrf=" + cookie1);
        String cookieAgain = again.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("agora-csrf="))
                ? csrfCookie(again) : cookie1;
        assertThat(switchLanguage(formToken(again.body()), cookieAgain)).isEqualTo(303);
    }

    @Test
    void theLanguageIsPartOfTheKey() {
        cached(ARTICLE);
        HttpResponse<String> german = get(ARTICLE, "Accept-Language", "de");
        assertThat(german.headers().firstValue("Content-Language")).contains("de");
        assertThat(Jsoup.parse(german.body()).selectFirst("html").attr("lang")).isEqualTo("de");
        HttpResponse<String> cookie = get(ARTICLE, "Cookie", "agora_lang=de");
        assertThat(Jsoup.parse(cookie.body()).selectFirst("html").attr("lang")).isEqualTo("de");
        assertThat(Jsoup.parse(get(ARTICLE).body()).selectFirst("html").attr("lang")).isEqualTo("en");
    }

    @Test
    void signedInAndFlashRequestsAreNeverServedFromTheCacheNorKept() {
        cached(ARTICLE);
        double before = hits();
        HttpResponse<String> signedIn = get(ARTICLE, "Authorization", "Bearer " + Api.token("alice"));
        assertThat(Jsoup.parse(signedIn.body()).select(".account strong").text()).isEqualTo("alice");
        HttpResponse<String> flash = get(ARTICLE, "Cookie", "agora_flash=Thanks%20for%20reading");
        assertThat(Jsoup.parse(flash.body()).select("p.flash").text()).isEqualTo("Thanks for reading");
        get(ARTICLE, "Cookie", "q_session=anything");
        assertThat(hits()).as("none of them came from the cache").isEqualTo(before);

        // nor are they kept: after a flush, a signed-in request, then an anonymous one renders anew and is anonymous
        cache.flush("test");
        get(ARTICLE, "Authorization", "Bearer " + Api.token("alice"));
        get(ARTICLE, "Cookie", "agora_flash=Kept%3F");
        assertThat(cache.size()).isZero();
        Document anonymous = next(ARTICLE);
        assertThat(anonymous.select(".account strong")).isEmpty();
        assertThat(anonymous.select("p.flash")).isEmpty();

        // seminar pages are signed-in only and never enter
        cache.flush("test");
        get("/seminars");
        get("/seminars/1");
        assertThat(cache.size()).isZero();
    }

    @Test
    void everyKindOfChangeShowsOnTheVeryNextAnonymousRequest() {
        long question = Api.questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + question + "?sort=new";

        // a new answer: the thread and the article page (its comment count)
        cached(thread);
        String articleCounts = cached(ARTICLE).select("a[href$=/questions/" + question + "]").text();
        String body = "cache check " + UUID.randomUUID();
        long comment = Api.comment("alice", question, body, null);
        assertThat(next(thread).select("#c-" + comment + " .body").text()).isEqualTo(body);
        assertThat(next(ARTICLE).select("a[href$=/questions/" + question + "]").text()).isNotEqualTo(articleCounts);

        // a vote
        cached(thread);
        Api.as("bob").body(Map.of("value", 1)).put("/api/comments/" + comment + "/vote").then().statusCode(200);
        assertThat(next(thread).select("#c-" + comment + " .actions .score").text()).startsWith("1");

        // an edit
        cached(thread);
        Api.as("alice").body(Map.of("body", body + " edited")).patch("/api/comments/" + comment).then().statusCode(200);
        assertThat(next(thread).select("#c-" + comment + " .body").text()).isEqualTo(body + " edited");

        // a reaction (carol withdraws any she has first, so hers is a change)
        Api.as("carol").delete("/api/articles/" + Api.SEED_SLUG + "/reaction");
        String total = cached(ARTICLE).select(".reactions .total").text();
        Api.as("carol").body(Map.of("kind", "wow")).put("/api/articles/" + Api.SEED_SLUG + "/reaction").then().statusCode(200);
        String totalAfter = next(ARTICLE).select(".reactions .total").text();
        Api.as("carol").delete("/api/articles/" + Api.SEED_SLUG + "/reaction").then().statusCode(200);
        assertThat(totalAfter).isNotEqualTo(total);

        // a display-name change: public threads name authors by username, but the change drops every page anyway
        // (a rare event; names are cheap to get wrong)
        cached(thread);
        try {
            Api.as("carol").body(Map.of("displayName", "Carol " + UUID.randomUUID().toString().substring(0, 8), "bio", "",
                    "emailDigest", false)).put("/api/me/profile").then().statusCode(200);
            next(thread);
        } finally {
            Api.as("carol").body(Map.of("displayName", "", "bio", "", "emailDigest", false)).put("/api/me/profile");
        }

        // a moderator rejects the answer
        cached(thread);
        Api.as("mod").body(Map.of("action", "reject", "reason", "off_topic")).post("/api/moderation/comments/" + comment + "/actions")
                .then().statusCode(200);
        assertThat(next(thread).select("#c-" + comment)).isEmpty();
    }

    @Test
    void votesAndReactionsDropTheirPagesHereAfterCommittingWithoutASyncMarker() {
        long question = Api.questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + question + "?sort=new";
        long comment = Api.comment("alice", question, "cache vote check " + UUID.randomUUID(), null);

        // a comment vote drops the thread's pages on this replica itself, right after its commit: the answer needs
        // no sync marker through the listener, and the very next anonymous request shows the new score
        cached(thread);
        long markers = cache.markersSent();
        Api.as("bob").body(Map.of("value", -1)).put("/api/comments/" + comment + "/vote").then().statusCode(200);
        assertThat(cache.markersSent()).as("a vote waits for no sync marker").isEqualTo(markers);
        assertThat(next(thread).select("#c-" + comment + " .actions .score").text()).startsWith("-1");

        // withdrawing it too
        cached(thread); // (cached() itself waits for a marker, so that other tests' changes have arrived)
        markers = cache.markersSent();
        Api.as("bob").body(Map.of("value", 0)).put("/api/comments/" + comment + "/vote").then().statusCode(200);
        assertThat(cache.markersSent()).isEqualTo(markers);
        assertThat(next(thread).select("#c-" + comment + " .actions .score").text()).startsWith("0");

        // a question vote: its thread and the article page
        Api.as("carol").body(Map.of("value", 0)).put("/api/questions/" + question + "/vote").then().statusCode(200);
        cached(thread);
        cached(ARTICLE);
        markers = cache.markersSent();
        Api.as("carol").body(Map.of("value", 1)).put("/api/questions/" + question + "/vote").then().statusCode(200);
        assertThat(cache.markersSent()).isEqualTo(markers);
        next(thread);
        next(ARTICLE);
        Api.as("carol").body(Map.of("value", 0)).put("/api/questions/" + question + "/vote").then().statusCode(200);

        // a reaction, and its withdrawal: the article page
        Api.as("carol").delete("/api/articles/" + Api.SEED_SLUG + "/reaction");
        String total = cached(ARTICLE).select(".reactions .total").text();
        markers = cache.markersSent();
        Api.as("carol").body(Map.of("kind", "sad")).put("/api/articles/" + Api.SEED_SLUG + "/reaction").then().statusCode(200);
        assertThat(cache.markersSent()).isEqualTo(markers);
        assertThat(next(ARTICLE).select(".reactions .total").text()).isNotEqualTo(total);
        cached(ARTICLE);
        markers = cache.markersSent();
        Api.as("carol").delete("/api/articles/" + Api.SEED_SLUG + "/reaction").then().statusCode(200);
        assertThat(cache.markersSent()).isEqualTo(markers);
        assertThat(next(ARTICLE).select(".reactions .total").text()).isEqualTo(total);
    }

    @Test
    void aVoteWrittenElsewhereQueuesItsEventInTheOutboxNotANotifyAndStillReachesTheCache() throws Exception {
        long question = Api.questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + question + "?sort=new";
        long comment = Api.comment("bob", question, "outbox " + UUID.randomUUID(), null);
        cached(thread);
        String outboxed = "select count(*) from agora_event_outbox where payload::json ->> 'comment' = '" + comment + "'";
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword.orElse(null));
                Statement st = c.createStatement()) {
            // a change of the text NOTIFYs as before and queues nothing (rolled back: only the counters change below)
            c.setAutoCommit(false);
            st.execute("set transaction isolation level repeatable read"); // the relay's deletes don't show here
            long before = count(st, outboxed);
            st.execute("update comment set body_html = body_html || ' ' where id = " + comment);
            assertThat(count(st, outboxed)).isEqualTo(before);
            c.rollback();
            // "another replica" changes the counters: the event waits in the outbox, inside the transaction (V10),
            // so the commit takes no NOTIFY lock; the relay sends it once the transaction has committed
            st.execute("update comment set ups = ups + 1 where id = " + comment);
            assertThat(count(st, outboxed)).isEqualTo(1);
            c.commit();
        }
        try {
            cache.awaitInvalidations(); // sends what waits in the outbox, then its marker
            assertThat(next(thread).select("#c-" + comment + " .actions .score").text()).startsWith("1");
        } finally {
            sql("update comment set ups = ups - 1 where id = " + comment); // the counters equal the rows again
        }
    }

    private static long count(Statement st, String query) throws java.sql.SQLException {
        try (var rows = st.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void unpublishingAnArticleTakesItsPagesAwayAtOnce() throws IOException {
        long articleId;
        try (InputStream in = getClass().getResourceAsStream("/articles/night-trains.txt")) {
            // an article of its own (other tests use the shared ones, published)
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            articleId = articles.post("Page cache check " + UUID.randomUUID().toString().substring(0, 8) + " " + text);
        }
        String slug = inTransaction(() -> (String) em.createNativeQuery("select slug from article where id = :a")
                .setParameter("a", articleId).getSingleResult());
        cached("/articles/" + slug);
        cached("/");
        Api.as("tutor").body(Map.of("status", "draft")).put("/api/articles/" + slug + "/status").then().statusCode(200);
        assertThat(get("/articles/" + slug).statusCode()).isEqualTo(404);
        assertThat(next("/").select("a[href=/articles/" + slug + "]")).isEmpty();
    }

    @Test
    void aChangeWrittenElsewhereReachesTheCacheThroughNotify() {
        long question = Api.questionId("Why now?");
        long article = articleOf(question);
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + question + "?sort=new";
        long comment = Api.comment("bob", question, "elsewhere " + UUID.randomUUID(), null);

        // a comment's body, written by "another replica"
        cached(thread);
        String html = "<p>written elsewhere " + UUID.randomUUID() + "</p>";
        sql("update comment set body_html = '" + html + "' where id = " + comment);
        cache.awaitInvalidations(); // this replica's listener has now seen every change committed before
        assertThat(next(thread).select("#c-" + comment + " .body").html()).isEqualTo(html);

        // an article's title (the article page, its threads and the list)
        cached(ARTICLE);
        cached(thread);
        cached("/");
        String title = inTransaction(() -> (String) em.createNativeQuery("select title from article where id = :a")
                .setParameter("a", article).getSingleResult());
        try {
            sql("update article set title = title || ' (updated)' where id = " + article);
            cache.awaitInvalidations();
            assertThat(next(ARTICLE).select("h1").text()).endsWith("(updated)");
            assertThat(next(thread).title()).contains("(updated)");
            assertThat(next("/").text()).contains(title + " (updated)");
        } finally {
            sql("update article set title = '" + title.replace("'", "''") + "' where id = " + article);
            cache.awaitInvalidations();
        }

        // a member's unread count (V7) is no anonymous page's business: nothing is dropped
        cached(thread);
        sql("select pg_notify('agora_events', '{\"type\":\"notification\",\"member\":1}')");
        cache.awaitInvalidations();
        double before = hits();
        get(thread);
        assertThat(hits()).as("still kept after a notification event").isEqualTo(before + 1);

        // a member's name, as account deletion renames them (AccountService): every page goes
        String name = "cache-" + UUID.randomUUID().toString().substring(0, 8);
        sql("insert into member (subject, username, display_name) values ('" + name + "', '" + name + "', 'Cache')",
                "insert into comment (question_id, author_id, body, body_html) select " + question + ", id, 'by " + name
                        + "', '<p>by " + name + "</p>' from member where username = '" + name + "'");
        cache.awaitInvalidations();
        Document named = cached(thread);
        assertThat(named.select(".comment .author").eachText()).contains(name);
        sql("update member set display_name = display_name where username = '" + name + "'"); // no change: nothing dropped
        cache.awaitInvalidations();
        cached(thread);
        sql("update member set username = 'deleted-" + name + "' where username = '" + name + "'");
        cache.awaitInvalidations();
        assertThat(next(thread).select(".comment .author").eachText()).contains("deleted-" + name).doesNotContain(name);
    }

    @Test
    void aLostListenerEmptiesTheCacheAndServesNothingUntilItListensAgain() throws InterruptedException {
        long question = Api.questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + question + "?sort=new";
        long comment = Api.comment("alice", question, "listener " + UUID.randomUUID(), null);
        cached(thread);
        // the listener's connection drops, and a change is made that sends no notification at all
        String html = "<p>missed " + UUID.randomUUID() + "</p>";
        sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'agora-live-listener'",
                "set session_replication_role = replica",
                "update comment set body_html = '" + html + "' where id = " + comment);
        for (int i = 0; i < 600 && cache.listening(); i++) {
            Thread.sleep(10); // until the listener notices (it is a background thread)
        }
        Document during = Jsoup.parse(get(thread).body());
        for (int i = 0; i < 1000 && !cache.listening(); i++) {
            Thread.sleep(10); // it reconnects after 2 s
        }
        assertThat(cache.listening()).as("the listener is back").isTrue();
        assertThat(next(thread).select("#c-" + comment + " .body").html()).isEqualTo(html);
        assertThat(during.select("#c-" + comment + " .body").html()).isEqualTo(html);
    }
}
