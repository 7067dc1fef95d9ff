package org.agora.vote;

import static org.agora.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.UUID;
import org.agora.ops.DirectSql;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Structure, not time (issue 7, bench/README.md "Exact and fast tallies"): what a vote costs in SQL. The sign-out
 * check, which also reads the member and their standing, runs over JDBC outside Hibernate's statistics; after it a
 * vote that changes something is two statements: the comment's facts with the voter locked and the vote counted
 * against their rate limit, then the vote with its tally. bench/pgbench/vote.sql mirrors them. They run through
 * {@link DirectSql}, not Hibernate, which must see none.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class VoteStatementsTest {

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    DirectSql directSql;

    @Test
    void aVoteIsTwoStatementsAfterTheSignOutCheck() {
        long q = Api.questionId("Why now?");
        long comment = Api.comment("alice", q, "Count my votes " + UUID.randomUUID(), null);
        as("carol").get("/api/articles/" + Api.SEED_SLUG).then().statusCode(200); // carol's member row exists
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();

        statistics.clear();
        long before = directSql.statementsExecuted();
        as("carol").body(Map.of("value", 1)).put("/api/comments/" + comment + "/vote").then().statusCode(200)
                .body("ups", org.hamcrest.Matchers.is(1)).body("myVote", org.hamcrest.Matchers.is(1));
        assertThat(directSql.statementsExecuted() - before).as("statements of a vote that changes something").isEqualTo(2);
        assertThat(statistics.getPrepareStatementCount()).as("Hibernate statements of a vote").isZero();

        statistics.clear();
        before = directSql.statementsExecuted();
        as("carol").body(Map.of("value", -1)).put("/api/comments/" + comment + "/vote").then().statusCode(200)
                .body("ups", org.hamcrest.Matchers.is(0)).body("downs", org.hamcrest.Matchers.is(1));
        assertThat(directSql.statementsExecuted() - before).as("statements of a changed vote").isEqualTo(2);
        assertThat(statistics.getPrepareStatementCount()).as("Hibernate statements of a vote").isZero();

        statistics.clear();
        before = directSql.statementsExecuted();
        as("carol").body(Map.of("value", -1)).put("/api/comments/" + comment + "/vote").then().statusCode(200)
                .body("downs", org.hamcrest.Matchers.is(1));
        assertThat(directSql.statementsExecuted() - before).as("a vote that changes nothing reads the counts too").isEqualTo(3);
        assertThat(statistics.getPrepareStatementCount()).as("Hibernate statements of a vote").isZero();
    }
}
