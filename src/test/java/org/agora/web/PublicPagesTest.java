package org.agora.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** What an anonymous reader sees, parsed as HTML rather than grepped. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class PublicPagesTest {

    @Test
    void homeListsTheSeedArticle() {
        Document home = page("/", 200);
        assertThat(home.select("a[href=/articles/" + Api.SEED_SLUG + "]").text())
                .isEqualTo("Why is NATO expanding its reach to the Asia-Pacific region?");
    }

    @Test
    void articlePageShowsTheArticleWithQuestionsInPlaceAndTheReactionWidget() {
        Document article = page("/articles/" + Api.SEED_SLUG, 200);
        assertThat(article.select("h1").text()).isEqualTo("Why is NATO expanding its reach to the Asia-Pacific region?");
        assertThat(article.select(".standfirst").text()).startsWith("Since Russia invaded Ukraine last year");
        assertThat(article.select(".byline").text()).contains("Gorana Grgić", "University of Sydney", "11 min read");
        assertThat(article.select(".attribution").text()).contains("republished from The Conversation");
        assertThat(article.select(".bio").text()).startsWith("Gorana Grgić, Senior Lecturer");
        // the heading question is highlighted in place and links to its thread
        Element whyNow = article.select("h2 a.question-mark").stream()
                .filter(a -> a.text().equals("Why is this happening now?")).findFirst().orElseThrow();
        assertThat(whyNow.attr("href")).matches("/articles/" + Api.SEED_SLUG + "/questions/\\d+");
        assertThat(article.select("p a.question-mark mark").eachText())
                .contains("Why are these four leaders becoming regular features at a summit for European and North American countries?");
        assertThat(article.select(".questions li a").eachText()).contains("Why now?");
        assertThat(article.select("#reactions .reaction .kind").eachText())
                .containsExactly("like", "dislike", "love", "funny", "angry", "sad", "wow");
        assertThat(article.select("#reactions a").attr("href")).startsWith("/login?redirect=");
        // "What's Your Reaction?" is the widget, not body text
        assertThat(article.select("article p").eachText()).noneMatch(p -> p.equals("like") || p.startsWith("What's Your Reaction"));
    }

    @Test
    void threadPageOffersSignInInsteadOfForms() {
        long whyNow = Api.questionId("Why now?");
        Document thread = page("/articles/" + Api.SEED_SLUG + "/questions/" + whyNow, 200);
        assertThat(thread.select("h1").text()).isEqualTo("Why is this happening now?");
        assertThat(thread.select("textarea")).isEmpty();
        assertThat(thread.select("a:contains(Sign in to answer)").attr("href"))
                .isEqualTo("/login?redirect=%2Farticles%2F" + Api.SEED_SLUG + "%2Fquestions%2F" + whyNow);
        assertThat(thread.select("nav.sort a").eachText()).containsExactly("best", "top", "new", "old", "controversial");
    }

    @Test
    void questionUnderTheWrongArticleIs404() {
        long whyNow = Api.questionId("Why now?");
        page("/articles/some-other-article/questions/" + whyNow, 404);
        page("/articles/" + Api.SEED_SLUG + "/questions/999999999", 404);
        page("/articles/" + Api.SEED_SLUG + "/questions/not-a-number", 404);
        page("/no/such/page", 404);
    }

    @Test
    void unknownAddressesAre404PagesForSignedInReadersToo() {
        given().auth().oauth2(Api.token("alice")).get("/favicon.ico").then()
                .statusCode(404).contentType(containsString("text/html")).body(containsString("nothing at this address"));
        given().auth().oauth2(Api.token("alice")).get("/no/such/page").then().statusCode(404);
    }

    @Test
    void errorPagesAreFriendlyAndLeakNothing() {
        given().get("/articles/missing-article").then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("Not found"))
                .body(not(containsString("Exception")))
                .body(not(containsString("at org.")));
    }

    @Test
    void badSortIsExplained() {
        long whyNow = Api.questionId("Why now?");
        Document page = page("/articles/" + Api.SEED_SLUG + "/questions/" + whyNow + "?sort=sideways", 400);
        assertThat(page.text()).contains("best");
    }

    @Test
    void formPostsWithoutCsrfTokenAreRejectedAndChangeNothing() {
        long whyNow = Api.questionId("Why now?");
        int before = Api.anonymous().get("/api/questions/" + whyNow + "/comments").then().extract().path("size()");
        given().auth().oauth2(Api.token("alice"))
                .contentType("application/x-www-form-urlencoded")
                .formParam("body", "forged")
                .post("/articles/" + Api.SEED_SLUG + "/questions/" + whyNow + "/comments")
                .then().statusCode(400);
        given().auth().oauth2(Api.token("alice"))
                .contentType("application/x-www-form-urlencoded")
                .cookie("agora-csrf", "made-up")
                .formParam("csrf-token", "also-made-up")
                .formParam("body", "forged")
                .post("/articles/" + Api.SEED_SLUG + "/questions/" + whyNow + "/comments")
                .then().statusCode(400);
        int after = Api.anonymous().get("/api/questions/" + whyNow + "/comments").then().extract().path("size()");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void repliesNestToDepthFiveThenShowFlatWithInReplyTo() {
        long question = Api.questionId("Why are these four leaders…?");
        Long parent = null;
        long[] chain = new long[8];
        for (int depth = 0; depth < chain.length; depth++) {
            String author = depth % 2 == 0 ? "alice" : "bob";
            var body = parent == null ? java.util.Map.of("body", "level " + depth) : java.util.Map.of("body", "level " + depth, "parentId", parent);
            chain[depth] = Api.as(author).body(body).post("/api/questions/" + question + "/comments")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            parent = chain[depth];
        }
        // newest first: other tests fill this thread past one page, and the chain is the newest answer
        Document thread = page("/articles/" + Api.SEED_SLUG + "/questions/" + question + "?sort=new", 200);
        for (int depth = 0; depth < chain.length; depth++) {
            Element item = thread.getElementById("c-" + chain[depth]);
            assertThat(item).as("comment at depth %d", depth).isNotNull();
            assertThat(item.hasClass("depth-" + Math.min(depth, 5))).as("indent of depth %d", depth).isTrue();
            String inReplyTo = item.select(".in-reply-to").text();
            if (depth > 5) {
                assertThat(inReplyTo).isEqualTo("in reply to " + (depth % 2 == 0 ? "bob" : "alice"));
            } else {
                assertThat(inReplyTo).isEmpty();
            }
        }
        // the API gives the same shape, with depth and parent (newest first: a page holds at most 500 comments, and
        // other tests fill this thread)
        Api.anonymous().get("/api/questions/" + question + "/comments?sort=new").then()
                .statusCode(200)
                .body("find { it.id == " + chain[7] + " }.parentId", org.hamcrest.Matchers.equalTo((int) chain[6]))
                .body("find { it.id == " + chain[7] + " }.depth", org.hamcrest.Matchers.equalTo(7));
    }

    @Test
    void sortOrdersRankTheThread() {
        long question = Api.questionId("Why now?");
        long liked = Api.as("carol").body(java.util.Map.of("body", "A well-liked answer")).post("/api/questions/" + question + "/comments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long newest = Api.as("carol").body(java.util.Map.of("body", "The newest answer")).post("/api/questions/" + question + "/comments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        for (String voter : new String[] {"alice", "bob", "tutor", "mod"}) {
            Api.as(voter).body(java.util.Map.of("value", 1)).put("/api/comments/" + liked + "/vote").then().statusCode(200);
        }
        java.util.List<Long> top = ids("top");
        java.util.List<Long> best = ids("best");
        java.util.List<Long> newestFirst = ids("new");
        assertThat(top.indexOf(liked)).isLessThan(top.indexOf(newest));
        assertThat(best.indexOf(liked)).isLessThan(best.indexOf(newest));
        assertThat(newestFirst.indexOf(newest)).isLessThan(newestFirst.indexOf(liked));
        assertThat(ids("old").indexOf(liked)).isLessThan(ids("old").indexOf(newest));
    }

    private static java.util.List<Long> ids(String sort) {
        long question = Api.questionId("Why now?");
        return Api.anonymous().get("/api/questions/" + question + "/comments?sort=" + sort).then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.depth == 0 }.id", Long.class);
    }

    private static Document page(String path, int status) {
        String html = given().redirects().follow(false).get(path).then().statusCode(status).extract().asString();
        return Jsoup.parse(html);
    }
}
