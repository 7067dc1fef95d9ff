package org.agora.moderation;

import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Warnings, suspensions and bans: a sanctioned person reads but cannot write through any route. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class SanctionTest {

    @TestHTTPResource("/")
    URL app;

    @Inject
    EntityManager em;

    /** Sanctions are lifted by hand here (the product has no "lift" yet), so other tests find carol and bob free. */
    @AfterEach
    void liftSanctions() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from sanction where member_id in (select id from member where username in ('carol', 'bob'))").executeUpdate());
    }

    @Test
    void aSuspendedPersonReadsButCannotWriteThroughTheApi() {
        long q = questionId("Why now?");
        long bobs = ModerationApiTest.post("bob", q, "Bob's answer " + UUID.randomUUID());
        long carols = ModerationApiTest.post("carol", q, "Carol's answer " + UUID.randomUUID());
        String until = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        as("mod").body(Map.of("kind", "suspend", "reason", "Flaming in three threads")).post("/api/moderation/members/carol/sanctions")
                .then().statusCode(400).body("field", equalTo("until"));
        as("mod").body(Map.of("kind", "suspend", "until", until, "reason", "Flaming in three threads"))
                .post("/api/moderation/members/carol/sanctions").then().statusCode(201).body("kind", equalTo("suspend"));
        as("mod").body(Map.of("kind", "ban", "reason", "me")).post("/api/moderation/members/mod/sanctions").then().statusCode(403);
        as("mod").body(Map.of("kind", "warn", "reason", "x")).post("/api/moderation/members/nobody-here/sanctions").then().statusCode(404);

        as("carol").get("/api/questions/" + q + "/comments").then().statusCode(200);
        as("carol").body(Map.of("body", "Still here")).post("/api/questions/" + q + "/comments").then().statusCode(403)
                .body("detail", containsString("suspended until")).body("detail", containsString("Flaming in three threads"));
        as("carol").body(Map.of("body", "Still here", "parentId", bobs)).post("/api/questions/" + q + "/comments").then().statusCode(403);
        as("carol").body(Map.of("body", "Edited")).patch("/api/comments/" + carols).then().statusCode(403);
        as("carol").body(Map.of("value", 1)).put("/api/comments/" + bobs + "/vote").then().statusCode(403);
        as("carol").body(Map.of("value", 1)).put("/api/questions/" + q + "/vote").then().statusCode(403);
        as("carol").body(Map.of("kind", "wow")).put("/api/articles/" + Api.SEED_SLUG + "/reaction").then().statusCode(403);
        as("carol").body(Map.of("reason", "spam")).post("/api/comments/" + bobs + "/reports").then().statusCode(403);
        as("mod").get("/api/moderation/log?member=carol&action=suspend").then().statusCode(200)
                .body("[0].actor", equalTo("mod")).body("[0].reason", equalTo("Flaming in three threads"))
                .body("[0].after", containsString("suspended until"));
    }

    @Test
    void aBanCanRejectAllPublishedCommentsAndStopsTheHtmlFormsToo() {
        long q = questionId("Why now?");
        long one = ModerationApiTest.post("carol", q, "Carol one " + UUID.randomUUID());
        long two = ModerationApiTest.post("carol", q, "Carol two " + UUID.randomUUID());
        int count = ModerationApiTest.commentCount(q);
        int carolsHere = anonymous().get("/api/questions/" + q + "/comments").then().extract().jsonPath()
                .getList("findAll { it.author == 'carol' && it.status == 'published' }").size();

        as("admin").body(Map.of("kind", "ban", "reason", "Spam account", "rejectAll", true))
                .post("/api/moderation/members/carol/sanctions").then().statusCode(201)
                .body("rejectedComments", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        assertThat(ModerationApiTest.publicIds(q)).doesNotContain(one, two);
        assertThat(ModerationApiTest.commentCount(q)).isEqualTo(count - carolsHere);
        as("carol").get("/api/comments/" + one).then().statusCode(200).body("status", equalTo("rejected"))
                .body("moderationReason", equalTo("ban"));
        as("carol").body(Map.of("body", "API?")).post("/api/questions/" + q + "/comments").then().statusCode(403)
                .body("detail", containsString("banned"));

        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + q;
        Session carol = BrowserlessLogin.signIn(base(), "/login?redirect=" + URLEncoder.encode(thread, StandardCharsets.UTF_8), "carol", "carol");
        assertThat(carol.document().select(".restriction").text()).contains("banned").contains("Spam account");
        assertThat(carol.document().select("section.answer form")).isEmpty();
        // no answer form is offered; a hand-made POST (with a valid CSRF token from the sign-out form) is refused
        String csrf = carol.document().select("form[action=/logout] input[name=csrf-token]").attr("value");
        assertThat(csrf).isNotBlank();
        Page refused = carol.post(thread + "/comments", Map.of("body", "Through the form", "csrf-token", csrf));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("banned");
        Page vote = carol.post(thread + "/vote", Map.of("value", "1", "csrf-token", csrf));
        assertThat(vote.status()).isEqualTo(403);
        anonymous().get("/api/questions/" + q + "/comments").then().statusCode(200);
    }

    @Test
    void aWarningShowsOnTheNextVisitUntilAcknowledged() {
        as("mod").body(Map.of("kind", "warn", "reason", "Please keep it civil")).post("/api/moderation/members/bob/sanctions")
                .then().statusCode(201);
        // a warning doesn't stop writing
        ModerationApiTest.post("bob", questionId("Why now?"), "Civil answer " + UUID.randomUUID());
        Session bob = BrowserlessLogin.signIn(base(), "/login?redirect=/", "bob", "bob");
        assertThat(bob.document().select(".warning").text()).contains("Please keep it civil");
        Page acknowledged = bob.submit(".warning form", Map.of());
        assertThat(acknowledged.document().select(".flash").text()).contains("acknowledged");
        assertThat(acknowledged.document().select(".warning")).isEmpty();
        assertThat(bob.get("/").document().select(".warning")).isEmpty();
    }

    private String base() {
        String url = app.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
