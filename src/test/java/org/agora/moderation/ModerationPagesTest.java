package org.agora.moderation;

import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The moderators' pages and the thread's moderation controls, through the forms, as a browser without JavaScript. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class ModerationPagesTest {

    @TestHTTPResource("/")
    URL app;

    @Inject
    EntityManager em;

    @AfterEach
    void reset() {
        ModerationApiTest.resetModerationSettings(em);
    }

    @Test
    void aModeratorWorksTheQueueAndTheThreadThroughTheForms() {
        long q = questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + q;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update article set premoderation = true").executeUpdate());
        String text = "Held for the queue " + UUID.randomUUID();
        long held = ModerationApiTest.post("alice", q, text);

        Session mod = BrowserlessLogin.signIn(base(), "/login?redirect=" + URLEncoder.encode("/moderation?state=pending", StandardCharsets.UTF_8), "mod", "mod");
        assertThat(mod.status()).isEqualTo(200);
        assertThat(Integer.parseInt(mod.document().select(".mod-nav .count-pending").text())).isPositive();
        assertThat(mod.document().select("#q-" + held + " .body").text()).isEqualTo(text);
        assertThat(mod.document().select("#q-" + held + " .context").text()).contains("Why now?");
        assertThat(mod.document().select("#q-" + held + " .author-history").text()).contains("alice");
        Page none = mod.submit("form.bulk", Map.of("action", "approve"));
        assertThat(none.document().select(".flash").text()).isEqualTo("Nothing was changed: Tick at least one comment.");
        Page approved = mod.submit(none, "form.bulk", Map.of("ids", Long.toString(held), "action", "approve"));
        assertThat(approved.document().select(".flash").text()).isEqualTo("1 comment approved.");
        assertThat(approved.document().select("#q-" + held)).isEmpty();

        // on the thread: remove, then restore, then pin, with the buttons the Guardian allows
        Page page = mod.get(thread);
        assertThat(page.document().select("#c-" + held + " .body").text()).isEqualTo(text);
        Page removed = mod.submit(page, "#c-" + held + " form:has(input[value=remove])", Map.of());
        assertThat(removed.document().select("#c-" + held + " .tombstone").text()).isEqualTo("[removed by a moderator]");
        Page restored = mod.submit(removed, "#c-" + held + " form:has(input[value=restore])", Map.of());
        assertThat(restored.document().select("#c-" + held + " .body").text()).isEqualTo(text);
        Page locked = mod.submit(restored, ".mod-actions form:has(input[value=lock])", Map.of());
        assertThat(locked.document().select(".question-bar .locked")).isNotEmpty();

        // the audit log, filtered, shows what the moderator did
        Page log = mod.get("/moderation/log?member=alice&action=restore");
        assertThat(log.document().select("table.audit tbody tr").first().text()).contains("mod").contains("restore").contains(Long.toString(held));

        // the word lists form
        Page words = mod.submit(mod.get("/moderation/words"), "form.words", Map.of("banned", "Scumbag\nvile  phrase", "suspect", "crypto"));
        assertThat(words.document().select(".flash").text()).isEqualTo("The word lists are saved.");
        assertThat(words.document().select("#banned").text()).contains("scumbag").contains("vile phrase");

        // the sanctions form
        Page warned = mod.submit(mod.get("/moderation/members/alice"), "form.sanction", Map.of("kind", "warn", "reason", "Mind the tone"));
        assertThat(warned.document().select(".flash").text()).contains("warn for alice");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from sanction where member_id in (select id from member where username = 'alice')").executeUpdate());
    }

    @Test
    void membersReportThroughTheFormAndSeeNoModerationControls() {
        long q = questionId("Why now?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + q;
        long bobs = ModerationApiTest.post("bob", q, "Report me " + UUID.randomUUID());
        Session alice = BrowserlessLogin.signIn(base(), "/login?redirect=" + URLEncoder.encode(thread, StandardCharsets.UTF_8), "alice", "alice");
        assertThat(alice.document().select(".mod-nav")).isEmpty();
        assertThat(alice.document().select(".mod-actions")).isEmpty();
        Page noNote = alice.submit("#c-" + bobs + " form.report-form", Map.of("reason", "other"));
        assertThat(noNote.document().select(".flash").text()).isEqualTo("Please say what is wrong with this comment.");
        Page reported = alice.submit(noNote, "#c-" + bobs + " form.report-form", Map.of("reason", "off_topic"));
        assertThat(reported.document().select(".flash").text()).contains("The moderators will look at your report");
        assertThat(reported.document().select("#c-" + bobs + " form.report-form")).isNotEmpty(); // the Guardian can't know; the database refuses
        Page again = alice.submit(reported, "#c-" + bobs + " form.report-form", Map.of("reason", "spam"));
        assertThat(again.document().select(".flash").text()).isEqualTo("You already reported this comment.");
        assertThat(alice.get("/moderation?state=reported").status()).isEqualTo(403);
        as("mod").get("/api/moderation/queue?state=reported").then().statusCode(200);

        // alice is told in-app when a moderator decides about her comment
        long alices = ModerationApiTest.post("alice", q, "Notify me " + UUID.randomUUID());
        ModerationApiTest.act("mod", alices, "remove", "spam", 200);
        Page notifications = alice.get("/notifications");
        assertThat(notifications.document().select("ul.notifications li").first().text()).contains("removed your comment");
        Page read = alice.submit(notifications, "form[action=/notifications/read]", Map.of());
        assertThat(read.document().select("ul.notifications li.unread")).isEmpty();
    }

    private String base() {
        String url = app.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
