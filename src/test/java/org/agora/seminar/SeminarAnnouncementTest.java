package org.agora.seminar;

import static org.agora.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.BrowserlessLogin;
import org.junit.jupiter.api.Test;

/**
 * Seminar announcements end to end: the tutor posts (form with CSRF, and JSON), Markdown is sanitised as in comments,
 * every current member is notified with a link to the seminar (a removed member, the author and outsiders are not),
 * the action is audited, and students, outsiders and an archived seminar are refused.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class SeminarAnnouncementTest {

    @TestHTTPResource("/")
    URL app;

    @Test
    void theTutorsAnnouncementReachesEveryCurrentMemberAndNobodyElse() {
        String name = "Announcing " + UUID.randomUUID();
        SeminarFixtures.Made s = SeminarFixtures.create("tutor", name, Map.of("anonymous", true));
        SeminarFixtures.join("alice", s.code());
        SeminarFixtures.join("bob", s.code());
        SeminarFixtures.join("carol", s.code());
        as("tutor").delete("/api/seminars/" + s.id() + "/members/carol").then().statusCode(204);

        String marker = "Read chapter " + UUID.randomUUID();
        JsonPath made = as("tutor").body(Map.of("body", "**" + marker + "** <script>alert(1)</script>"))
                .post("/api/seminars/" + s.id() + "/announcements").then().statusCode(201).extract().jsonPath();
        long id = made.getLong("id");
        assertThat(made.getString("bodyHtml")).contains("<strong>" + marker + "</strong>").doesNotContain("<script");
        assertThat(made.getString("author")).startsWith("tutor");

        String link = "/seminars/" + s.id() + "#announcement-" + id;
        for (String member : List.of("alice", "bob")) {
            List<Map<String, Object>> mine = announcementsFor(member, link);
            assertThat(mine).as(member + "'s notifications").hasSize(1);
            assertThat((String) mine.get(0).get("text")).contains(name).contains(marker);
        }
        for (String other : List.of("carol", "tutor", "mod")) {
            assertThat(announcementsFor(other, link)).as(other + "'s notifications").isEmpty();
        }
        // members read it on the seminar's API and page; the audit log has it, in the seminar
        assertThat(as("bob").get("/api/seminars/" + s.id() + "/announcements").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(id);
        List<Map<String, Object>> log = as("admin").get("/api/moderation/log?action=announce").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertThat(log).anyMatch(e -> String.valueOf(s.id()).equals(e.get("targetId")) && "tutor".equals(e.get("actor"))
                && String.valueOf(e.get("after")).contains("\"announcement\":" + id));
        // the author's data export holds it
        List<Map<String, Object>> exported = as("tutor").get("/api/me/export").then().statusCode(200).extract().jsonPath()
                .getList("seminarAnnouncements");
        assertThat(exported).anySatisfy(a -> assertThat(((Number) a.get("id")).longValue()).isEqualTo(id));
    }

    @Test
    void theFormPostsAnAnnouncementThatTheSeminarPageLists() {
        SeminarFixtures.Made s = SeminarFixtures.create("tutor", "Announcing by form " + UUID.randomUUID(), Map.of());
        SeminarFixtures.join("alice", s.code());
        String base = app.toString().replaceAll("/$", "");
        var tutor = BrowserlessLogin.signIn(base, "/login?redirect=/seminars/" + s.id(), "tutor", "tutor");
        String marker = "Bring the reader " + UUID.randomUUID();
        var page = tutor.submit("form.announcement-form", Map.of("body", marker));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.redirects()).anyMatch(h -> h.status() == 303);
        assertThat(page.document().select("ol.announcements li .body").text()).contains(marker);
        assertThat(page.document().select("p.flash").text()).isNotBlank();
        // a student sees the list but no form
        var alice = BrowserlessLogin.signIn(base, "/login?redirect=/seminars/" + s.id(), "alice", "alice");
        assertThat(alice.document().select("ol.announcements li .body").text()).contains(marker);
        assertThat(alice.document().select("form.announcement-form")).isEmpty();
        // an empty announcement comes back with the reason, and nothing is posted
        var refused = tutor.submit(tutor.get("/seminars/" + s.id()), "form.announcement-form", Map.of("body", "   "));
        assertThat(refused.document().select("p.flash").text()).isNotBlank();
        assertThat(refused.document().select("ol.announcements li")).hasSize(1);
    }

    @Test
    void studentsOutsidersAndArchivedSeminarsAreRefused() {
        SeminarFixtures.Made s = SeminarFixtures.create("tutor", "Announcing refused " + UUID.randomUUID(), Map.of());
        SeminarFixtures.join("alice", s.code());
        String path = "/api/seminars/" + s.id() + "/announcements";
        as("alice").body(Map.of("body", "I am no tutor")).post(path).then().statusCode(403);
        as("bob").body(Map.of("body", "I am not even in it")).post(path).then().statusCode(404);
        as("bob").get(path).then().statusCode(404);
        as("tutor").body(Map.of("body", "x".repeat(10_001))).post(path).then().statusCode(400);
        as("tutor").body(Map.of()).post(path).then().statusCode(400);
        as("tutor").post("/api/seminars/" + s.id() + "/archive").then().statusCode(200);
        as("tutor").body(Map.of("body", "Too late")).post(path).then().statusCode(409);
        assertThat(as("alice").get(path).then().statusCode(200).extract().jsonPath().getList("")).isEmpty();
    }

    private static List<Map<String, Object>> announcementsFor(String user, String link) {
        List<Map<String, Object>> all = as(user).get("/api/me/notifications").then().statusCode(200).extract().jsonPath().getList("");
        return all.stream().filter(n -> "seminar_announcement".equals(n.get("kind")) && link.equals(n.get("link"))).toList();
    }
}
