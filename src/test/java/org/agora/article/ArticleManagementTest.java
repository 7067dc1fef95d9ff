package org.agora.article;

import static io.restassured.RestAssured.given;
import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class ArticleManagementTest {

    @TestHTTPResource("/")
    URL app;

    /** The night-trains test article under a title no other test uses. */
    private static String article(String title) throws IOException {
        String text = Files.readString(Paths.get("src/test/resources/articles/night-trains.txt"));
        return title + text.substring(text.indexOf('\n'));
    }

    @Test
    void aTutorPreviewsImportsPublishesArchivesAndUnpublishesAndOnlyPublicStatesShow() throws IOException {
        String title = "Night trains " + UUID.randomUUID().toString().substring(0, 8);
        String text = article(title);
        for (String user : List.of("alice", "mod")) {
            as(user).body(Map.of("text", text)).post("/api/articles/preview").then().statusCode(403).contentType("application/problem+json");
            as(user).body(Map.of("text", text)).post("/api/articles").then().statusCode(403);
        }
        anonymous().body(Map.of("text", text)).post("/api/articles").then().statusCode(401);

        var preview = as("tutor").body(Map.of("text", text)).post("/api/articles/preview").then().statusCode(200).extract().jsonPath();
        String slug = preview.getString("article.slug");
        assertThat(preview.getString("article.title")).isEqualTo(title);
        assertThat(preview.getList("article.questions.text", String.class)).contains("Can night trains compete with budget airlines?");
        assertThat(preview.getBoolean("slugTaken")).isFalse();
        anonymous().get("/api/articles/" + slug).then().statusCode(404);

        as("tutor").body(Map.of("text", text)).post("/api/articles").then().statusCode(201).body("status", equalTo("draft"));
        as("tutor").body(Map.of("text", text)).post("/api/articles").then().statusCode(409);
        // a draft: invisible to everyone but tutors and admins
        anonymous().get("/api/articles/" + slug).then().statusCode(404);
        as("alice").get("/api/articles/" + slug).then().statusCode(404);
        assertThat(anonymous().get("/api/articles").then().extract().jsonPath().getList("slug", String.class)).doesNotContain(slug);
        long question = as("admin").get("/api/articles/" + slug).then().statusCode(200).extract().jsonPath()
                .getLong("questions.find { it.text == 'Can night trains compete with budget airlines?' }.id");
        as("alice").body(Map.of("body", "too early")).post("/api/questions/" + question + "/comments").then().statusCode(404);
        anonymous().accept("text/html").get("/articles/" + slug + "/questions/" + question).then().statusCode(404);
        // nor do its live-update streams exist for them
        anonymous().accept("text/event-stream").get("/live/articles/" + slug + "/events").then().statusCode(404);
        as("alice").accept("text/event-stream").get("/live/articles/" + slug + "/questions/" + question + "/events").then().statusCode(404);

        as("tutor").body(Map.of("status", "published")).put("/api/articles/" + slug + "/status").then().statusCode(200)
                .body("status", equalTo("published"));
        assertThat(anonymous().get("/api/articles").then().extract().jsonPath().getList("slug", String.class)).contains(slug);
        String word = "sleeperword" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z]", "x");
        long comment = Api.comment("alice", question, "Published answer " + word, null);
        assertThat(anonymous().queryParam("q", word).get("/api/search").then().extract().jsonPath().getList("id", Long.class)).contains(comment);

        // archived: readable, unlisted, closed
        as("tutor").body(Map.of("status", "archived")).put("/api/articles/" + slug + "/status").then().statusCode(200);
        anonymous().get("/api/articles/" + slug).then().statusCode(200);
        assertThat(anonymous().get("/api/articles").then().extract().jsonPath().getList("slug", String.class)).doesNotContain(slug);
        as("alice").body(Map.of("body", "after archiving")).post("/api/questions/" + question + "/comments").then().statusCode(403)
                .body("detail", containsString("archived"));
        assertThat(anonymous().queryParam("q", word).get("/api/search").then().extract().jsonPath().getList("id", Long.class)).contains(comment);

        // unpublished: its comments leave search, feeds and profiles too
        as("tutor").body(Map.of("status", "draft")).put("/api/articles/" + slug + "/status").then().statusCode(200);
        assertThat(anonymous().queryParam("q", word).get("/api/search").then().extract().jsonPath().getList("id", Long.class)).doesNotContain(comment);
        anonymous().accept("application/atom+xml").get("/articles/" + slug + "/feed.atom").then().statusCode(404);
        assertThat(anonymous().get("/api/members/alice").then().extract().jsonPath().getList("comments.id", Long.class)).doesNotContain(comment);

        as("tutor").body(Map.of("status", "gone")).put("/api/articles/" + slug + "/status").then().statusCode(400).body("field", equalTo("status"));
        as("tutor").body(Map.of("status", "published")).put("/api/articles/no-such-article/status").then().statusCode(404);
        as("tutor").body(Map.of("text", "   ")).post("/api/articles/preview").then().statusCode(400).body("field", equalTo("text"));

        List<String> audited = as("mod").get("/api/moderation/log").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.targetId == '" + slug + "' }.action", String.class);
        assertThat(audited).contains("import_article", "publish_article", "archive_article", "unpublish_article");
    }

    @Test
    void theFormsUploadAFilePreviewItAndSaveADraftWithoutJavaScript() throws IOException {
        String title = "Uploaded night trains " + UUID.randomUUID().toString().substring(0, 8);
        String base = app.toString().replaceAll("/$", "");
        Session tutor = BrowserlessLogin.signIn(base, "/login?redirect=" + URLEncoder.encode("/manage/articles", StandardCharsets.UTF_8),
                "tutor", "tutor");
        assertThat(tutor.status()).isEqualTo(200);
        String token = tutor.document().select("form.import-form input[name=csrf-token]").attr("value");
        assertThat(token).isNotBlank();

        var response = given().cookies(tutor.cookies(base + "/manage/articles"))
                .multiPart("csrf-token", token)
                .multiPart("text", "")
                .multiPart("file", "night-trains.md", article(title).getBytes(StandardCharsets.UTF_8), "text/markdown")
                .post(base + "/manage/articles/preview").then().statusCode(200).extract().asString();
        Document preview = Jsoup.parse(response);
        assertThat(preview.select(".detected-title").text()).isEqualTo(title);
        assertThat(preview.select(".detected-questions li").eachText()).anySatisfy(q -> assertThat(q).contains("Can night trains compete"));

        var bad = given().cookies(tutor.cookies(base + "/manage/articles"))
                .multiPart("csrf-token", token)
                .multiPart("file", "trains.pdf", new byte[] {1, 2, 3}, "application/pdf")
                .post(base + "/manage/articles/preview").then().statusCode(400).extract().asString();
        assertThat(Jsoup.parse(bad).select(".error").text()).isEqualTo("Upload a .txt or .md file.");
        given().cookies(tutor.cookies(base + "/manage/articles"))
                .multiPart("text", article(title))
                .post(base + "/manage/articles/preview").then().statusCode(400); // no CSRF token

        // save the previewed text as a draft through the page's own form
        Page managed = tutor.post("/manage/articles", Map.of("text", preview.select("form.save-form input[name=text]").attr("value"),
                "csrf-token", preview.select("form.save-form input[name=csrf-token]").attr("value")));
        assertThat(managed.document().select(".flash").text()).startsWith("Saved as a draft");
        String slug = Slugs.slugify(title);
        assertThat(managed.document().select("#a-" + slug + " .status").attr("data-status")).isEqualTo("draft");
        Page published = tutor.submit(managed, "#a-" + slug + " form:has(input[value=published])", Map.of());
        assertThat(published.document().select(".flash").text()).startsWith("Published");
        assertThat(published.document().select("#a-" + slug + " .status").attr("data-status")).isEqualTo("published");
        anonymous().get("/api/articles/" + slug).then().statusCode(200);

        Session alice = BrowserlessLogin.signIn(base, "/login?redirect=" + URLEncoder.encode("/", StandardCharsets.UTF_8), "alice", "alice");
        assertThat(alice.get("/manage/articles").status()).isEqualTo(403);
    }
}
