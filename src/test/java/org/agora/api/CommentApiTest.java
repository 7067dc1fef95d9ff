package org.agora.api;

import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.agora.comment.CommentRevision;
import org.agora.testing.AgoraStack;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class CommentApiTest {

    private static long post(String user, long questionId, String body, Long parentId) {
        Map<String, Object> payload = parentId == null ? Map.of("body", body) : Map.of("body", body, "parentId", parentId);
        return as(user).body(payload).post("/api/questions/" + questionId + "/comments").then()
                .statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void answerReplyEditDeleteRoundTrip() {
        long whyNow = questionId("Why now?");
        int countBefore = anonymous().get("/api/articles/" + org.agora.testing.Api.SEED_SLUG).then().extract()
                .path("questions.find { it.id == " + whyNow + " }.commentCount");

        var response = as("alice").body(Map.of("body", "Because of **China**, mostly."))
                .post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(201)
                .body("author", equalTo("alice"))
                .body("bodyHtml", containsString("<strong>China</strong>"))
                .body("score", equalTo(0))
                .body("deleted", equalTo(false))
                .extract();
        long answer = response.jsonPath().getLong("id");
        assertThat(response.header("Location")).endsWith("/api/comments/" + answer);
        long reply = post("bob", whyNow, "I'd say Ukraine first.", answer);

        JsonPath thread = anonymous().get("/api/questions/" + whyNow + "/comments?sort=new").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = thread.getList("$");
        Map<String, Object> replyItem = items.stream().filter(i -> ((Number) i.get("id")).longValue() == reply).findFirst().orElseThrow();
        assertThat(((Number) replyItem.get("parentId")).longValue()).isEqualTo(answer);
        assertThat(replyItem.keySet()).contains("id", "parentId", "author", "bodyHtml", "score", "ups", "downs", "createdAt", "deleted");
        // a reply is listed right after its parent
        List<Long> ids = items.stream().map(i -> ((Number) i.get("id")).longValue()).toList();
        assertThat(ids.indexOf(reply)).isEqualTo(ids.indexOf(answer) + 1);

        anonymous().get("/api/articles/" + org.agora.testing.Api.SEED_SLUG).then()
                .body("questions.find { it.id == " + whyNow + " }.commentCount", equalTo(countBefore + 2));

        // only the author edits or deletes
        as("bob").body(Map.of("body", "hijacked")).patch("/api/comments/" + answer).then().statusCode(403)
                .contentType("application/problem+json");
        as("bob").delete("/api/comments/" + answer).then().statusCode(403);
        anonymous().body(Map.of("body", "hijacked")).patch("/api/comments/" + answer).then().statusCode(401);

        as("alice").body(Map.of("body", "Because of China and Russia.")).patch("/api/comments/" + answer).then()
                .statusCode(200)
                .body("bodyHtml", containsString("China and Russia"))
                .body("editedAt", not(nullValue()));
        assertThat(revisions(answer)).containsExactly("Because of **China**, mostly.", "Because of China and Russia.");

        as("alice").delete("/api/comments/" + answer).then().statusCode(204);
        anonymous().get("/api/comments/" + answer).then()
                .statusCode(200)
                .body("deleted", equalTo(true))
                .body("author", nullValue())
                .body("bodyHtml", emptyString());
        // the reply survives its deleted parent
        anonymous().get("/api/comments/" + reply).then().statusCode(200).body("deleted", equalTo(false)).body("parentId", equalTo((int) answer));
        anonymous().get("/api/articles/" + org.agora.testing.Api.SEED_SLUG).then()
                .body("questions.find { it.id == " + whyNow + " }.commentCount", equalTo(countBefore + 1));
        // a deleted comment can be neither edited nor deleted again, nor replied to
        as("alice").body(Map.of("body", "back")).patch("/api/comments/" + answer).then().statusCode(403);
        as("bob").body(Map.of("body", "to a tombstone", "parentId", answer)).post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).body("field", equalTo("parentId"));
    }

    private static List<String> revisions(long commentId) {
        return QuarkusTransaction.requiringNew().call(
                () -> CommentRevision.ofComment(commentId).stream().map(r -> r.body).toList());
    }

    @Test
    void invalidBodiesNameTheField() {
        long whyNow = questionId("Why now?");
        as("alice").body(Map.of("body", "")).post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        as("alice").body(Map.of("body", "   \n ")).post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).body("field", equalTo("body"));
        as("alice").body("{}").post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).body("field", equalTo("body"));
        as("alice").body(Map.of("body", "x".repeat(10_001))).post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).body("field", equalTo("body")).body("detail", containsString("10,000"));
        as("alice").body(Map.of("body", "nul \u0000 byte")).post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).body("field", equalTo("body"));
        as("alice").body(Map.of("body", "orphan", "parentId", 999_999_999)).post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).body("field", equalTo("parentId"));
        as("alice").body(Map.of("body", "nowhere")).post("/api/questions/999999999/comments").then()
                .statusCode(404).contentType("application/problem+json");
        as("alice").get("/api/questions/" + whyNow + "/comments?sort=sideways").then()
                .statusCode(400).body("field", equalTo("sort"));
    }

    @Test
    void malformedRequestsGetProblemBodies() {
        long whyNow = questionId("Why now?");
        byte[] invalidUtf8 = {'{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        as("alice").body(invalidUtf8).post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).contentType("application/problem+json");
        as("alice").body("{\"body\":\"x\",\"parentId\":\"abc\"}").post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("parentId"));
        as("alice").body("[1,2]").post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).contentType("application/problem+json");
        as("alice").contentType("text/plain").body("hello").post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(415).contentType("application/problem+json");
        as("alice").body("{\"body\":\"lone \\ud800 surrogate\"}").post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(400).body("field", equalTo("body"));
    }

    @Test
    void exactlyTenThousandCharactersIsAccepted() {
        long whyNow = questionId("Why now?");
        String longest = "é".repeat(10_000); // characters, not bytes: 20,000 bytes of UTF-8
        long id = post("carol", whyNow, longest, null);
        anonymous().get("/api/comments/" + id).then().statusCode(200).body("bodyHtml", containsString("éééé"));
    }

    @Test
    void oversizedRequestIs413() {
        long whyNow = questionId("Why now?");
        as("alice").body(Map.of("body", "y".repeat(400_000))).post("/api/questions/" + whyNow + "/comments").then()
                .statusCode(413);
    }

    @Test
    void scriptInACommentIsNeverServedAsMarkup() {
        long whyNow = questionId("Why now?");
        long id = post("alice", whyNow, "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>", null);
        String html = anonymous().get("/api/comments/" + id).then().statusCode(200).extract().path("bodyHtml");
        org.jsoup.nodes.Document parsed = org.jsoup.Jsoup.parseBodyFragment(html);
        assertThat(parsed.select("script, img, iframe")).isEmpty();
        assertThat(parsed.select("a[href]").eachAttr("href")).noneMatch(href -> href.toLowerCase().contains("javascript"));
        assertThat(parsed.getAllElements()).allSatisfy(e -> assertThat(e.attributes().asList()).noneMatch(a -> a.getKey().startsWith("on")));
        assertThat(parsed.text()).contains("<script>alert(1)</script>"); // shown as text, not dropped
    }

    @Test
    void repeatedIdempotencyKeyPostsOnce() {
        long whyNow = questionId("Why now?");
        String key = java.util.UUID.randomUUID().toString();
        long first = as("bob").header("Idempotency-Key", key).body(Map.of("body", "Only once, please."))
                .post("/api/questions/" + whyNow + "/comments").then().statusCode(201).extract().jsonPath().getLong("id");
        long second = as("bob").header("Idempotency-Key", key).body(Map.of("body", "Only once, please."))
                .post("/api/questions/" + whyNow + "/comments").then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(second).isEqualTo(first);
        // someone else reusing the key does not get bob's comment
        as("carol").header("Idempotency-Key", key).body(Map.of("body", "Only once, please."))
                .post("/api/questions/" + whyNow + "/comments").then().statusCode(409);
    }

    @Test
    void votesAreExactChangeableAndNeverOnYourOwnComment() {
        long whyNow = questionId("Why now?");
        long id = post("alice", whyNow, "Vote on me.", null);
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + id + "/vote").then()
                .statusCode(200).body("score", equalTo(1)).body("ups", equalTo(1)).body("downs", equalTo(0));
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + id + "/vote").then()
                .statusCode(200).body("score", equalTo(1));
        as("carol").body(Map.of("value", -1)).put("/api/comments/" + id + "/vote").then()
                .statusCode(200).body("score", equalTo(0)).body("ups", equalTo(1)).body("downs", equalTo(1));
        as("bob").body(Map.of("value", -1)).put("/api/comments/" + id + "/vote").then()
                .statusCode(200).body("score", equalTo(-2)).body("ups", equalTo(0)).body("downs", equalTo(2));
        as("carol").body(Map.of("value", 0)).put("/api/comments/" + id + "/vote").then()
                .statusCode(200).body("score", equalTo(-1)).body("downs", equalTo(1));
        as("alice").body(Map.of("value", 1)).put("/api/comments/" + id + "/vote").then()
                .statusCode(403).contentType("application/problem+json");
        as("bob").body(Map.of("value", 2)).put("/api/comments/" + id + "/vote").then()
                .statusCode(400).body("field", equalTo("value"));
        as("bob").body(Map.of("value", "up")).put("/api/comments/" + id + "/vote").then()
                .statusCode(400);
        anonymous().body(Map.of("value", 1)).put("/api/comments/" + id + "/vote").then().statusCode(401);
        as("bob").body(Map.of("value", 1)).put("/api/comments/999999999/vote").then().statusCode(404);
        anonymous().get("/api/comments/" + id).then().body("score", equalTo(-1)).body("ups", equalTo(0)).body("downs", equalTo(1));
    }

    @Test
    void questionVotes() {
        long whyNow = questionId("Why now?");
        as("tutor").body(Map.of("value", 0)).put("/api/questions/" + whyNow + "/vote").then().statusCode(200);
        int before = as("tutor").body(Map.of("value", 0)).put("/api/questions/" + whyNow + "/vote").then().extract().path("score");
        as("tutor").body(Map.of("value", 1)).put("/api/questions/" + whyNow + "/vote").then()
                .statusCode(200).body("score", equalTo(before + 1));
        as("tutor").body(Map.of("value", -1)).put("/api/questions/" + whyNow + "/vote").then()
                .statusCode(200).body("score", equalTo(before - 1));
        as("tutor").body(Map.of("value", 0)).put("/api/questions/" + whyNow + "/vote").then()
                .statusCode(200).body("score", equalTo(before));
        as("tutor").body(Map.of("value", 1)).put("/api/questions/999999999/vote").then().statusCode(404);
    }
}
