package org.agora.ops;

import static org.agora.testing.Api.SEED_SLUG;
import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agora.testing.AgoraStack;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class OperationsEndpointsTest {

    /** Health and metrics are served on the management port, not next to the app. */
    private static RequestSpecification management() {
        return RestAssured.given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }

    @Test
    void livenessIsUp() {
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void healthAndMetricsAreNotServedOnThePublicPort() {
        anonymous().get("/q/metrics").then().statusCode(404);
        anonymous().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void readinessCoversTheDatabaseAndReachingTheOidcProvider() {
        // the provider's current state is in wellness; readiness holds a replica back until it reached it once
        // (OidcProviderReadinessTest covers the outage after that)
        management().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", OidcProviderReadiness.NAME))
                .body("checks.find { it.name == '" + OidcProviderReadiness.NAME + "' }.data.reachableNow", equalTo(true));
        management().get("/q/health/well").then()
                .statusCode(200)
                .body("checks.name", hasItems("OIDC provider"));
    }

    @Test
    void everyResponseCarriesARequestIdAndATrustedOneIsEchoed() {
        anonymous().get("/api/articles").then().statusCode(200)
                .header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
        anonymous().header(RequestIds.HEADER, "lb-4f2a9c1e-0001").get("/api/articles").then()
                .header(RequestIds.HEADER, equalTo("lb-4f2a9c1e-0001"));
        // HAProxy's unique-id format (docker/haproxy/haproxy.cfg)
        anonymous().header(RequestIds.HEADER, "7F000001:8296_7F00001E:1F90_4F7B0A69_0003:790A").get("/api/articles").then()
                .header(RequestIds.HEADER, equalTo("7F000001:8296_7F00001E:1F90_4F7B0A69_0003:790A"));
        // a header that could forge log lines is replaced, not echoed
        anonymous().header(RequestIds.HEADER, "x\" evil=\"1").get("/api/articles").then()
                .header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void countersMoveWithCommentsVotesAndReactions() {
        long question = questionId("Why now?");
        double comments = counter("agora_comments_posted_total", "kind=\"answer\"");
        double votes = counter("agora_votes_total", "target=\"question\",value=\"up\"");
        double reactions = counter("agora_reactions_total", "kind=\"wow\"");

        as("carol").body(Map.of("body", "Counted once.")).post("/api/questions/" + question + "/comments")
                .then().statusCode(201);
        // from a known state: an unchanged vote or reaction is not a change, and is not counted
        as("carol").body(Map.of("value", 0)).put("/api/questions/" + question + "/vote").then().statusCode(200);
        as("carol").body(Map.of("value", 1)).put("/api/questions/" + question + "/vote").then().statusCode(200);
        as("carol").delete("/api/articles/" + SEED_SLUG + "/reaction").then().statusCode(200);
        as("carol").body(Map.of("kind", "wow")).put("/api/articles/" + SEED_SLUG + "/reaction").then().statusCode(200);
        // a refused write is not counted
        as("carol").body(Map.of("body", "")).post("/api/questions/" + question + "/comments").then().statusCode(400);

        assertThat(counter("agora_comments_posted_total", "kind=\"answer\"")).isEqualTo(comments + 1);
        assertThat(counter("agora_votes_total", "target=\"question\",value=\"up\"")).isGreaterThanOrEqualTo(votes + 1);
        assertThat(counter("agora_reactions_total", "kind=\"wow\"")).isGreaterThanOrEqualTo(reactions + 1);
    }

    /** The value of one Prometheus sample, 0 while the counter does not exist yet. */
    private static double counter(String name, String labels) {
        String text = management().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
