package org.agora.live;

import static org.agora.testing.Api.SEED_SLUG;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.agora.testing.Api;
import org.agora.testing.AgoraStack;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Live updates end to end: real writes through the API, the NOTIFY from the V5 triggers, this instance's LISTEN
 * connection, and SSE streams read as raw text. A rejected comment's event reaches its author but not an anonymous
 * reader; the stream announces a reconnect delay; the subscriber gauge and the moderation counter show in metrics.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class LiveEventsTest {

    /** One open SSE stream; its lines collect in the background. */
    static final class SseStream implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.CompletableFuture<HttpResponse<Stream<String>>> response;

        SseStream(String path, String token) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                    .header("Accept", "text/event-stream");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(r -> r.body().forEach(lines::add));
            await(l -> l.equals("event:ready"), "the stream opens");
        }

        void await(Predicate<String> line, String what) {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (lines.stream().noneMatch(line)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no line for: " + what + "; got " + lines);
                }
                sleep(50);
            }
        }

        long count(String fragment) {
            return lines.stream().filter(l -> l.contains(fragment)).count();
        }

        /** The data of each event with this name, in order. */
        List<String> data(String event) {
            List<String> found = new java.util.ArrayList<>();
            List<String> all = List.copyOf(lines);
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).equals("event:" + event)) {
                    all.subList(i, all.size()).stream().filter(l -> l.startsWith("data:")).findFirst().ifPresent(found::add);
                }
            }
            return found;
        }

        @Override
        public void close() {
            response.cancel(true);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long post(String user, long question, String body) {
        return as(user).body(Map.of("body", body)).post("/api/questions/" + question + "/comments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aRejectedCommentsEventReachesItsAuthorButNotOtherReaders() {
        long question = questionId("Why now?");
        String path = "/live/articles/" + SEED_SLUG + "/questions/" + question + "/events";
        try (SseStream anonymous = new SseStream(path, null); SseStream author = new SseStream(path, Api.token("alice"))) {
            assertThat(anonymous.lines).contains("retry:" + LiveEvents.RETRY_MILLIS);

            long id = post("alice", question, "Live: soon to be rejected");
            String event = "\"comment\":" + id + ",";
            anonymous.await(l -> l.contains(event), "the new comment reaches the anonymous reader");
            author.await(l -> l.contains(event), "the new comment reaches its author");

            as("mod").body(Map.of("action", "reject", "reason", "spam")).post("/api/moderation/comments/" + id + "/actions")
                    .then().statusCode(200);
            author.await(l -> author.count(event) == 2, "the rejection reaches the author");
            // a later published comment reaches the anonymous stream, so the rejection would have arrived before it
            long later = post("bob", question, "Live: published after the rejection");
            anonymous.await(l -> l.contains("\"comment\":" + later + ","), "the later comment reaches the anonymous reader");
            assertThat(anonymous.count(event)).as("events about comment %d seen by an anonymous reader", id).isEqualTo(1);

            String metrics = RestAssured.given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                    .accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("agora_sse_subscribers(\\{[^}]*\\})? [2-9]");
            assertThat(metrics).contains("agora_moderation_actions_total{action=\"reject\"");
        }
    }

    /** A reaction changes a slot of the article's tally (V11); its event goes through the outbox (V10) to the page. */
    @Test
    void aReactionChangeReachesTheArticlesStream() {
        as("carol").delete("/api/articles/" + SEED_SLUG + "/reaction").then().statusCode(200);
        try (SseStream article = new SseStream("/live/articles/" + SEED_SLUG + "/events", null)) {
            as("carol").body(Map.of("kind", "funny")).put("/api/articles/" + SEED_SLUG + "/reaction").then().statusCode(200);
            article.await(l -> l.equals("event:reactions"), "the reaction reaches the article's readers");
            long before = article.count("event:reactions");
            as("carol").delete("/api/articles/" + SEED_SLUG + "/reaction").then().statusCode(200);
            article.await(l -> article.count("event:reactions") > before, "the withdrawal reaches the article's readers");
        }
    }

    @Test
    void aSeminarsCommentsNeverReachThePublicStreams() {
        long question = questionId("Why now?");
        var seminar = as("tutor").body(Map.of("name", "Live: private group", "articles", List.of(SEED_SLUG)))
                .post("/api/seminars").then().statusCode(201).extract().jsonPath();
        long seminarId = seminar.getLong("id");
        as("bob").body(Map.of("code", seminar.getString("joinCode"))).post("/api/seminars/join").then().statusCode(200);
        String threadPath = "/live/articles/" + SEED_SLUG + "/questions/" + question + "/events";
        try (SseStream thread = new SseStream(threadPath, Api.token("bob"));
                SseStream article = new SseStream("/live/articles/" + SEED_SLUG + "/events", null)) {
            long secret = as("bob").body(Map.of("body", "Live: only for the seminar"))
                    .post("/api/seminars/" + seminarId + "/questions/" + question + "/comments")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            as("tutor").body(Map.of("value", 1)).post("/api/comments/" + secret + "/vote");
            // a public comment posted afterwards arrives, so the seminar's events would have arrived before it
            long open = post("alice", question, "Live: a public answer after the seminar's");
            thread.await(l -> l.contains("\"comment\":" + open + ","), "the public comment reaches the thread stream");
            article.await(l -> l.contains("\"question\":" + question), "the public comment's count reaches the article stream");
            assertThat(thread.count("\"comment\":" + secret + ",")).isZero();
            assertThat(article.count("\"comment\":" + secret + ",")).isZero();
        }
    }

    @Test
    void aMembersOwnStreamCarriesTheirUnreadCountToEveryTabAndToNobodyElse() {
        long question = questionId("Why now?");
        long before = unread("alice");
        try (SseStream alice = new SseStream("/live/me/events", Api.token("alice"));
                SseStream aliceOtherTab = new SseStream("/live/me/events", Api.token("alice"));
                SseStream bob = new SseStream("/live/me/events", Api.token("bob"))) {
            // every (re)connect starts with the count as of then
            assertThat(alice.data("ready")).containsExactly("data:{\"unread\":" + before + "}");
            long answer = post("alice", question, "Live count: an answer to be replied to");
            long reply = as("bob").body(Map.of("body", "Live count: bob replies to alice", "parentId", answer))
                    .post("/api/questions/" + question + "/comments").then().statusCode(201).extract().jsonPath().getLong("id");
            long unread = unread("alice");
            assertThat(unread).isEqualTo(before + 1);
            String aliceCount = "data:{\"unread\":" + unread + "}";
            alice.await(l -> alice.data("notifications").contains(aliceCount), "alice's new count reaches her stream");
            aliceOtherTab.await(l -> aliceOtherTab.data("notifications").contains(aliceCount), "alice's new count reaches her other tab");

            // alice answers bob: his stream hears of it, after (one listener, in commit order) alice's event went by
            as("alice").body(Map.of("body", "Live count: alice replies to bob", "parentId", reply))
                    .post("/api/questions/" + question + "/comments").then().statusCode(201);
            String bobCount = "data:{\"unread\":" + unread("bob") + "}";
            bob.await(l -> bob.data("notifications").contains(bobCount), "bob's new count reaches his stream");
            assertThat(bob.data("notifications")).as("events on bob's stream").containsExactly(bobCount);

            // marking read in one tab updates every tab
            as("alice").body(Map.of("all", true)).post("/api/me/notifications/read").then().statusCode(200);
            alice.await(l -> alice.data("notifications").contains("data:{\"unread\":0}"), "marking all read reaches alice's stream");
            aliceOtherTab.await(l -> aliceOtherTab.data("notifications").contains("data:{\"unread\":0}"),
                    "marking all read reaches alice's other tab");
            assertThat(bob.data("notifications")).as("events on bob's stream").containsExactly(bobCount);
        }
    }

    @Test
    void aVisitorHasNoOwnStream() {
        int status = RestAssured.given().redirects().follow(false).accept("text/event-stream").get("/live/me/events").statusCode();
        assertThat(status).isIn(302, 303, 401);
    }

    private static long unread(String user) {
        return as(user).get("/api/me/notifications/unread").then().statusCode(200).extract().jsonPath().getLong("unread");
    }

    @Test
    void anUnknownQuestionHasNoStream() {
        RestAssured.given().accept("text/event-stream").get("/live/articles/" + SEED_SLUG + "/questions/999999/events")
                .then().statusCode(404);
        RestAssured.given().accept("text/event-stream").get("/live/articles/no-such-article/events").then().statusCode(404);
    }
}
