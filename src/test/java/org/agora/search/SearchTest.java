package org.agora.search;

import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class SearchTest {

    @Inject
    EntityManager em;

    /** A made-up word no other test writes, so the assertions see only this test's comments. */
    private static String word() {
        Random random = new Random();
        StringBuilder w = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        // a fixed ending the English stemmer treats alike every time: "…tons" stems to "…ton" (a random "…us" or
        // "…ss" would keep its s, and the stemming check would fail one run in a dozen)
        return w.append("ton").toString();
    }

    private static long post(String user, long q, String body) {
        return as(user).body(Map.of("body", body)).post("/api/questions/" + q + "/comments").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static List<Map<String, Object>> search(String user, String query) {
        var spec = user == null ? anonymous() : as(user);
        return spec.queryParams(params(query)).get("/api/search").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** "q=a b&author=x" as parameters, so RestAssured encodes them once (a "+" would reach the server as "+"). */
    private static Map<String, String> params(String query) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return params;
    }

    private static List<Long> commentIds(List<Map<String, Object>> hits) {
        return hits.stream().filter(h -> "comment".equals(h.get("type"))).map(h -> ((Number) h.get("id")).longValue()).toList();
    }

    @Test
    void findsPublicCommentsRankedWithEscapedHighlightedSnippets() {
        String w = word();
        long q = questionId("Why now?");
        long once = post("alice", q, "I mention " + w + " once, with <script>alert(1)</script> & 5 < 6 > 2 \"quoted\" 'single'.");
        long thrice = post("bob", q, w + " here, " + w + " there, " + w + " everywhere.");

        List<Map<String, Object>> hits = search(null, "q=" + w);
        assertThat(commentIds(hits)).containsExactly(thrice, once);
        Map<String, Object> first = hits.get(0);
        assertThat(first.keySet()).contains("type", "id", "link", "snippetHtml");
        assertThat(first.get("link")).isEqualTo("/articles/" + Api.SEED_SLUG + "/questions/" + q + "#c-" + thrice);
        assertThat((String) first.get("snippetHtml")).contains("<mark>" + w + "</mark>");
        String snippet = (String) hits.get(1).get("snippetHtml");
        // PostgreSQL's parser drops what looks like a tag; everything else is escaped
        assertThat(snippet).contains("alert(1)", "&amp;", "&lt; 6 &gt;", "&quot;quoted&quot;", "&#39;single")
                .doesNotContain("<script", "script>");
        // the only elements in a snippet are the highlights
        assertThat(Jsoup.parseBodyFragment(snippet).body().select("*:not(body):not(mark)")).isEmpty();

        // stemming: the plural finds the singular's row and vice versa
        String stemmed = word();
        long plural = post("carol", q, "Several " + stemmed + "s were involved.");
        assertThat(commentIds(search(null, "q=" + stemmed))).containsExactly(plural);
    }

    @Test
    void filtersByArticleAuthorAndDate() {
        String w = word();
        long q = questionId("Why now?");
        long alices = post("alice", q, "Filtered " + w);
        long bobs = post("bob", q, "Filtered " + w + " too");

        assertThat(commentIds(search(null, "q=" + w + "&author=alice"))).containsExactly(alices);
        assertThat(commentIds(search(null, "q=" + w + "&author=BOB"))).containsExactly(bobs);
        assertThat(commentIds(search(null, "q=" + w + "&article=" + Api.SEED_SLUG))).containsExactlyInAnyOrder(alices, bobs);
        assertThat(search(null, "q=" + w + "&article=no-such-article")).isEmpty();
        String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(commentIds(search(null, "q=" + w + "&from=" + today + "&to=" + today))).containsExactlyInAnyOrder(alices, bobs);
        assertThat(search(null, "q=" + w + "&from=" + LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2))).isEmpty();
        assertThat(search(null, "q=" + w + "&to=2000-01-01")).isEmpty();
    }

    @Test
    void findsQuestionsAndArticles() {
        List<Map<String, Object>> hits = search(null, "q=leaders summit");
        assertThat(hits).anySatisfy(h -> {
            assertThat(h.get("type")).isEqualTo("question");
            assertThat((String) h.get("snippetHtml")).contains("<mark>");
        });
        assertThat(search(null, "q=Asia-Pacific")).anySatisfy(h -> {
            assertThat(h.get("type")).isEqualTo("article");
            assertThat(h.get("link")).isEqualTo("/articles/" + Api.SEED_SLUG);
        });
        // an author filter narrows to comments: articles and questions have no member author
        assertThat(search(null, "q=Asia-Pacific&author=alice")).allSatisfy(h -> assertThat(h.get("type")).isEqualTo("comment"));
    }

    @Test
    void nothingHeldRejectedRemovedDeletedOrHiddenLeaks() {
        String w = word();
        long q = questionId("Why now?");
        long held = Api.withPremoderation(em, () -> post("alice", q, "Held " + w));
        long rejected = Api.withPremoderation(em, () -> post("alice", q, "Rejected " + w));
        as("mod").body(Map.of("action", "reject", "reason", "spam")).post("/api/moderation/comments/" + rejected + "/actions").then().statusCode(200);
        long removed = post("bob", q, "Removed " + w);
        as("mod").body(Map.of("action", "remove", "reason", "spam")).post("/api/moderation/comments/" + removed + "/actions").then().statusCode(200);
        long deleted = post("bob", q, "Deleted " + w);
        as("bob").delete("/api/comments/" + deleted).then().statusCode(204);
        long hiddenQ = questionId("Why are these four leaders…?");
        long inHidden = post("carol", hiddenQ, "Hidden thread " + w);
        long visible = post("carol", q, "Visible " + w);

        as("mod").body(Map.of("action", "hide")).post("/api/moderation/questions/" + hiddenQ + "/actions").then().statusCode(200);
        try {
            for (String user : new String[] {null, "alice", "bob", "mod"}) {
                assertThat(commentIds(search(user, "q=" + w))).as("as " + user).containsExactly(visible);
            }
            String page = anonymous().accept("text/html").get("/search?q=" + w).then().statusCode(200).extract().asString();
            assertThat(page).doesNotContain("Held " , "Rejected ", "Removed ", "Deleted ", "Hidden thread ").contains("Visible ");
            assertThat(List.of(held, rejected, removed, deleted, inHidden)).doesNotContain(visible);
        } finally {
            as("mod").body(Map.of("action", "show")).post("/api/moderation/questions/" + hiddenQ + "/actions").then().statusCode(200);
        }
        assertThat(commentIds(search(null, "q=" + w))).containsExactlyInAnyOrder(visible, inHidden);
    }

    @Test
    void badSearchesGetAClearError() {
        anonymous().get("/api/search").then().statusCode(400).contentType("application/problem+json").body("field", equalTo("q"));
        anonymous().get("/api/search?q=" + "a".repeat(201)).then().statusCode(400).body("field", equalTo("q"));
        anonymous().get("/api/search?q=x&from=yesterday").then().statusCode(400).body("field", equalTo("from"));
        anonymous().get("/api/search?q=x&from=2026-02-02&to=2026-01-01").then().statusCode(400).body("field", equalTo("to"));
        anonymous().get("/api/search?q=x&page=zero").then().statusCode(400).body("field", equalTo("page"));
        // operators and stop words alone are not an error, just nothing
        assertThat(search(null, "q=\"the\" OR -")).isEmpty();
        String html = anonymous().accept("text/html").queryParam("q", " ").get("/search").then().statusCode(400).extract().asString();
        assertThat(Jsoup.parse(html).select(".error").text()).isEqualTo("Type something to search for.");
        anonymous().accept("text/html").get("/search").then().statusCode(200);
    }
}
