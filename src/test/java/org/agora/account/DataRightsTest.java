package org.agora.account;

import static io.restassured.RestAssured.given;
import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.KeycloakTokens;
import org.agora.testing.KeycloakUsers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.junit.jupiter.api.Test;

/**
 * Export and account deletion, as a throwaway Keycloak user made for the test (deleting an account deletes its
 * Keycloak user, so never one of the demo users): the tallies are corrected, the Keycloak user is gone, the member's
 * tokens stop working at once and a fresh password login fails.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class DataRightsTest {

    @Inject
    EntityManager em;


    private static JsonPath comment(long id) {
        return anonymous().get("/api/comments/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath article() {
        return anonymous().get("/api/articles/" + Api.SEED_SLUG).then().statusCode(200).extract().jsonPath();
    }

    @Inject
    KeycloakDeletions keycloakDeletions;

    @Test
    void theExportHoldsWhatTheMemberDidAndDeletionCorrectsEveryTally() {
        String carol = KeycloakUsers.create("leaver-" + UUID.randomUUID().toString().substring(0, 8), 1).get(0);
        String keycloakId = KeycloakUsers.idOf(carol);
        String carolsToken = Api.token(carol);
        long q = questionId("Why now?");
        long other = questionId("Why are these four leaders…?");
        long alices = Api.comment("alice", q, "Alice's answer " + UUID.randomUUID(), null);
        long bobs = Api.comment("bob", q, "Bob's answer " + UUID.randomUUID(), null);
        long bobsReported = Api.comment("bob", q, "Bob's reported answer " + UUID.randomUUID(), null);

        String carolsText = "Carol's answer " + UUID.randomUUID();
        long carols = Api.comment(carol, q, carolsText, null);
        as(carol).body(Map.of("body", carolsText + " (edited)")).patch("/api/comments/" + carols).then().statusCode(200);
        long carolsReply = Api.comment(carol, q, "Carol replies", alices);
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + carols + "/vote").then().statusCode(200);
        as(carol).body(Map.of("value", 1)).put("/api/comments/" + alices + "/vote").then().statusCode(200);
        as(carol).body(Map.of("value", -1)).put("/api/comments/" + bobs + "/vote").then().statusCode(200);
        as(carol).body(Map.of("value", 1)).put("/api/questions/" + other + "/vote").then().statusCode(200);
        as(carol).body(Map.of("kind", "wow")).put("/api/articles/" + Api.SEED_SLUG + "/reaction").then().statusCode(200);
        as(carol).put("/api/questions/" + other + "/follow").then().statusCode(200);
        as(carol).body(Map.of("reason", "spam")).post("/api/comments/" + bobsReported + "/reports").then().statusCode(201);
        Api.comment("bob", q, "Bob replies to carol", carols); // a notification for carol

        JsonPath export = as(carol).get("/api/me/export").then().statusCode(200).extract().jsonPath();
        assertThat(export.getString("member.username")).isEqualTo(carol);
        assertThat(export.getString("member.email")).isEqualTo(carol + "@example.org");
        assertThat(export.getList("comments.id", Long.class)).contains(carols, carolsReply);
        assertThat(export.getString("comments.find { it.id == " + carols + " }.body")).isEqualTo(carolsText + " (edited)");
        assertThat(export.getList("comments.find { it.id == " + carols + " }.revisions.body", String.class))
                .containsExactly(carolsText, carolsText + " (edited)");
        assertThat(export.getInt("commentVotes.find { it.commentId == " + alices + " }.value")).isEqualTo(1);
        assertThat(export.getInt("commentVotes.find { it.commentId == " + bobs + " }.value")).isEqualTo(-1);
        assertThat(export.getInt("questionVotes.find { it.questionId == " + other + " }.value")).isEqualTo(1);
        assertThat(export.getList("reactions.kind", String.class)).containsExactly("wow");
        assertThat(export.getList("follows.questionId", Long.class)).contains(other);
        assertThat(export.getList("reports.commentId", Long.class)).contains(bobsReported);
        assertThat(export.getList("notifications.kind", String.class)).contains("reply");
        assertThat(export.getString("comments[0].createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        // nobody else's data: bob's comments and votes are not in carol's export
        assertThat(export.getList("comments.id", Long.class)).doesNotContain(alices, bobs);

        int alicesUps = comment(alices).getInt("ups");
        int bobsDowns = comment(bobs).getInt("downs");
        int otherScore = article().getInt("questions.find { it.id == " + other + " }.score");
        int wows = article().getInt("reactions.wow");
        int commentCount = article().getInt("questions.find { it.id == " + q + " }.commentCount");
        int openReports = ((Number) em.createNativeQuery("select open_reports from comment where id = " + bobsReported)
                .getSingleResult()).intValue();

        assertThat(KeycloakUsers.exists(keycloakId)).isTrue();
        as(carol).delete("/api/me").then().statusCode(204);

        // the Keycloak user went right after the commit; the token she still holds is refused at once (every session
        // ends), and she can't sign in again
        assertThat(KeycloakUsers.exists(keycloakId)).as("the Keycloak user is deleted").isFalse();
        given().auth().oauth2(carolsToken).accept("application/json").get("/api/me/export").then().statusCode(401);
        assertThatThrownBy(() -> KeycloakTokens.accessToken(carol, carol)).hasMessageContaining("invalid_grant");
        assertThat(pendingFor(keycloakId)).as("the outbox row is removed").isZero();

        assertThat(comment(alices).getInt("ups")).isEqualTo(alicesUps - 1);
        assertThat(comment(bobs).getInt("downs")).isEqualTo(bobsDowns - 1);
        assertThat(article().getInt("questions.find { it.id == " + other + " }.score")).isEqualTo(otherScore - 1);
        assertThat(article().getInt("reactions.wow")).isEqualTo(wows - 1);
        assertThat(article().getInt("questions.find { it.id == " + q + " }.commentCount")).as("comments stay").isEqualTo(commentCount);
        assertThat(((Number) em.createNativeQuery("select open_reports from comment where id = " + bobsReported)
                .getSingleResult()).intValue()).isEqualTo(openReports - 1);
        // every tally equals its rows
        assertThat(em.createNativeQuery("""
                select c.id from comment c where c.ups <> (select count(*) from comment_vote v where v.comment_id = c.id and v.value = 1)
                   or c.downs <> (select count(*) from comment_vote v where v.comment_id = c.id and v.value = -1)""").getResultList()).isEmpty();
        assertThat(em.createNativeQuery("""
                select t.kind from article_reaction_tally t
                where (select coalesce(sum(s.count), 0) from article_reaction_tally_slot s where s.article_id = t.article_id and s.kind = t.kind)
                   <> (select count(*) from reaction r where r.article_id = t.article_id and r.kind = t.kind)""").getResultList()).isEmpty();
        // and every slot equals its members' rows: carol's reaction came off her own slot
        assertThat(em.createNativeQuery("""
                select s.kind from article_reaction_tally_slot s
                where s.count <> (select count(*) from reaction r where r.article_id = s.article_id and r.kind = s.kind
                                  and agora_reaction_slot(r.member_id) = s.slot)""").getResultList()).isEmpty();

        JsonPath tombstone = comment(carols);
        assertThat(tombstone.getString("author")).isEqualTo("[deleted member]");
        assertThat(tombstone.getInt("ups")).as("others' votes on her comments stay").isEqualTo(1);
        anonymous().get("/api/members/" + carol).then().statusCode(404);
        String thread = anonymous().accept("text/html").get("/articles/" + Api.SEED_SLUG + "/questions/" + q).then().statusCode(200).extract().asString();
        assertThat(thread).contains("[deleted member]");

        List<String> steps = as("mod").get("/api/moderation/log?action=delete_account").then().statusCode(200).extract().jsonPath()
                .getList("targetId", String.class);
        assertThat(steps).isNotEmpty();
        String memberId = steps.get(0);
        List<String> audited = as("mod").get("/api/moderation/log").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.targetId == '" + memberId + "' && it.targetKind == 'member' }.action", String.class);
        assertThat(audited).contains("export_data", "delete_votes", "delete_reactions", "withdraw_reports", "delete_notifications",
                "anonymise_comments", "delete_account", "delete_keycloak_user");
        anonymous().delete("/api/me").then().statusCode(401).contentType("application/problem+json");
        anonymous().get("/api/me/export").then().statusCode(401);
    }

    /**
     * The deletion is never lost: a Keycloak deletion that failed right after the commit (Keycloak down) stays queued,
     * waits out its pause, and the scheduled job deletes the user once it is due, audited.
     */
    @Test
    void aPendingKeycloakDeletionIsRetriedWhenDue() {
        String leaver = KeycloakUsers.create("retried-" + UUID.randomUUID().toString().substring(0, 8), 1).get(0);
        String keycloakId = KeycloakUsers.idOf(leaver);
        long memberId = as(leaver).get("/api/me/export").then().statusCode(200).extract().jsonPath().getLong("member.id");
        // as the immediate attempt leaves it when Keycloak can't be reached: one failed attempt, next one in an hour
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into keycloak_deletion (member_id, subject, attempts, last_error, next_attempt_at)
                        values (:m, :s, 1, 'ConnectException: Connection refused', now() + interval '1 hour')""")
                .setParameter("m", memberId).setParameter("s", keycloakId).executeUpdate());

        keycloakDeletions.retryDue();
        assertThat(KeycloakUsers.exists(keycloakId)).as("not due yet: left alone").isTrue();
        assertThat(pendingFor(keycloakId)).isEqualTo(1);

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update keycloak_deletion set next_attempt_at = now() where subject = :s").setParameter("s", keycloakId).executeUpdate());
        keycloakDeletions.retryDue(); // (or the scheduler's own run got there first: the outcome is the same)
        assertThat(KeycloakUsers.exists(keycloakId)).as("deleted once due").isFalse();
        assertThat(pendingFor(keycloakId)).isZero();
        List<String> audited = as("mod").get("/api/moderation/log?action=delete_keycloak_user").then().statusCode(200).extract()
                .jsonPath().getList("targetId", String.class);
        assertThat(audited).contains(Long.toString(memberId));
    }

    private int pendingFor(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from keycloak_deletion where subject = :s").setParameter("s", subject).getSingleResult()).intValue());
    }
}
