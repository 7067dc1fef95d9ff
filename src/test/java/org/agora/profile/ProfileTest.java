package org.agora.profile;

import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class ProfileTest {

    @Inject
    EntityManager em;


    @Test
    void aProfileShowsPublicCommentsQuestionsAnsweredAndAScoreFromPublicCommentsOnly() {
        long q = questionId("Why now?");
        var before = anonymous().get("/api/members/alice").then().statusCode(200).extract().jsonPath();
        int scoreBefore = before.getInt("score");
        int countBefore = before.getInt("commentCount");

        long answer = Api.comment("alice", q, "Profile answer " + UUID.randomUUID(), null);
        long reply = Api.comment("alice", q, "Profile reply " + UUID.randomUUID(), answer);
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + answer + "/vote").then().statusCode(200);
        as("carol").body(Map.of("value", 1)).put("/api/comments/" + answer + "/vote").then().statusCode(200);
        as("bob").body(Map.of("value", -1)).put("/api/comments/" + reply + "/vote").then().statusCode(200);
        long removed = Api.comment("alice", q, "Removed from the profile " + UUID.randomUUID(), null);
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + removed + "/vote").then().statusCode(200);
        as("mod").body(Map.of("action", "remove", "reason", "spam")).post("/api/moderation/comments/" + removed + "/actions").then().statusCode(200);
        long held = Api.withPremoderation(em, () -> Api.comment("alice", q, "Held from the profile", null));

        var after = anonymous().get("/api/members/alice").then().statusCode(200).extract().jsonPath();
        assertThat(after.getInt("score")).as("+2 -1; the removed comment's vote doesn't count").isEqualTo(scoreBefore + 1);
        assertThat(after.getInt("commentCount")).isEqualTo(countBefore + 2);
        List<Long> listed = after.getList("comments.id", Long.class);
        assertThat(listed).contains(answer, reply).doesNotContain(removed, held);
        assertThat(after.getList("answered.id", Long.class)).contains(q);
        assertThat(after.getString("comments.find { it.id == " + answer + " }.link")).endsWith("/questions/" + q + "#c-" + answer);

        Document page = Jsoup.parse(anonymous().accept("text/html").get("/members/alice").then().statusCode(200).extract().asString());
        assertThat(page.select(".profile .score").text()).isEqualTo(Integer.toString(scoreBefore + 1));
        assertThat(page.select("#pc-" + answer)).hasSize(1);
        assertThat(page.select("#pc-" + removed)).isEmpty();
        assertThat(page.select("#aq-" + q + " a").attr("href")).endsWith("/questions/" + q);

        anonymous().get("/api/members/nobody-" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void displayNameAndBioAreCleanedEscapedAndLimited() {
        try {
            as("bob").body(Map.of("displayName", "  Bob\u202E \u200Bthe   <b>Bold</b> ", "bio", "Hi <script>alert(1)</script>\u0007\n\n\n\nline two"))
                    .put("/api/me/profile").then().statusCode(200)
                    .body("chosenName", equalTo("Bob the <b>Bold</b>"))
                    .body("bio", equalTo("Hi <script>alert(1)</script>\n\nline two"));
            Document page = Jsoup.parse(anonymous().accept("text/html").get("/members/bob").then().statusCode(200).extract().asString());
            assertThat(page.select("#profile-heading").text()).isEqualTo("Bob the <b>Bold</b>");
            assertThat(page.select(".profile b, .profile script")).isEmpty();
            assertThat(page.select(".bio").text()).startsWith("Hi <script>alert(1)</script>");
            Document settings = Jsoup.parse(as("bob").accept("text/html").get("/me/settings").then().statusCode(200).extract().asString());
            assertThat(settings.select("#display-name").attr("value")).isEqualTo("Bob the <b>Bold</b>");
            assertThat(settings.select("form.delete-account input[name=csrf-token]")).hasSize(1);
            as("bob").accept("application/json").get("/me/export").then().statusCode(200)
                    .header("Content-Disposition", org.hamcrest.Matchers.containsString("agora-export.json"))
                    .body("member.chosenName", equalTo("Bob the <b>Bold</b>"));

            as("bob").body(Map.of("displayName", "x".repeat(61))).put("/api/me/profile").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("displayName"));
            as("bob").body(Map.of("bio", "y".repeat(301))).put("/api/me/profile").then().statusCode(400).body("field", equalTo("bio"));
            anonymous().body(Map.of("bio", "x")).put("/api/me/profile").then().statusCode(401);
        } finally {
            as("bob").body(Map.of("displayName", " ", "bio", "")).put("/api/me/profile").then().statusCode(200)
                    .body("chosenName", nullValue()).body("bio", nullValue());
        }
    }
}
