package org.agora.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Failures get a friendly page in the site's layout (and language); the API keeps RFC 9457 problem bodies. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class ErrorPagesTest {

    @Test
    void anUnexpectedErrorShowsTheRequestIdTheLogsAndHeaderCarry() {
        Response response = given().header("X-Request-Id", "reader-report-0042").get("/test-only/failure");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.header("X-Request-Id")).isEqualTo("reader-report-0042");
        Document page = Jsoup.parse(response.asString());
        assertThat(page.select("h1").text()).isEqualTo("Something went wrong");
        assertThat(page.select("code.request-id").text()).isEqualTo("reader-report-0042");
        assertThat(page.select("header.site-header, main, footer.site-footer")).hasSize(3);
        assertThat(response.asString()).doesNotContain("IllegalStateException", "simulated bug", "at org.");
    }

    @Test
    void anUnexpectedErrorWithoutAnIncomingIdStillShowsTheOneInTheHeader() {
        Response response = given().get("/test-only/failure");
        assertThat(response.statusCode()).isEqualTo(500);
        String id = response.header("X-Request-Id");
        assertThat(id).isNotBlank();
        assertThat(Jsoup.parse(response.asString()).select("code.request-id").text()).isEqualTo(id);
    }

    @Test
    void theApiAnswersAProblemBodyWithTheRequestId() {
        given().header("X-Request-Id", "api-client-0042").get("/api/test-only/failure").then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(500))
                .body("requestId", org.hamcrest.Matchers.equalTo("api-client-0042"));
    }

    @Test
    void aDatabaseOutOfConnectionsIsA503ToRetryNotABug() {
        given().get("/api/test-only/too-many-connections")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("detail", org.hamcrest.Matchers.containsString("Nothing was saved"));
    }

    @Test
    void theGermanErrorPageIsGerman() {
        Document page = Jsoup.parse(given().header("Accept-Language", "de").get("/test-only/failure").asString());
        assertThat(page.select("h1").text()).isEqualTo("Etwas ist schiefgegangen");
        assertThat(page.select("main").text()).contains("Anfrage-ID:");
    }

    @Test
    void aForbiddenPageSaysWhyInTheReadersLanguage() {
        Response english = given().auth().oauth2(Api.token("alice")).get("/moderation");
        assertThat(english.statusCode()).isEqualTo(403);
        Document page = Jsoup.parse(english.asString());
        assertThat(page.select("h1").text()).isEqualTo("Not allowed");
        assertThat(page.select(".error-detail").text()).isEqualTo("Only moderators and admins can do that.");

        Response german = given().auth().oauth2(Api.token("alice")).header("Accept-Language", "de").get("/moderation");
        Document seite = Jsoup.parse(german.asString());
        assertThat(seite.select("h1").text()).isEqualTo("Nicht erlaubt");
        assertThat(seite.select(".error-detail").text()).isEqualTo("Das dürfen nur Moderation und Administration.");
    }
}
