package org.agora.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class SecurityHeadersTest {

    @Test
    void pagesCarryAStrictPolicy() {
        given().get("/articles/" + Api.SEED_SLUG).then()
                .statusCode(200)
                .header("Content-Security-Policy", allOf(
                        containsString("script-src 'self'"),
                        containsString("frame-ancestors 'none'"),
                        containsString("form-action 'self' " + SecurityHeaders.origin(AgoraStack.realmUrl())),
                        not(containsString("unsafe-inline"))))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("strict-origin-when-cross-origin"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-XSS-Protection", equalTo("0"));
    }

    @Test
    void errorPagesAndStaticFilesToo() {
        given().get("/no-such-page").then().statusCode(404)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        given().get("/css/agora.css").then().statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void pagesContainNoInlineScriptOrStyle() {
        String html = given().get("/articles/" + Api.SEED_SLUG).then().statusCode(200).extract().asString();
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(html);
        org.assertj.core.api.Assertions.assertThat(page.select("script:not([src]), style, [style]")).isEmpty();
    }
}
