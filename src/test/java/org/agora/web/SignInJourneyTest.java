package org.agora.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The journey of two readers through the real Keycloak login page and the HTML forms, the way a browser without
 * JavaScript makes it: sign in, answer "Why now?", reply, vote, react, edit, delete, sign out.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class SignInJourneyTest {

    @TestHTTPResource("/")
    URL app;

    @Test
    void twoReadersDiscussWhyNowThroughTheForms() {
        long whyNow = Api.questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + whyNow;
        // other tests fill "Why now?" past one page of the default sort; the newest answers are always on page 1
        String newest = thread + "?sort=new";

        Session alice = BrowserlessLogin.signIn(base(), "/login?redirect=" + URLEncoder.encode(thread, StandardCharsets.UTF_8), "alice", "alice");
        assertThat(alice.finalUrl().getPath()).isEqualTo(thread);
        assertThat(alice.document().select(".account strong").text()).isEqualTo("alice");
        assertThat(alice.cookies().keySet()).anyMatch(name -> name.startsWith("q_session"));

        // answer; then the same rendered form again (a double submit) must not post a second copy
        String answerText = "Because the 2022 Strategic Concept named China. " + UUID.randomUUID();
        Page threadPage = alice.page();
        Page posted = alice.submit(threadPage, "section.answer form", Map.of("body", answerText));
        assertThat(posted.uri().getPath()).isEqualTo(thread);
        assertThat(posted.document().select(".flash").text()).isEqualTo("Your answer is posted.");
        alice.submit(threadPage, "section.answer form", Map.of("body", answerText));
        List<Element> answers = alice.get(newest).document().select("li.comment:has(.body:contains(" + answerText + "))");
        assertThat(answers).hasSize(1);
        String commentId = answers.get(0).id().substring("c-".length());

        // bob replies, votes and reacts
        Session bob = BrowserlessLogin.signIn(base(), "/login?redirect=" + URLEncoder.encode(newest, StandardCharsets.UTF_8), "bob", "bob");
        Page replied = bob.submit("#c-" + commentId + " details.reply form", Map.of("body", "Russia too, surely?"));
        assertThat(replied.document().select("li.comment:has(.body:contains(Russia too, surely?))")).isNotEmpty();
        // in the thread the reply sits one level under the answer (a long thread's post lands on the reply's branch page)
        Element reply = bob.get(newest).document().select("#c-" + commentId + " ~ li.comment:has(.body:contains(Russia too, surely?))").first();
        assertThat(reply).isNotNull();
        assertThat(reply.hasClass("depth-1")).isTrue();

        Page voted = bob.submit(bob.get(newest), "#c-" + commentId + " form.votes", Map.of("value", "1"));
        assertThat(voted.document().select("#c-" + commentId + " .score").text()).isEqualTo("1");
        assertThat(voted.document().select("#c-" + commentId + " button[aria-label=Upvote]").attr("aria-pressed")).isEqualTo("true");
        Api.anonymous().get("/api/comments/" + commentId).then().statusCode(200);
        assertThat(Api.anonymous().get("/api/comments/" + commentId).then().extract().<Integer>path("score")).isEqualTo(1);

        Page article = bob.get("/articles/" + Api.SEED_SLUG);
        Page reacted = bob.submit(article, "form.reaction-widget", Map.of("kind", "wow"));
        assertThat(reacted.document().select("form.reaction-widget button[aria-pressed=true] .kind").text()).isEqualTo("wow");

        // only alice may edit her answer; every revision is kept
        assertThat(bob.get("/comments/" + commentId + "/edit").status()).isEqualTo(403);
        Page editForm = alice.get("/comments/" + commentId + "/edit");
        Page edited = alice.submit(editForm, "form.comment-form", Map.of("body", answerText + " And Russia."));
        assertThat(edited.document().select("#c-" + commentId + " .body").text()).endsWith("And Russia.");
        assertThat(edited.document().select("#c-" + commentId + " .edited")).isNotEmpty();
        assertThat(alice.get("/comments/" + commentId + "/edit").document().select("ol.revisions li")).hasSize(2);

        // a refused edit keeps what was typed
        Page refused = alice.submit(alice.get("/comments/" + commentId + "/edit"), "form.comment-form", Map.of("body", "x".repeat(10_001)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().select("[role=alert]").text()).contains("10,000");
        assertThat(refused.document().select("textarea").text()).hasSize(10_001);

        // deleting leaves a tombstone and keeps bob's reply
        Page deleted = alice.submit(alice.get(newest), "#c-" + commentId + " form[action$=/delete]", Map.of());
        assertThat(deleted.document().select("#c-" + commentId + " .tombstone").text()).isEqualTo("[deleted]");
        assertThat(deleted.document().select("li.comment:has(.body:contains(Russia too, surely?))")).hasSize(1);

        // sign-out ends the app session and the Keycloak session: signing in again asks for the password
        Page signedOut = alice.submit(alice.get("/"), "form[action=/logout]", Map.of());
        assertThat(signedOut.uri().getPath()).isEqualTo("/");
        assertThat(signedOut.document().select(".account a").text()).isEqualTo("Sign in");
        Page again = alice.get("/login?redirect=/");
        assertThat(again.document().select("#kc-form-login")).isNotEmpty();
    }

    @Test
    void wrongPasswordStaysOnKeycloakWithAMessage() {
        assertThatThrownBy(() -> BrowserlessLogin.signIn(base(), "/login?redirect=/", "admin", "not-the-password"))
                .hasMessageContaining("Invalid username or password");
    }

    @Test
    void signInReturnsToThePageItStartedFrom() {
        String article = "/articles/" + Api.SEED_SLUG;
        Session anonymous = BrowserlessLogin.open(base());
        String signInHref = anonymous.get(article).document().select("#reactions a[href^=/login]").attr("href");
        Session carol = anonymous.signIn(signInHref, "carol", "carol");
        assertThat(carol.finalUrl().getPath()).isEqualTo(article);
        assertThat(carol.document().select(".flash").text()).isEqualTo("You are signed in.");
        assertThat(carol.document().select("form.reaction-widget button")).hasSize(7);
    }

    @Test
    void offSiteRedirectAfterSignInIsRefused() {
        Session dave = BrowserlessLogin.signIn(base(), "/login?redirect=" + URLEncoder.encode("//evil.example/", StandardCharsets.UTF_8), "carol", "carol");
        assertThat(dave.finalUrl().getHost()).isEqualTo(app.getHost());
        assertThat(dave.finalUrl().getPath()).isEqualTo("/");
    }

    private String base() {
        String url = app.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
