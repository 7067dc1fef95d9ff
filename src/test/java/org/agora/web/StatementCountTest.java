package org.agora.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/** Structure, not time: the SQL a page runs must not grow with the number of comments (no N+1). */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class StatementCountTest {

    private static final int MAX_STATEMENTS_PER_PAGE = 8;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Test
    void articleAndThreadPagesRunAFixedNumberOfStatements() {
        long question = Api.questionId("Why is NATO expanding its reach…?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + question;
        String article = "/articles/" + Api.SEED_SLUG;
        String token = Api.token("alice");

        addComments(question, 3);
        long threadBefore = statementsFor(thread, token);
        long articleBefore = statementsFor(article, token);

        addComments(question, 40);
        long threadAfter = statementsFor(thread, token);
        long articleAfter = statementsFor(article, token);

        System.out.printf("statements per page: thread %d, article %d (signed in)%n", threadAfter, articleAfter);
        assertThat(threadBefore).as("statistics are collected").isPositive();
        assertThat(threadAfter).isEqualTo(threadBefore).isLessThanOrEqualTo(MAX_STATEMENTS_PER_PAGE);
        assertThat(articleAfter).isEqualTo(articleBefore).isLessThanOrEqualTo(MAX_STATEMENTS_PER_PAGE);
        assertThat(statementsFor(thread, null)).isLessThanOrEqualTo(threadAfter);
    }

    private void addComments(long question, int count) {
        Long parent = null;
        for (int i = 0; i < count; i++) {
            String author = i % 2 == 0 ? "bob" : "carol";
            Map<String, Object> body = parent == null || i % 3 == 0 ? Map.of("body", "comment " + i) : Map.of("body", "reply " + i, "parentId", parent);
            long id = Api.as(author).body(body).post("/api/questions/" + question + "/comments").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            Api.as(author.equals("bob") ? "carol" : "bob").body(Map.of("value", 1)).put("/api/comments/" + id + "/vote").then().statusCode(200);
            parent = id;
        }
    }

    private long statementsFor(String path, String bearerToken) {
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        var request = given();
        if (bearerToken != null) {
            request.auth().oauth2(bearerToken);
        }
        request.get(path).then().statusCode(200); // warm: the first request of a member creates their row
        statistics.clear();
        request.get(path).then().statusCode(200);
        return statistics.getPrepareStatementCount();
    }
}
