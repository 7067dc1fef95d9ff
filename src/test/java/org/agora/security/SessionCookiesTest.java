package org.agora.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.csrf.reactive.runtime.CsrfTokenUtils;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Session;
import org.agora.testing.KeycloakTokens;
import org.agora.testing.RoleClient;
import org.agora.testing.RoleClient.Answer;
import org.junit.jupiter.api.Test;

/** Session and CSRF cookies are HttpOnly, SameSite and small; signing out ends the session everywhere, copies included. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class SessionCookiesTest {

    @TestHTTPResource("/")
    URL app;

    @Test
    void sessionCookiesAreHttpOnlySameSiteAndSmall() {
        Session carol = BrowserlessLogin.signIn(base(), "/login?redirect=/", "carol", "carol");
        carol.get("/articles/" + Api.SEED_SLUG); // a page with forms: the CSRF cookie
        List<String> cookies = carol.appSetCookieHeaders();
        assertThat(cookies).anyMatch(c -> c.startsWith("q_session"));
        assertThat(cookies).anyMatch(c -> c.startsWith("agora-csrf="));
        for (String cookie : cookies) {
            String lower = cookie.toLowerCase(Locale.ROOT);
            assertThat(cookie.length()).as("size of %s", cookie.split("=", 2)[0]).isLessThanOrEqualTo(4096);
            if (cookie.startsWith("q_session") || cookie.startsWith("agora-csrf=") || cookie.startsWith("agora_flash=")) {
                assertThat(lower).as(cookie.split("=", 2)[0]).contains("httponly").contains("samesite=lax");
            }
        }
    }

    /** The header's greeting; the name links to the profile page. */
    private static final String SIGNED_IN_AS_BOB = "Signed in as (<a [^>]*>)?<strong>bob</strong>";

    @Test
    void aCopyOfTheSessionCookieStopsWorkingAtSignOut() {
        long question = Api.questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + question;
        Session bob = BrowserlessLogin.signIn(base(), "/login?redirect=/", "bob", "bob");
        Map<String, String> copy = bob.cookies(); // what a thief would have taken
        RoleClient thief = RoleClient.anonymous(base());
        String copiedCookies = RoleClient.cookieHeader(copy) + "; " + RoleClient.CSRF_COOKIE + "=" + CsrfTokenUtils.signCsrfToken(
                thief.csrfToken, "agora-DEMO-csrf-signing-key-not-for-production");
        // before sign-out the copy works: the page greets bob, and a form post is accepted
        Answer before = thief.html("GET", "/", null, null, copiedCookies);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body()).containsPattern(SIGNED_IN_AS_BOB);

        bob.submit(bob.get("/"), "form[action=/logout]", Map.of());
        assertThat(bob.document().select(".account a").text()).isEqualTo("Sign in");

        // after it, the copy is refused on pages and on forms, and nothing is posted
        Answer page = thief.html("GET", "/", null, null, copiedCookies);
        assertThat(page.body()).doesNotContainPattern(SIGNED_IN_AS_BOB);
        assertThat(page.status()).as("a replayed signed-out session").isIn(302, 401);
        String text = "posted with a stolen cookie " + UUID.randomUUID();
        Answer post = thief.html("POST", thread + "/comments", "application/x-www-form-urlencoded",
                RoleClient.encode(Map.of("body", text, RoleClient.CSRF_FIELD, thief.csrfToken)), copiedCookies);
        assertThat(post.status()).isIn(302, 401);
        assertThat(Api.anonymous().get("/api/questions/" + question + "/comments?sort=new&limit=50").asString()).doesNotContain(text);
    }

    @Test
    void signingOutWithABearerTokenRevokesThatToken() {
        String token = KeycloakTokens.accessToken("carol", "carol");
        given().auth().oauth2(token).accept("application/json").get("/api/moderation/counts").then().statusCode(403); // known, not staff
        RoleClient form = RoleClient.anonymous(base());
        given().auth().oauth2(token).redirects().follow(false)
                .cookie(RoleClient.CSRF_COOKIE, CsrfTokenUtils.signCsrfToken(form.csrfToken, "agora-DEMO-csrf-signing-key-not-for-production"))
                .contentType("application/x-www-form-urlencoded").formParam(RoleClient.CSRF_FIELD, form.csrfToken)
                .post("/logout").then().statusCode(303);
        given().auth().oauth2(token).accept("application/json").contentType("application/json")
                .body("{\"value\":1}").put("/api/questions/" + Api.questionId("Why now?") + "/vote")
                .then().statusCode(401);
    }

    private String base() {
        return app.toString().replaceAll("/$", "");
    }
}
