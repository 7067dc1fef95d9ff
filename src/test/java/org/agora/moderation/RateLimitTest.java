package org.agora.moderation;

import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.agora.AgoraConfig;
import org.agora.member.MemberService;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.agora.web.AppException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limiter with the real small defaults (called at service level), then the 429 answers of the API and the
 * HTML form. The test profile raises the configured limits for the other tests, so here a person is pushed over
 * their limit by setting their counter in the database, which is where every replica reads it.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class RateLimitTest {

    @TestHTTPResource("/")
    URL app;

    @Inject
    RateLimiter limiter;

    @Inject
    MemberService members;

    @Inject
    EntityManager em;

    @BeforeEach
    @AfterEach
    void resetCounters() {
        // other test classes in the same JVM leave counts behind
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from rate_limit").executeUpdate());
    }

    @Test
    void theDefaultsAreInTheSpiritOfDiscourse() {
        // only the code's defaults: no config files, no environment (the one required secret gets a stand-in)
        AgoraConfig.RateLimits defaults = new io.smallrye.config.SmallRyeConfigBuilder()
                .withDefaultValue("agora.keycloak-admin.client-secret", "not-used-here")
                .withMapping(AgoraConfig.class).build().getConfigMapping(AgoraConfig.class).rateLimits();
        assertThat(defaults.comments()).isEqualTo(1);
        assertThat(defaults.commentsWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.votes()).isPositive();
        assertThat(defaults.reports()).isPositive();
    }

    @Test
    void oneCommentEveryFiveSecondsThenANewWindow() {
        long member = members.memberIdFor("test|rate-" + UUID.randomUUID(), "rate-" + UUID.randomUUID().toString().substring(0, 8), "Rate");
        QuarkusTransaction.requiringNew().run(() -> limiter.hit(member, RateAction.COMMENT, 1, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> limiter.hit(member, RateAction.COMMENT, 1, Duration.ofSeconds(5))))
                .isInstanceOf(AppException.class)
                .satisfies(e -> {
                    AppException refused = (AppException) e;
                    assertThat(refused.status()).isEqualTo(429);
                    assertThat(refused.retryAfterSeconds()).isBetween(1L, 5L);
                    assertThat(refused.detail()).contains("at most 1 every 5 seconds");
                });
        // another action has its own counter
        QuarkusTransaction.requiringNew().run(() -> limiter.hit(member, RateAction.VOTE, 1, Duration.ofSeconds(5)));
        // a short window ends, and the count starts again
        QuarkusTransaction.requiringNew().run(() -> limiter.hit(member, RateAction.REPORT, 2, Duration.ofMillis(300)));
        QuarkusTransaction.requiringNew().run(() -> limiter.hit(member, RateAction.REPORT, 2, Duration.ofMillis(300)));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> limiter.hit(member, RateAction.REPORT, 2, Duration.ofMillis(300))))
                .isInstanceOf(AppException.class);
        sleep(400);
        QuarkusTransaction.requiringNew().run(() -> limiter.hit(member, RateAction.REPORT, 2, Duration.ofMillis(300)));
    }

    @Test
    void overTheLimitTheApiAnswers429WithRetryAfterAndModeratorsAreExempt() {
        long q = questionId("Why now?");
        exhaust("carol", "comment");
        exhaust("carol", "vote");
        exhaust("carol", "reaction");
        exhaust("mod", "comment");
        var refused = as("carol").body(Map.of("body", "Too fast")).post("/api/questions/" + q + "/comments").then()
                .statusCode(429).contentType("application/problem+json").body("detail", containsString("Too many comments"))
                .extract();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        as("carol").body(Map.of("value", 1)).put("/api/questions/" + q + "/vote").then().statusCode(429);
        as("carol").body(Map.of("kind", "wow")).put("/api/articles/" + Api.SEED_SLUG + "/reaction").then().statusCode(429);
        as("mod").body(Map.of("body", "Moderators are not limited " + UUID.randomUUID())).post("/api/questions/" + q + "/comments")
                .then().statusCode(201);
    }

    /**
     * Votes and reactions count in their first statement, after locking the member, before the checks decide: an
     * accepted vote counts once, and every refusal (403, 404, 400, 429) rolls its count back with the transaction.
     */
    @Test
    void votesAndReactionsCountOnceAndARefusalRollsTheCountBack() {
        long q = questionId("Why now?");
        long alices = Api.comment("alice", q, "Vote on this " + UUID.randomUUID(), null);
        long carols = Api.comment("carol", q, "Not on your own " + UUID.randomUUID(), null);
        as("carol").body(Map.of("value", 1)).put("/api/comments/" + alices + "/vote").then().statusCode(200);
        assertThat(count("carol", "vote")).isEqualTo(1);
        as("carol").body(Map.of("value", -1)).put("/api/comments/" + alices + "/vote").then().statusCode(200);
        assertThat(count("carol", "vote")).isEqualTo(2);
        as("carol").body(Map.of("value", 1)).put("/api/comments/" + carols + "/vote").then().statusCode(403);
        as("carol").body(Map.of("value", 1)).put("/api/comments/0/vote").then().statusCode(404);
        as("carol").body(Map.of("value", 1)).put("/api/questions/0/vote").then().statusCode(404);
        assertThat(count("carol", "vote")).as("refused votes don't count").isEqualTo(2);
        as("carol").body(Map.of("value", 1)).put("/api/questions/" + q + "/vote").then().statusCode(200);
        assertThat(count("carol", "vote")).isEqualTo(3);

        exhaust("carol", "vote");
        as("carol").body(Map.of("value", 0)).put("/api/comments/" + alices + "/vote").then().statusCode(429);
        as("carol").body(Map.of("value", 1)).put("/api/comments/" + carols + "/vote").then().statusCode(403);
        assertThat(count("carol", "vote")).as("a 429 rolls its own count back").isEqualTo(1_000_000_000L);

        String reaction = "/api/articles/" + Api.SEED_SLUG + "/reaction";
        as("carol").body(Map.of("kind", "wow")).put(reaction).then().statusCode(200);
        assertThat(count("carol", "reaction")).isEqualTo(1);
        as("carol").body(Map.of("kind", "nope")).put(reaction).then().statusCode(400);
        assertThat(count("carol", "reaction")).isEqualTo(1);
        exhaust("carol", "reaction");
        as("carol").body(Map.of("kind", "like")).put(reaction).then().statusCode(429);
        assertThat(count("carol", "reaction")).isEqualTo(1_000_000_000L);

        // moderators are exempt: their votes count nowhere
        as("mod").body(Map.of("value", 1)).put("/api/comments/" + alices + "/vote").then().statusCode(200);
        as("mod").body(Map.of("kind", "wow")).put(reaction).then().statusCode(200);
        assertThat(count("mod", "vote")).isZero();
        assertThat(count("mod", "reaction")).isZero();
    }

    /** The person's count for the action in the current window; 0 without a row. */
    private long count(String username, String action) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        select coalesce((select r.count from rate_limit r join member m on m.id = r.member_id
                                         where m.username = :u and r.action = :a), 0)""")
                .setParameter("u", username).setParameter("a", action).getSingleResult()).longValue());
    }

    @Test
    void theHtmlFormAnswers429AndKeepsTheTypedText() {
        long q = questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + q;
        Session carol = BrowserlessLogin.signIn(base(), "/login?redirect=" + URLEncoder.encode(thread, StandardCharsets.UTF_8), "carol", "carol");
        exhaust("carol", "comment");
        String typed = "A long and careful answer " + UUID.randomUUID();
        Page refused = carol.submit(carol.page(), "section.answer form", Map.of("body", typed));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.document().select("section.answer textarea").text()).isEqualTo(typed);
        assertThat(refused.document().select("[role=alert]").text()).contains("Too many comments");
    }

    /** Puts the person far over any limit for the current window. */
    private void exhaust(String username, String action) {
        as(username).get("/api/articles/" + Api.SEED_SLUG).then().statusCode(200); // the member row exists
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into rate_limit (member_id, action, window_start, count)
                        select id, :a, now(), 1000000000 from member where username = :u
                        on conflict (member_id, action) do update set window_start = now(), count = 1000000000""")
                .setParameter("a", action).setParameter("u", username).executeUpdate());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String base() {
        String url = app.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
