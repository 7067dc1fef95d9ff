package org.agora.seminar;

import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.agora.testing.RoleClient;
import org.junit.jupiter.api.Test;

/**
 * A seminar's moderation queue decides about that seminar's comments only: a bulk decision that names a public
 * comment or another seminar's is "no such comment" (404) and changes nothing, even for a moderator, who may act on
 * those comments elsewhere.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class SeminarBulkModerationTest {

    @TestHTTPResource("/")
    URL app;

    @Inject
    EntityManager em;

    @Test
    void aSeminarsBulkDecisionTakesOnlyThatSeminarsComments() {
        long q = questionId("Why now?");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SeminarFixtures.Made mine = SeminarFixtures.create("tutor", "Bulk own " + tag, Map.of("premoderation", true));
        SeminarFixtures.Made other = SeminarFixtures.create("admin", "Bulk other " + tag, Map.of("premoderation", true));
        SeminarFixtures.join("alice", mine.code());
        SeminarFixtures.join("alice", other.code());
        long held = SeminarFixtures.post("alice", mine.id(), q, "Held here " + tag, null);
        long heldElsewhere = SeminarFixtures.post("alice", other.id(), q, "Held in the other seminar " + tag, null);
        long heldInPublic = Api.withPremoderation(em, () -> Api.comment("alice", q, "Held in public " + tag, null));
        assertThat(List.of(status(held), status(heldElsewhere), status(heldInPublic))).containsOnly("pending");

        String queue = "/seminars/" + mine.id() + "/moderation?state=pending";
        for (String who : List.of("mod", "tutor")) {
            Session session = BrowserlessLogin.signIn(app.toString(), "/login?redirect=" + queue, who, who);
            String csrf = session.document().select("form.bulk input[name=" + RoleClient.CSRF_FIELD + "]").val();
            assertThat(csrf).as("the queue's bulk form").isNotBlank();
            for (long foreign : List.of(heldElsewhere, heldInPublic)) {
                Page refused = bulk(session, mine.id(), csrf, held, foreign);
                assertThat(refused.status()).as(who + " naming comment " + foreign).isEqualTo(404);
                assertThat(List.of(status(held), status(heldElsewhere), status(heldInPublic))).as("nothing changed").containsOnly("pending");
            }
        }

        Session tutor = BrowserlessLogin.signIn(app.toString(), "/login?redirect=" + queue, "tutor", "tutor");
        String csrf = tutor.document().select("form.bulk input[name=" + RoleClient.CSRF_FIELD + "]").val();
        Page approved = bulk(tutor, mine.id(), csrf, held);
        assertThat(approved.status()).isEqualTo(303);
        assertThat(status(held)).isEqualTo("published");
        assertThat(List.of(status(heldElsewhere), status(heldInPublic))).containsOnly("pending");
    }

    private static Page bulk(Session session, long seminar, String csrf, long... ids) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry(RoleClient.CSRF_FIELD, csrf));
        form.add(Map.entry("state", "pending"));
        form.add(Map.entry("action", "approve"));
        for (long id : ids) {
            form.add(Map.entry("ids", Long.toString(id)));
        }
        return session.request("POST", "/seminars/" + seminar + "/moderation/bulk", form, false);
    }

    private static String status(long comment) {
        return as("admin").get("/api/comments/" + comment).then().statusCode(200).extract().jsonPath().getString("status");
    }
}
