package org.agora.api;

import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.article.ArticleService;
import org.agora.comment.CommentService;
import org.agora.comment.CommentView;
import org.agora.security.Viewer;
import org.agora.testing.Api;
import org.agora.testing.AgoraStack;
import org.agora.vote.CommentSort;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/questions/{id}/comments} pages in the database: every page boundary cuts the same display order the
 * whole thread has (answers pinned first, replies depth-first under their parents), in every sort, and
 * {@code X-Total-Count} is the whole thread's size on every page, past the end too. On a question of its own.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class ThreadPagingTest {

    @Inject
    ArticleService articles;

    @Inject
    CommentService comments;

    @Inject
    EntityManager em;

    @Test
    void pagesCutTheThreadsDisplayOrderAtEveryBoundary() throws IOException {
        long q = freshQuestion();
        // A1 ─ r1 (deleted later) ─ r11 ; A2 ─ r2 ; A3 (pinned) ; A4
        long a1 = Api.comment("alice", q, "A1", null);
        long r1 = Api.comment("bob", q, "r1", a1);
        long r11 = Api.comment("carol", q, "r11", r1);
        long a2 = Api.comment("bob", q, "A2", null);
        long r2 = Api.comment("alice", q, "r2", a2);
        long a3 = Api.comment("carol", q, "A3", null);
        long a4 = Api.comment("alice", q, "A4", null);
        as("alice").body(Map.of("value", 1)).put("/api/comments/" + a2 + "/vote").then().statusCode(200);
        as("carol").body(Map.of("value", 1)).put("/api/comments/" + a2 + "/vote").then().statusCode(200);
        as("carol").body(Map.of("value", -1)).put("/api/comments/" + a4 + "/vote").then().statusCode(200);
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + a4 + "/vote").then().statusCode(200);
        as("bob").delete("/api/comments/" + r1).then().statusCode(204);
        as("mod").body(Map.of("action", "pin")).post("/api/moderation/comments/" + a3 + "/actions").then().statusCode(200);

        // the oldest-first order spelled out: pinned A3 first, then each answer followed by its replies; r1's
        // tombstone keeps its place
        assertThat(ids(page(q, "old", 500, 0))).containsExactly(a3, a1, r1, r11, a2, r2, a4);

        for (CommentSort sort : CommentSort.values()) {
            String name = sort.name().toLowerCase(java.util.Locale.ROOT);
            List<Long> whole = QuarkusTransaction.requiringNew().call(() ->
                    comments.thread(Viewer.ANONYMOUS, q, sort).stream().map(CommentView::id).toList());
            assertThat(whole).hasSize(7);
            assertThat(ids(page(q, name, 500, 0))).as(name + ": one page is the whole thread").isEqualTo(whole);
            for (int limit = 1; limit <= 8; limit++) {
                List<Long> joined = new ArrayList<>();
                for (int offset = 0; offset < 9; offset += limit) {
                    ExtractableResponse<Response> page = page(q, name, limit, offset);
                    assertThat(page.header("X-Total-Count")).as(name + " limit " + limit + " offset " + offset).isEqualTo("7");
                    List<Long> got = ids(page);
                    assertThat(got).hasSize(Math.max(0, Math.min(limit, 7 - offset)));
                    joined.addAll(got);
                }
                assertThat(joined).as(name + ", pages of " + limit).isEqualTo(whole);
            }
        }
        // a signed-in caller's own vote comes with the page it is on
        ExtractableResponse<Response> alices = as("alice").get("/api/questions/" + q + "/comments?sort=old&limit=2&offset=4").then()
                .statusCode(200).extract();
        assertThat(alices.jsonPath().getList("id", Long.class)).containsExactly(a2, r2);
        assertThat(alices.jsonPath().getInt("find { it.id == " + a2 + " }.myVote")).isEqualTo(1);
        assertThat(page(q, "old", 3, 7).jsonPath().getList("id")).isEmpty();
    }

    private static ExtractableResponse<Response> page(long q, String sort, int limit, int offset) {
        return anonymous().get("/api/questions/" + q + "/comments?sort=" + sort + "&limit=" + limit + "&offset=" + offset)
                .then().statusCode(200).extract();
    }

    private static List<Long> ids(ExtractableResponse<Response> page) {
        return page.jsonPath().getList("id", Long.class);
    }

    /** A published article of this test's own (the bistro article under a new title); its first question's id. */
    private long freshQuestion() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/articles/montreal-bistros.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "");
        }
        String title = "Paging " + UUID.randomUUID().toString().substring(0, 8) + ": what's next for the neighbourhood bistro?";
        long article = articles.post(text.replace("Café culture in Montréal: what's next for the neighbourhood bistro?", title));
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from question where article_id = :a order by position limit 1").setParameter("a", article)
                .getSingleResult()).longValue());
    }
}
