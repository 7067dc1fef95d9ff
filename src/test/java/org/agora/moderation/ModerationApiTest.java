package org.agora.moderation;

import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.security.Viewer;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reports, queues, comment and question actions, word lists and the audit log, through the JSON API. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class ModerationApiTest {

    @Inject
    EntityManager em;

    @Inject
    ModerationService moderation;

    @AfterEach
    void reset() {
        resetModerationSettings(em);
    }

    /** Empty word lists, no pre-moderated article, no locked or hidden question: what the other tests expect. */
    static void resetModerationSettings(EntityManager em) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from moderation_word").executeUpdate();
            em.createNativeQuery("update article set premoderation = false").executeUpdate();
            em.createNativeQuery("update question set locked = false, hidden = false").executeUpdate();
        });
    }

    static long post(String user, long questionId, String body) {
        return as(user).body(Map.of("body", body)).post("/api/questions/" + questionId + "/comments").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    static int commentCount(long questionId) {
        return anonymous().get("/api/articles/" + Api.SEED_SLUG).then().statusCode(200).extract()
                .path("questions.find { it.id == " + questionId + " }.commentCount");
    }

    static List<Long> publicIds(long questionId) {
        return anonymous().get("/api/questions/" + questionId + "/comments").then().statusCode(200).extract()
                .jsonPath().getList("id", Long.class);
    }

    static void act(String user, long commentId, String action, String reason, int status) {
        Map<String, Object> body = reason == null ? Map.of("action", action) : Map.of("action", action, "reason", reason);
        as(user).body(body).post("/api/moderation/comments/" + commentId + "/actions").then().statusCode(status);
    }

    @Test
    void membersGetForbiddenAndAnonymousMustSignIn() {
        long someComment = post("alice", questionId("Why now?"), "Something to moderate " + UUID.randomUUID());
        for (String user : List.of("alice", "tutor")) {
            as(user).get("/api/moderation/queue?state=pending").then().statusCode(403).contentType("application/problem+json");
            as(user).get("/api/moderation/log").then().statusCode(403);
            as(user).get("/api/moderation/words").then().statusCode(403);
            as(user).body(Map.of("banned", List.of("x"), "suspect", List.of())).put("/api/moderation/words").then().statusCode(403);
            as(user).body(Map.of("action", "remove")).post("/api/moderation/comments/" + someComment + "/actions").then().statusCode(403);
            as(user).body(Map.of("action", "lock")).post("/api/moderation/questions/" + questionId("Why now?") + "/actions").then().statusCode(403);
            as(user).body(Map.of("kind", "warn", "reason", "x")).post("/api/moderation/members/bob/sanctions").then().statusCode(403);
        }
        anonymous().get("/api/moderation/queue?state=pending").then().statusCode(401);
        anonymous().body(Map.of("reason", "spam")).post("/api/comments/" + someComment + "/reports").then().statusCode(401);
        as("mod").get("/api/moderation/queue?state=pending").then().statusCode(200);
        as("admin").get("/api/moderation/queue?state=reported").then().statusCode(200);
        as("mod").get("/api/moderation/queue?state=nonsense").then().statusCode(400);
    }

    @Test
    void reportsAreOncePerPersonAndThreeHoldTheCommentUntilAModeratorDecides() {
        long q = questionId("Why now?");
        long comment = post("alice", q, "A hot take to report " + UUID.randomUUID());
        int count = commentCount(q);

        as("bob").body(Map.of("reason", "spam")).post("/api/comments/" + comment + "/reports").then().statusCode(201);
        as("bob").body(Map.of("reason", "abusive")).post("/api/comments/" + comment + "/reports").then().statusCode(409);
        as("alice").body(Map.of("reason", "spam")).post("/api/comments/" + comment + "/reports").then().statusCode(403);
        as("carol").body(Map.of("reason", "other")).post("/api/comments/" + comment + "/reports").then().statusCode(400)
                .body("field", equalTo("note"));
        as("carol").body(Map.of("reason", "rude")).post("/api/comments/" + comment + "/reports").then().statusCode(400)
                .body("field", equalTo("reason"));
        as("carol").body(Map.of("reason", "other", "note", "Baiting people")).post("/api/comments/" + comment + "/reports").then().statusCode(201);
        assertThat(publicIds(q)).contains(comment);
        as("mod").get("/api/moderation/queue?state=reported").then().statusCode(200)
                .body("find { it.id == " + comment + " }.reports.size()", equalTo(2))
                .body("find { it.id == " + comment + " }.author.username", equalTo("alice"))
                .body("find { it.id == " + comment + " }.questionLabel", equalTo("Why now?"));

        // the third open report holds it: out of the thread and the count, still shown to alice, marked
        as("tutor").body(Map.of("reason", "off-topic")).post("/api/comments/" + comment + "/reports").then().statusCode(201);
        assertThat(publicIds(q)).doesNotContain(comment);
        assertThat(commentCount(q)).isEqualTo(count - 1);
        anonymous().get("/api/comments/" + comment).then().statusCode(404);
        as("alice").get("/api/comments/" + comment).then().statusCode(200)
                .body("status", equalTo("pending")).body("moderationReason", equalTo("reports"));
        as("mod").get("/api/moderation/queue?state=pending").then().body("id", hasItem((int) comment));

        // approving keeps it: back in the thread and the count, reports resolved, alice notified
        act("mod", comment, "approve", null, 200);
        assertThat(publicIds(q)).contains(comment);
        assertThat(commentCount(q)).isEqualTo(count);
        as("mod").get("/api/moderation/queue?state=reported").then().body("id", not(hasItem((int) comment)));
        as("mod").get("/api/moderation/log?action=approve&member=alice").then().statusCode(200)
                .body("find { it.targetId == '" + comment + "' }.actor", equalTo("mod"))
                .body("find { it.targetId == '" + comment + "' }.before", containsString("pending"))
                .body("find { it.targetId == '" + comment + "' }.after", containsString("published"));
        assertThat(notificationsOf("alice")).anyMatch(text -> text.contains("approved"));
    }

    @Test
    void rejectRemoveRestorePinKeepTheCountExactAndShowTheAuthorWhy() {
        long q = questionId("Why now?");
        int before = commentCount(q);
        long first = post("alice", q, "First answer " + UUID.randomUUID());
        long second = post("bob", q, "Second answer " + UUID.randomUUID());
        assertThat(commentCount(q)).isEqualTo(before + 2);

        // reject needs a reason code; the author sees it with the message, the public doesn't see the comment
        act("mod", first, "reject", null, 400);
        as("mod").body(Map.of("action", "reject", "reason", "off_topic", "message", "Stay on NATO, please."))
                .post("/api/moderation/comments/" + first + "/actions").then().statusCode(200).body("status", equalTo("rejected"));
        assertThat(commentCount(q)).isEqualTo(before + 1);
        assertThat(publicIds(q)).doesNotContain(first);
        as("alice").get("/api/questions/" + q + "/comments").then()
                .body("find { it.id == " + first + " }.status", equalTo("rejected"))
                .body("find { it.id == " + first + " }.moderationReason", equalTo("off_topic"))
                .body("find { it.id == " + first + " }.moderationMessage", equalTo("Stay on NATO, please."));
        as("bob").get("/api/questions/" + q + "/comments").then().body("id", not(hasItem((int) first)));
        act("mod", first, "reject", "spam", 409);
        assertThat(notificationsOf("alice")).anyMatch(text -> text.contains("rejected") && text.contains("Stay on NATO"));

        // remove leaves a tombstone without author or text; restore brings it back
        act("admin", second, "remove", null, 200);
        assertThat(commentCount(q)).isEqualTo(before);
        anonymous().get("/api/comments/" + second).then().statusCode(200)
                .body("deleted", equalTo(true)).body("status", equalTo("removed")).body("bodyHtml", equalTo(""));
        act("mod", second, "remove", null, 409);
        act("mod", second, "restore", null, 200);
        assertThat(commentCount(q)).isEqualTo(before + 1);

        // pinning lists the answer first
        act("mod", second, "pin", null, 200);
        assertThat(anonymous().get("/api/questions/" + q + "/comments?sort=new").then().extract().jsonPath().getLong("[0].id"))
                .isEqualTo(second);
        act("mod", second, "pin", null, 409);
        act("mod", second, "unpin", null, 200);
        act("mod", second, "dance", null, 400);

        as("mod").get("/api/moderation/log?actor=admin&action=remove").then().statusCode(200)
                .body("find { it.targetId == '" + second + "' }.member", equalTo("bob"));
        as("mod").get("/api/moderation/log?action=fly").then().statusCode(400);
    }

    @Test
    void bulkApproveTakesManyPendingCommentsAtOnce() {
        long q = questionId("Why now?");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update article set premoderation = true").executeUpdate());
        long a = post("alice", q, "Held one " + UUID.randomUUID());
        long b = post("bob", q, "Held two " + UUID.randomUUID());
        int count = commentCount(q);
        as("alice").get("/api/comments/" + a).then().body("status", equalTo("pending")).body("moderationReason", equalTo("premoderation"));
        assertThat(publicIds(q)).doesNotContain(a, b);
        as("mod").body(Map.of("ids", List.of(a, b), "action", "approve")).post("/api/moderation/comments/actions").then()
                .statusCode(200).body("count", equalTo(2));
        assertThat(publicIds(q)).contains(a, b);
        assertThat(commentCount(q)).isEqualTo(count + 2);
    }

    @Test
    void bannedWordsRefuseAndSuspectWordsHoldWhateverTheObfuscation() {
        long q = questionId("Why now?");
        as("mod").body(Map.of("banned", List.of("Scumbag", " "), "suspect", List.of("crypto deal")))
                .put("/api/moderation/words").then().statusCode(200)
                .body("banned", equalTo(List.of("scumbag"))).body("suspect", equalTo(List.of("crypto deal")));
        as("admin").get("/api/moderation/words").then().statusCode(200).body("banned", equalTo(List.of("scumbag")));

        as("alice").body(Map.of("body", "What a S.c.u.m.b.a.g")).post("/api/questions/" + q + "/comments").then()
                .statusCode(400).body("field", equalTo("body")).body("detail", containsString("not allowed"));
        long held = post("alice", q, "Great C-R-Y-P-T-O deal here " + UUID.randomUUID());
        as("alice").get("/api/comments/" + held).then().body("status", equalTo("pending")).body("moderationReason", equalTo("suspect_word"));
        // an edit can't smuggle a banned word in
        long fine = post("alice", q, "A fine answer " + UUID.randomUUID());
        as("alice").body(Map.of("body", "scumbag!")).patch("/api/comments/" + fine).then().statusCode(400);
        as("mod").get("/api/moderation/log?action=edit_words").then().statusCode(200)
                .body("[0].after", containsString("scumbag"));
    }

    @Test
    void aLockedThreadTakesNoCommentsButVotesAndAHiddenQuestionDisappears() {
        long q = questionId("Why now?");
        as("mod").body(Map.of("action", "lock")).post("/api/moderation/questions/" + q + "/actions").then()
                .statusCode(200).body("locked", equalTo(true));
        as("mod").body(Map.of("action", "lock")).post("/api/moderation/questions/" + q + "/actions").then().statusCode(409);
        as("alice").body(Map.of("body", "Too late?")).post("/api/questions/" + q + "/comments").then().statusCode(403)
                .body("detail", containsString("locked"));
        as("alice").body(Map.of("value", 1)).put("/api/questions/" + q + "/vote").then().statusCode(200);
        io.restassured.RestAssured.given().auth().oauth2(Api.token("alice"))
                .get("/articles/" + Api.SEED_SLUG + "/questions/" + q).then().statusCode(200)
                .body(not(containsString("details class=\"reply\"")));
        as("alice").body(Map.of("value", 0)).put("/api/questions/" + q + "/vote").then().statusCode(200);
        post("mod", q, "Moderators may still post in a locked thread " + UUID.randomUUID());
        as("mod").body(Map.of("action", "unlock")).post("/api/moderation/questions/" + q + "/actions").then().statusCode(200);
        long open = post("alice", q, "Open again " + UUID.randomUUID());

        as("mod").body(Map.of("action", "hide")).post("/api/moderation/questions/" + q + "/actions").then()
                .statusCode(200).body("hidden", equalTo(true));
        anonymous().get("/api/articles/" + Api.SEED_SLUG).then().body("questions.id", not(hasItem((int) q)));
        io.restassured.RestAssured.given().get("/articles/" + Api.SEED_SLUG + "/questions/" + q).then().statusCode(404);
        as("alice").body(Map.of("body", "Hidden?")).post("/api/questions/" + q + "/comments").then().statusCode(404);
        as("alice").body(Map.of("value", 1)).put("/api/questions/" + q + "/vote").then().statusCode(404);
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + open + "/vote").then().statusCode(404);
        anonymous().get("/api/questions/" + q + "/comments").then().statusCode(404);
        as("mod").get("/api/questions/" + q + "/comments").then().statusCode(200);
        as("mod").body(Map.of("action", "show")).post("/api/moderation/questions/" + q + "/actions").then().statusCode(200);
        anonymous().get("/api/articles/" + Api.SEED_SLUG).then().body("questions.id", hasItem((int) q));
        as("mod").get("/api/moderation/log?action=hide").then().body("[0].targetKind", equalTo("question"));
    }

    @Test
    void aModeratorRenamesAndReordersAQuestion() {
        List<Long> order = anonymous().get("/api/articles/" + Api.SEED_SLUG).then().extract().jsonPath().getList("questions.id", Long.class);
        assertThat(order.size()).isGreaterThanOrEqualTo(3);
        long third = order.get(2);
        String label = anonymous().get("/api/articles/" + Api.SEED_SLUG).then().extract().path("questions[2].label");
        as("alice").body(Map.of("label", "Mine now")).patch("/api/moderation/questions/" + third).then().statusCode(403);
        try {
            as("mod").body(Map.of("label", "Renamed by a moderator", "position", 1)).patch("/api/moderation/questions/" + third).then()
                    .statusCode(200).body("label", equalTo("Renamed by a moderator")).body("position", equalTo(1));
            List<Long> moved = anonymous().get("/api/articles/" + Api.SEED_SLUG).then().extract().jsonPath().getList("questions.id", Long.class);
            assertThat(moved).containsExactly(java.util.stream.Stream.concat(java.util.stream.Stream.of(third),
                    order.stream().filter(id -> id != third)).toArray(Long[]::new));
            as("mod").body(Map.of("position", order.size() + 1)).patch("/api/moderation/questions/" + third).then().statusCode(400)
                    .body("field", equalTo("position"));
            as("mod").body(Map.of("label", " ")).patch("/api/moderation/questions/" + third).then().statusCode(400)
                    .body("field", equalTo("label"));
            as("mod").get("/api/moderation/log?action=edit_question").then()
                    .body("[0].before", containsString(label)).body("[0].after", containsString("Renamed by a moderator"));
        } finally {
            as("mod").body(Map.of("label", label, "position", 3)).patch("/api/moderation/questions/" + third).then().statusCode(200);
        }
        assertThat(anonymous().get("/api/articles/" + Api.SEED_SLUG).then().extract().jsonPath().getList("questions.id", Long.class))
                .isEqualTo(order);
    }

    @Test
    void theAuditRowIsRolledBackWithAFailingAction() {
        long q = questionId("Why now?");
        long comment = post("alice", q, "Roll me back " + UUID.randomUUID());
        int count = commentCount(q);
        long modId = memberId("mod");
        Viewer mod = new Viewer(modId, "mod", java.util.Set.of(Viewer.MODERATOR));
        long auditBefore = auditRows(comment);
        // the action and its audit row run; then the surrounding work fails, and both vanish together
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            moderation.act(mod, comment, CommentAction.REMOVE, "spam", null);
            assertThat(auditRows(comment)).isEqualTo(auditBefore + 1);
            throw new IllegalStateException("the request failed after the action");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(auditRows(comment)).isEqualTo(auditBefore);
        assertThat(commentCount(q)).isEqualTo(count);
        anonymous().get("/api/comments/" + comment).then().body("status", equalTo("published"));
        // and a refused action writes nothing
        act("mod", comment, "restore", null, 409);
        assertThat(auditRows(comment)).isEqualTo(auditBefore);
    }

    private long auditRows(long commentId) {
        return QuarkusTransaction.joiningExisting().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from mod_action where target_kind = 'comment' and target_id = :t")
                .setParameter("t", Long.toString(commentId)).getSingleResult()).longValue());
    }

    private long memberId(String username) {
        as(username).get("/api/articles/" + Api.SEED_SLUG).then().statusCode(200); // makes sure the member row exists
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select id from member where username = :u")
                .setParameter("u", username).getSingleResult()).longValue());
    }

    private List<String> notificationsOf(String username) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> texts = em.createNativeQuery(
                            "select n.text from notification n join member m on m.id = n.member_id where m.username = :u order by n.id desc")
                    .setParameter("u", username).getResultList();
            return texts;
        });
    }
}
