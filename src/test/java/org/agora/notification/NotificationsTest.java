package org.agora.notification;

import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class NotificationsTest {

    @TestHTTPResource("/")
    URL app;

    @Inject
    EntityManager em;

    @Inject
    DigestService digests;

    @Inject
    MockMailbox mailbox;


    /** The caller's notifications about one comment. */
    static List<Map<String, Object>> about(String user, long commentId) {
        List<Map<String, Object>> all = as(user).get("/api/me/notifications").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(n -> String.valueOf(n.get("link")).endsWith("#c-" + commentId)).toList();
    }

    static long unread(String user) {
        return as(user).get("/api/me/notifications/unread").then().statusCode(200).extract().jsonPath().getLong("unread");
    }

    @Test
    void repliesMentionsAndFollowedAnswersNotifyTheRightPeopleOnce() {
        long q = questionId("Why are these four leaders…?");
        as("bob").put("/api/questions/" + q + "/follow").then().statusCode(200).body("following", equalTo(true));
        as("bob").put("/api/questions/" + q + "/follow").then().statusCode(200); // idempotent

        long answer = Api.comment("alice", q, "An answer worth replying to " + UUID.randomUUID(), null);
        List<Map<String, Object>> bobHears = about("bob", answer);
        assertThat(bobHears).singleElement().satisfies(n -> {
            assertThat(n.get("kind")).isEqualTo("answer");
            assertThat(n.get("read")).isEqualTo(false);
            assertThat((String) n.get("text")).startsWith("alice answered “Why are these four leaders…?”");
            assertThat((String) n.get("link")).isEqualTo("/articles/" + Api.SEED_SLUG + "/questions/" + q + "#c-" + answer);
            assertThat(n.keySet()).containsExactlyInAnyOrder("id", "kind", "read", "createdAt", "link", "text");
        });
        assertThat(about("alice", answer)).as("nobody hears about their own comment").isEmpty();

        // a reply that also mentions alice: one notification, the reply (the most personal kind)
        long reply = Api.comment("carol", q, "@alice I disagree, and so might @BOB.", answer);
        assertThat(about("alice", reply)).extracting(n -> n.get("kind")).containsExactly("reply");
        assertThat(about("bob", reply)).as("mentions are case-insensitive; a reply is not a new answer")
                .extracting(n -> n.get("kind")).containsExactly("mention");
        assertThat(about("carol", reply)).isEmpty();

        // e-mail addresses and unknown names are not mentions
        long quiet = Api.comment("carol", q, "Write to alice@agora.example or @nobody-by-that-name", answer);
        assertThat(about("bob", quiet)).isEmpty();

        // unfollowing stops the answers
        as("bob").delete("/api/questions/" + q + "/follow").then().statusCode(200).body("following", equalTo(false));
        long later = Api.comment("carol", q, "Another answer " + UUID.randomUUID(), null);
        assertThat(about("bob", later)).isEmpty();
    }

    @Test
    void markingReadOneByOneOrAllAtOnceOnlyTouchesOnesOwn() {
        long q = questionId("Why now?");
        long answer = Api.comment("alice", q, "Mark-read fixture " + UUID.randomUUID(), null);
        long r1 = Api.comment("bob", q, "first reply", answer);
        long r2 = Api.comment("bob", q, "second reply", answer);
        long id1 = ((Number) about("alice", r1).get(0).get("id")).longValue();
        long id2 = ((Number) about("alice", r2).get(0).get("id")).longValue();
        long before = unread("alice");
        assertThat(before).isGreaterThanOrEqualTo(2);

        // someone else's ids change nothing
        as("bob").body(Map.of("ids", List.of(id1))).post("/api/me/notifications/read").then().statusCode(200);
        assertThat(about("alice", r1).get(0).get("read")).isEqualTo(false);

        as("alice").body(Map.of("ids", List.of(id1))).post("/api/me/notifications/read").then().statusCode(200)
                .body("unread", equalTo((int) before - 1));
        assertThat(about("alice", r1).get(0).get("read")).isEqualTo(true);
        assertThat(about("alice", r2).get(0).get("read")).isEqualTo(false);

        as("alice").body(Map.of("all", true)).post("/api/me/notifications/read").then().statusCode(200).body("unread", equalTo(0));
        assertThat(about("alice", r2).get(0).get("read")).isEqualTo(true);
        assertThat(id2).isNotEqualTo(id1);

        as("alice").body(Map.of()).post("/api/me/notifications/read").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("ids"));
        anonymous().get("/api/me/notifications").then().statusCode(401).contentType("application/problem+json");
        anonymous().body(Map.of("all", true)).post("/api/me/notifications/read").then().statusCode(401);
        anonymous().put("/api/questions/" + q + "/follow").then().statusCode(401);
        as("alice").put("/api/questions/999999999/follow").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aHeldReplyNotifiesOnlyOnceItIsApprovedAndModerationDecisionsNotifyTheAuthor() {
        long q = questionId("Why now?");
        long answer = Api.comment("alice", q, "Held-reply fixture " + UUID.randomUUID(), null);
        long held = Api.withPremoderation(em, () -> Api.comment("bob", q, "A held reply to @carol", answer));
        assertThat(about("alice", held)).as("nothing leaks while held").isEmpty();
        assertThat(about("carol", held)).isEmpty();

        as("mod").body(Map.of("action", "approve")).post("/api/moderation/comments/" + held + "/actions").then().statusCode(200);
        assertThat(about("alice", held)).extracting(n -> n.get("kind")).containsExactly("reply");
        assertThat(about("carol", held)).extracting(n -> n.get("kind")).containsExactly("mention");
        assertThat(about("bob", held)).extracting(n -> n.get("kind")).containsExactly("comment_approved");

        // removed and restored: still one notification each
        as("mod").body(Map.of("action", "remove", "reason", "spam")).post("/api/moderation/comments/" + held + "/actions").then().statusCode(200);
        as("mod").body(Map.of("action", "restore")).post("/api/moderation/comments/" + held + "/actions").then().statusCode(200);
        assertThat(about("alice", held)).extracting(n -> n.get("kind")).containsExactly("reply");
        assertThat(about("bob", held)).extracting(n -> n.get("kind"))
                .containsExactlyInAnyOrder("comment_approved", "comment_removed", "comment_restored");
    }

    @Test
    void optedInMembersGetOneDigestOfUnmailedUnreadNotifications() {
        long q = questionId("Why now?");
        as("bob").body(Map.of("emailDigest", true)).put("/api/me/profile").then().statusCode(200)
                .body("emailDigest", equalTo(true)).body("email", equalTo("bob@agora.example"));
        as("carol").body(Map.of("emailDigest", false)).put("/api/me/profile").then().statusCode(200);
        try {
            as("bob").body(Map.of("all", true)).post("/api/me/notifications/read").then().statusCode(200);
            long answer = Api.comment("bob", q, "Digest fixture " + UUID.randomUUID(), null);
            String marker = UUID.randomUUID().toString();
            Api.comment("carol", q, "Digest reply " + marker, answer);
            mailbox.clear();

            digests.sendDigests();
            var mails = mailbox.getMailsSentTo("bob@agora.example");
            assertThat(mails).singleElement().satisfies(m -> {
                assertThat(m.getSubject()).isEqualTo("Agora: 1 new notification");
                assertThat(m.getText()).contains("carol replied to you", marker,
                        "http://localhost:8080/articles/" + Api.SEED_SLUG + "/questions/" + q + "#c-");
            });
            assertThat(mailbox.getMailsSentTo("carol@agora.example")).as("not opted in").isNullOrEmpty();

            mailbox.clear();
            digests.sendDigests();
            assertThat(mailbox.getMailsSentTo("bob@agora.example")).as("nothing is mailed twice").isNullOrEmpty();
        } finally {
            as("bob").body(Map.of("emailDigest", false)).put("/api/me/profile").then().statusCode(200);
        }
    }

    @Test
    void theHeaderCountsUnreadAndTheFormsFollowAndMarkReadWithoutJavaScript() {
        long q = questionId("Why are these four leaders…?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + q;
        Session carol = BrowserlessLogin.signIn(app.toString().replaceAll("/$", ""),
                "/login?redirect=" + java.net.URLEncoder.encode(thread, java.nio.charset.StandardCharsets.UTF_8), "carol", "carol");
        assertThat(carol.status()).isEqualTo(200);
        Page followed = carol.submit("form.follow", Map.of());
        assertThat(followed.document().select(".flash").text()).isEqualTo("You follow this question: new answers will notify you.");
        assertThat(followed.document().select("form.follow button").text()).isEqualTo("Unfollow");

        as("carol").body(Map.of("all", true)).post("/api/me/notifications/read").then().statusCode(200);
        long answer = Api.comment("alice", q, "Header fixture " + UUID.randomUUID(), null);
        Page page = carol.get("/notifications");
        assertThat(page.document().select(".notifications-nav .unread-count").text()).isEqualTo("1");
        String formSelector = "li.unread form[action^=/notifications/]";
        assertThat(page.document().select("li.unread a").attr("href")).endsWith("#c-" + answer);
        Page read = carol.submit(formSelector, Map.of());
        assertThat(read.document().select(".flash").text()).isEqualTo("The notification is marked as read.");
        assertThat(read.document().select(".notifications-nav .unread-count")).isEmpty();
        assertThat(unread("carol")).isZero();

        Page unfollowed = carol.get(thread);
        unfollowed = carol.submit("form.follow", Map.of());
        assertThat(unfollowed.document().select("form.follow button").text()).isEqualTo("Follow");
    }
}
