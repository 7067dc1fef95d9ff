package org.agora.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.agora.api.QuestionApi;
import org.agora.comment.Comment;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.junit.jupiter.api.Test;

/** Every size Agora accepts has a cap, and going over it gets a clear answer, never a 5xx. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class RequestLimitsTest {

    @Test
    void aBodyOver256KbIsRefusedWith413BeforeItIsRead() {
        long question = Api.questionId("Why now?");
        Api.as("alice").body("{\"body\":\"" + "x".repeat(300 * 1024) + "\"}").post("/api/questions/" + question + "/comments")
                .then().statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("too large"));
        // a page's form gets the friendly page
        given().contentType("application/x-www-form-urlencoded").accept("text/html").body("body=" + "y".repeat(300 * 1024))
                .post("/articles/" + Api.SEED_SLUG + "/questions/" + question + "/comments")
                .then().statusCode(413).contentType(startsWith("text/html"));
    }

    @Test
    void aCommentOver10000CharactersIsRefusedWithTheCount() {
        long question = Api.questionId("Why now?");
        Api.as("alice").body("{\"body\":\"" + "z".repeat(10_001) + "\"}").post("/api/questions/" + question + "/comments")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("at most 10,000 characters; this one has 10,001"))
                .body("field", equalTo("body"));
    }

    @Test
    void repliesNestAtMostFiftyLevels() {
        long question = Api.questionId("Why now?");
        Long parent = null;
        for (int depth = 0; depth <= Comment.MAX_DEPTH; depth++) {
            parent = Api.as(depth % 2 == 0 ? "alice" : "bob")
                    .body("{\"body\":\"level " + depth + "\"" + (parent == null ? "" : ",\"parentId\":" + parent) + "}")
                    .post("/api/questions/" + question + "/comments").then().statusCode(201)
                    .body("depth", equalTo(depth)).extract().jsonPath().getLong("id");
        }
        Api.as("carol").body("{\"body\":\"one level too deep\",\"parentId\":" + parent + "}")
                .post("/api/questions/" + question + "/comments")
                .then().statusCode(400)
                .body("field", equalTo("parentId"))
                .body("detail", containsString("at most 50 levels"));
    }

    @Test
    void threadPagesAreCappedAt500WithAClearErrorOutsideTheRange() {
        long question = Api.questionId("Why now?");
        for (int i = 0; i < 3; i++) {
            Api.as("carol").body("{\"body\":\"paged " + i + "\"}").post("/api/questions/" + question + "/comments").then().statusCode(201);
        }
        var page = Api.anonymous().get("/api/questions/" + question + "/comments?sort=new&limit=2&offset=1").then().statusCode(200).extract();
        assertThat(page.jsonPath().getList("id")).hasSize(2);
        int total = Integer.parseInt(page.header("X-Total-Count"));
        assertThat(total).isGreaterThanOrEqualTo(3);
        var all = Api.anonymous().get("/api/questions/" + question + "/comments?sort=new").then().statusCode(200).extract();
        assertThat(all.jsonPath().getList("id")).hasSize(Math.min(total, QuestionApi.MAX_PAGE));
        assertThat(all.jsonPath().getList("id", Long.class).subList(1, 3)).isEqualTo(page.jsonPath().getList("id", Long.class));
        for (String bad : List.of("limit=0", "limit=501", "limit=-1", "limit=abc", "offset=-1", "offset=1e3", "limit=99999999999999999999")) {
            Api.anonymous().get("/api/questions/" + question + "/comments?" + bad).then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", containsString("must be a whole number"));
        }
        Api.anonymous().get("/api/questions/" + question + "/comments?offset=100000").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void oversizedHeadersUrlsAndKeysGetA4xx() {
        long question = Api.questionId("Why now?");
        Api.as("alice").header("Idempotency-Key", "k".repeat(201)).body("{\"body\":\"key too long\"}")
                .post("/api/questions/" + question + "/comments")
                .then().statusCode(400).body("field", equalTo("Idempotency-Key"));
        // above quarkus.http.limits.max-header-size (20K), but small enough to leave the client in one write: the server
        // answers and closes as soon as the limit is passed, and a client still writing would see a broken pipe
        int header = given().header("X-Filler", "h".repeat(24_000)).get("/api/articles").statusCode();
        assertThat(header).isBetween(400, 431);
        int url = given().get("/api/articles/" + "u".repeat(6_000)).statusCode();
        assertThat(url).isBetween(400, 414);
    }

    /** A client that closes the connection halfway through its body is gone, not a server error. */
    @Test
    void aBodyCutOffByTheClientIsNotAServerError() throws Exception {
        long question = Api.questionId("Why now?");
        double serverErrorsBefore = serverErrors();
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        for (int i = 0; i < 3; i++) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                var out = socket.getOutputStream();
                out.write(("POST /api/questions/" + question + "/comments HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + Api.token("alice") + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"body\":\"cut off").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(200); // the server has started reading the body
            }
        }
        // the same request in full works, and none of the cut-off ones was counted as a 500
        Api.as("alice").body("{\"body\":\"sent in full\"}").post("/api/questions/" + question + "/comments").then().statusCode(201);
        assertThat(serverErrors()).isEqualTo(serverErrorsBefore);
    }

    /** How many requests answered 500 so far (Micrometer's HTTP server metrics, on the management port). */
    private static double serverErrors() {
        int management = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        String metrics = given().port(management).accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("status=\"500\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
