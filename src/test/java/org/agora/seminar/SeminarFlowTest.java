package org.agora.seminar;

import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Seminars as a tutor and students use them: pseudonyms, the report, stances, deadline, freeze, reveal and compare. */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class SeminarFlowTest {

    /** Every way the demo realm names alice and bob: none may reach a peer in an anonymous seminar. */
    private static final List<String> REAL_NAMES = List.of("alice", "Alice", "Anders", "bob", "Bob", "Brown");

    @TestHTTPResource("/")
    URL app;

    @Inject
    EntityManager em;

    @Test
    void pseudonymsNeverLeakARealNameToPeers() {
        long q = questionId("Why now?");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SeminarFixtures.Made s = SeminarFixtures.create("tutor", "Anonymous " + tag, Map.of("anonymous", true, "stances", true));
        SeminarFixtures.join("alice", s.code());
        SeminarFixtures.join("bob", s.code());
        SeminarFixtures.join("carol", s.code());
        long alices = SeminarFixtures.post("alice", s.id(), q, "First view " + tag, "agree");
        long bobs = SeminarFixtures.reply("bob", s.id(), q, alices, "A reply " + tag);
        // a reply chain deeper than the nesting cap names its parent ("in reply to …")
        long parent = bobs;
        for (int i = 0; i < 6; i++) {
            parent = SeminarFixtures.reply(i % 2 == 0 ? "alice" : "bob", s.id(), q, parent, "Deep " + i + " " + tag);
        }

        // JSON: thread, one comment, the seminar's member list, as carol (a peer)
        String thread = as("carol").get("/api/seminars/" + s.id() + "/questions/" + q + "/comments").then().statusCode(200).extract().asString();
        String one = as("carol").get("/api/comments/" + bobs).then().statusCode(200).extract().asString();
        JsonPath seminar = as("carol").get("/api/seminars/" + s.id()).then().statusCode(200).extract().jsonPath();
        assertNoRealNames(thread + one + seminar.prettify());
        List<String> authors = JsonPath.from(thread).getList("author");
        assertThat(authors).allMatch(a -> a == null || a.matches("Student \\d+"));
        assertThat(seminar.getList("members.name")).hasSize(3).allMatch(n -> ((String) n).matches("Student \\d+"));
        assertThat(seminar.getString("joinCode")).isNull();
        assertThat(seminar.getString("you")).matches("Student \\d+");
        // the same student is the same pseudonym everywhere
        String alicePseudonym = as("alice").get("/api/seminars/" + s.id()).then().extract().jsonPath().getString("you");
        assertThat(JsonPath.from(thread).getString("find { it.id == " + alices + " }.author")).isEqualTo(alicePseudonym);

        // HTML, attributes included, and the participation CSV refused to a non-tutor without a name in the answer
        Session carol = BrowserlessLogin.signIn(base(), "/login?redirect=/seminars/" + s.id() + "/questions/" + q, "carol", "carol");
        assertThat(carol.status()).isEqualTo(200);
        assertThat(carol.document().select("#c-" + bobs + " .author").text()).matches("Student \\d+");
        assertNoRealNames(carol.body());
        assertNoRealNames(carol.get("/seminars/" + s.id()).body());
        assertNoRealNames(carol.get("/seminars/" + s.id() + "/questions/" + q + "?sort=both-sides").body());
        assertNoRealNames(onlyTheseSeminars(carol.get("/articles/" + Api.SEED_SLUG + "/compare").document(), s.id()));
        Page csv = carol.get("/seminars/" + s.id() + "/participation.csv");
        assertThat(csv.status()).isEqualTo(403);
        assertNoRealNames(csv.body());
        String apiCsv = as("carol").accept("text/csv").get("/api/seminars/" + s.id() + "/participation").then().statusCode(403)
                .extract().asString();
        assertNoRealNames(apiCsv);

        // notifications of a tutor's decision name nobody
        as("tutor").body(Map.of("action", "remove", "reason", "off_topic")).post("/api/moderation/comments/" + alices + "/actions")
                .then().statusCode(200);
        Session alice = BrowserlessLogin.signIn(base(), "/login?redirect=/notifications", "alice", "alice");
        String note = alice.document().select("ul.notifications li").first().text();
        assertThat(note).contains("removed your comment");
        assertThat(note).doesNotContain("tutor").doesNotContain("Tess").doesNotContain("bob");
        assertThat(alice.document().select("ul.notifications li a").first().attr("href")).startsWith("/seminars/" + s.id() + "/questions/" + q);

        // the tutor sees real names, with the pseudonyms beside them
        String tutorThread = as("tutor").get("/api/seminars/" + s.id() + "/questions/" + q + "/comments").then().statusCode(200).extract().asString();
        assertThat(JsonPath.from(tutorThread).getString("find { it.id == " + bobs + " }.author")).startsWith("bob (Student ");
        JsonPath tutorView = as("tutor").get("/api/seminars/" + s.id()).then().statusCode(200).extract().jsonPath();
        assertThat(tutorView.getList("members.username")).contains("alice", "bob", "carol");
        assertThat(tutorView.getString("joinCode")).isEqualTo(s.code());
    }

    @Test
    void participationReportMatchesWhatHappened() throws Exception {
        long q = questionId("Why now?");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SeminarFixtures.Made s = SeminarFixtures.create("tutor", "Report " + tag,
                Map.of("anonymous", true, "stances", true, "deadline", "2026-01-10T12:00:00Z"));
        SeminarFixtures.join("alice", s.code());
        SeminarFixtures.join("bob", s.code());
        long a1 = SeminarFixtures.post("alice", s.id(), q, "Cities don't sleep; well-known fact.", "agree");   // 5 words
        long b1 = SeminarFixtures.reply("bob", s.id(), q, a1, "I disagree — **strongly**.");                  // 3 words, peer
        long a2 = SeminarFixtures.reply("alice", s.id(), q, b1, "Why?");                                       // 1 word, peer
        long t1 = SeminarFixtures.reply("tutor", s.id(), q, a1, "Good point, both of you.");                   // not graded
        long b2 = SeminarFixtures.reply("bob", s.id(), q, t1, "Thanks");                                       // 1 word, not a peer
        long held = SeminarFixtures.post("bob", s.id(), q, "Withdrawn later", null);
        as("bob").delete("/api/comments/" + held).then().statusCode(204);                                      // deleted: not counted
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + a1 + "/vote").then().statusCode(200);
        as("tutor").body(Map.of("value", 1)).put("/api/comments/" + a1 + "/vote").then().statusCode(200);
        as("alice").body(Map.of("value", -1)).put("/api/comments/" + b1 + "/vote").then().statusCode(200);
        setTime(a1, "2026-01-08T09:00:00Z");
        setTime(b1, "2026-01-08T10:00:00Z");
        setTime(a2, "2026-01-10T12:00:00Z");   // at the deadline: late
        setTime(t1, "2026-01-09T09:00:00Z");
        setTime(b2, "2026-01-09T15:00:00Z");

        JsonPath report = as("tutor").get("/api/seminars/" + s.id() + "/participation").then().statusCode(200).extract().jsonPath();
        Map<String, Object> alice = report.getMap("students.find { it.username == 'alice' }");
        Map<String, Object> bob = report.getMap("students.find { it.username == 'bob' }");
        assertThat(alice).containsEntry("comments", 2).containsEntry("repliesToPeers", 1).containsEntry("questionsAnswered", 1)
                .containsEntry("words", 6).containsEntry("score", 2).containsEntry("agree", 1).containsEntry("postsAfterDeadline", 1)
                .containsEntry("firstPost", "2026-01-08T09:00:00Z").containsEntry("lastPost", "2026-01-10T12:00:00Z");
        assertThat(bob).containsEntry("comments", 2).containsEntry("repliesToPeers", 1).containsEntry("questionsAnswered", 0)
                .containsEntry("words", 4).containsEntry("score", -1).containsEntry("postsAfterDeadline", 0)
                .containsEntry("firstPost", "2026-01-08T10:00:00Z").containsEntry("lastPost", "2026-01-09T15:00:00Z");
        assertThat(report.getMap("totals")).containsEntry("students", 2).containsEntry("activeStudents", 2).containsEntry("comments", 4)
                .containsEntry("repliesToPeers", 2).containsEntry("questionsAnswered", 1).containsEntry("words", 10)
                .containsEntry("score", 1).containsEntry("postsAfterDeadline", 1);

        // the CSV, as the tutor downloads it: BOM, real names for the tutor, the same figures
        byte[] bytes = as("tutor").accept("text/csv").get("/api/seminars/" + s.id() + "/participation").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asByteArray();
        String csv = new String(bytes, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF");
        List<CSVRecord> rows = CSVParser.parse(csv.substring(1), CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()).getRecords();
        CSVRecord aliceRow = rows.stream().filter(r -> r.get("username").equals("alice")).findFirst().orElseThrow();
        assertThat(aliceRow.get("student")).isEqualTo("Alice Anders");
        assertThat(List.of(aliceRow.get("comments"), aliceRow.get("words"), aliceRow.get("score"), aliceRow.get("posts_after_deadline"),
                aliceRow.get("first_post_utc"))).containsExactly("2", "6", "2", "1", "2026-01-08 09:00:00");

        // the page: sortable, with class totals and the inline SVG chart
        Session tutor = BrowserlessLogin.signIn(base(), "/login?redirect=/seminars/" + s.id() + "/participation?sort=words%26dir=desc",
                "tutor", "tutor");
        Page page = tutor.get("/seminars/" + s.id() + "/participation?sort=words&dir=desc");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("table.participation tbody tr th.name").eachText())
                .first().asString().startsWith("Alice Anders");
        assertThat(page.document().select("th[aria-sort=descending]").text()).contains("Words");
        assertThat(page.document().select(".t-words").text()).isEqualTo("10");
        assertThat(page.document().select("svg.activity-chart rect.bar")).hasSize(3);
        assertThat(page.document().select("svg.activity-chart title").first().text()).contains("4 in all");
        Page download = tutor.get("/seminars/" + s.id() + "/participation.csv");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).contains("attachment").contains(".csv");
    }

    @Test
    void stancesSplitAndBothSidesAlternates() {
        long q = questionId("Why now?");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SeminarFixtures.Made s = SeminarFixtures.create("tutor", "Stances " + tag, Map.of("stances", true));
        SeminarFixtures.join("alice", s.code());
        SeminarFixtures.join("bob", s.code());
        long agreeBest = SeminarFixtures.post("alice", s.id(), q, "Agree, best " + tag, "agree");
        long agreeNext = SeminarFixtures.post("bob", s.id(), q, "Agree, next " + tag, "agree");
        long disagree = SeminarFixtures.post("tutor", s.id(), q, "Disagree " + tag, "disagree");
        long depends = SeminarFixtures.post("bob", s.id(), q, "Depends " + tag, "it-depends");
        long none = SeminarFixtures.post("alice", s.id(), q, "No stance " + tag, null);
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + agreeBest + "/vote").then().statusCode(200);
        as("tutor").body(Map.of("value", 1)).put("/api/comments/" + agreeBest + "/vote").then().statusCode(200);
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + none + "/vote").then().statusCode(200);

        List<Long> order = as("alice").get("/api/seminars/" + s.id() + "/questions/" + q + "/comments?sort=both-sides").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.depth == 0 }.id", Long.class);
        assertThat(order).containsExactly(agreeBest, disagree, depends, agreeNext, none);
        JsonPath activity = as("alice").get("/api/seminars/" + s.id() + "/articles/" + Api.SEED_SLUG).then().statusCode(200).extract().jsonPath();
        assertThat(activity.getMap("questions.find { it.id == " + q + " }.stances")).containsEntry("agree", 2)
                .containsEntry("disagree", 1).containsEntry("depends", 1);
        assertThat(activity.getInt("questions.find { it.id == " + q + " }.answers")).isEqualTo(5);

        // a stance belongs to answers only, in seminars that use them, and must be one of three
        as("alice").body(Map.of("body", "Reply", "parentId", agreeNext, "stance", "agree"))
                .post("/api/seminars/" + s.id() + "/questions/" + q + "/comments").then().statusCode(400).body("field", org.hamcrest.Matchers.is("stance"));
        as("alice").body(Map.of("body", "Hm", "stance", "maybe"))
                .post("/api/seminars/" + s.id() + "/questions/" + q + "/comments").then().statusCode(400);
        SeminarFixtures.Made plain = SeminarFixtures.create("tutor", "No stances " + tag, Map.of());
        SeminarFixtures.join("alice", plain.code());
        as("alice").body(Map.of("body", "Hm", "stance", "agree"))
                .post("/api/seminars/" + plain.id() + "/questions/" + q + "/comments").then().statusCode(400);

        // the tutor writes the claim stances refer to; it is audited, and shown on the thread
        Session tutor = BrowserlessLogin.signIn(base(), "/login?redirect=/seminars/" + s.id() + "/questions/" + q, "tutor", "tutor");
        Page saved = tutor.submit("form.claim-form", Map.of("claim", "Now is the right time " + tag));
        assertThat(saved.firstStatus()).isEqualTo(303);
        assertThat(saved.document().select(".premise").text()).contains("Now is the right time " + tag);
        assertThat(as("mod").get("/api/moderation/log?actor=tutor&action=set_claim").then().statusCode(200).extract().asString())
                .contains("Now is the right time " + tag);
        // the answer form offers the stances as radio buttons, one fieldset with a legend
        Session alice = BrowserlessLogin.signIn(base(), "/login?redirect=/seminars/" + s.id() + "/questions/" + q, "alice", "alice");
        Page posted = alice.submit("form.comment-form", Map.of("body", "Through the form " + tag, "stance", "disagree"));
        assertThat(posted.firstStatus()).isEqualTo(303);
        assertThat(posted.document().select(".flash").text()).isEqualTo("Your answer is posted.");
        assertThat(posted.document().select(".comment:contains(Through the form " + tag + ") .stance").text()).isEqualTo("Disagree");
    }

    @Test
    void deadlineFreezeRevealAndCompare() {
        long q = questionId("Why now?");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SeminarFixtures.Made past = SeminarFixtures.create("tutor", "Past deadline " + tag,
                Map.of("anonymous", true, "stances", true, "deadline", "2026-01-10T12:00:00Z"));
        SeminarFixtures.Made other = SeminarFixtures.create("admin", "Other group " + tag, Map.of());
        SeminarFixtures.join("alice", past.code());
        SeminarFixtures.join("bob", past.code());
        SeminarFixtures.join("carol", other.code());
        long answer = SeminarFixtures.post("alice", past.id(), q, "Late but allowed " + tag, "agree");   // after the deadline: allowed
        long carols = SeminarFixtures.post("carol", other.id(), q, "Carol's group " + tag, null);
        long publicCount = Api.anonymous().get("/api/articles/" + Api.SEED_SLUG).then().extract().jsonPath()
                .getLong("questions.find { it.id == " + q + " }.commentCount");

        // before the reveal, the other group sees nothing of it, and compare shows carol her own group only
        as("carol").get("/api/seminars/" + past.id() + "/questions/" + q + "/comments").then().statusCode(404);
        JsonPath compare = as("carol").get("/api/articles/" + Api.SEED_SLUG + "/compare").then().statusCode(200).extract().jsonPath();
        assertThat(compare.getList("seminars.id", Long.class)).contains(other.id()).doesNotContain(past.id());
        assertThat(compare.getList("seminars.id", Long.class)).allMatch(id -> id == other.id() || revealedOrCarols(id));

        // freezing needs the deadline to have passed; then the threads are read-only for students
        SeminarFixtures.Made future = SeminarFixtures.create("tutor", "Future deadline " + tag, Map.of("deadline", "2099-01-01T00:00:00Z"));
        as("tutor").body(Map.of("frozen", true)).post("/api/seminars/" + future.id() + "/freeze").then().statusCode(409);
        as("tutor").body(Map.of("frozen", true)).post("/api/seminars/" + past.id() + "/freeze").then().statusCode(200).body("frozen", org.hamcrest.Matchers.is(true));
        as("alice").body(Map.of("body", "Too late " + tag)).post("/api/seminars/" + past.id() + "/questions/" + q + "/comments").then().statusCode(403);
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + answer + "/vote").then().statusCode(403);
        as("alice").body(Map.of("body", "Edited")).patch("/api/comments/" + answer).then().statusCode(403);
        as("alice").get("/api/seminars/" + past.id() + "/questions/" + q + "/comments").then().statusCode(200);
        Session bob = BrowserlessLogin.signIn(base(), "/login?redirect=/seminars/" + past.id() + "/questions/" + q, "bob", "bob");
        assertThat(bob.document().select("form.comment-form")).isEmpty();
        assertThat(bob.document().select("form.votes")).isEmpty();
        assertThat(bob.document().select(".closed").text()).contains("froze");

        // reveal: the other seminar's members read it (names pseudonymous), but can't take part
        as("tutor").post("/api/seminars/" + past.id() + "/reveal").then().statusCode(200).body("revealed", org.hamcrest.Matchers.is(true));
        as("tutor").post("/api/seminars/" + past.id() + "/reveal").then().statusCode(409);
        String read = as("carol").get("/api/seminars/" + past.id() + "/questions/" + q + "/comments").then().statusCode(200).extract().asString();
        assertThat(read).contains("Late but allowed " + tag);
        assertNoRealNames(read);
        as("carol").get("/api/seminars/" + past.id() + "/participation").then().statusCode(403);
        as("tutor").body(Map.of("frozen", false)).post("/api/seminars/" + past.id() + "/freeze").then().statusCode(200);
        as("carol").body(Map.of("body", "Joining in")).post("/api/seminars/" + past.id() + "/questions/" + q + "/comments").then().statusCode(403);
        as("carol").body(Map.of("value", 1)).put("/api/comments/" + answer + "/vote").then().statusCode(403);
        // ... while someone in no seminar on the article still gets a 404
        as("mod").get("/api/seminars/" + past.id()).then().statusCode(200);   // moderators see every seminar
        // the tutor of the revealed seminar doesn't see into the unrevealed other one
        as("tutor").get("/api/seminars/" + other.id() + "/questions/" + q + "/comments").then().statusCode(404);

        JsonPath after = as("carol").get("/api/articles/" + Api.SEED_SLUG + "/compare").then().statusCode(200).extract().jsonPath();
        assertThat(after.getList("seminars.id", Long.class)).contains(other.id(), past.id());
        Map<String, Object> cell = after.getMap("questions.find { it.id == " + q + " }.cells.find { it.seminarId == " + past.id() + " }");
        assertThat(cell).containsEntry("answers", 1).containsEntry("comments", 1);
        assertThat(after.getInt("questions.find { it.id == " + q + " }.cells.find { it.seminarId == " + past.id() + " }.stances.agree")).isEqualTo(1);
        assertThat(after.getString("questions.find { it.id == " + q + " }.cells.find { it.seminarId == " + past.id() + " }.top[0].author"))
                .matches("Student \\d+");
        Session carol = BrowserlessLogin.signIn(base(), "/login?redirect=/articles/" + Api.SEED_SLUG + "/compare", "carol", "carol");
        assertThat(carol.document().select("#q-" + q + "-s-" + past.id() + " .answers").text()).isEqualTo("1");
        assertThat(carol.document().select("#q-" + q + "-s-" + other.id() + " .body").text()).contains("Carol's group " + tag);
        assertNoRealNames(onlyTheseSeminars(carol.document(), past.id(), other.id()).replace("carol", ""));

        // the public thread and count never moved
        assertThat(Api.anonymous().get("/api/articles/" + Api.SEED_SLUG).then().extract().jsonPath()
                .getLong("questions.find { it.id == " + q + " }.commentCount")).isEqualTo(publicCount);
        assertThat(carols).isPositive();
    }

    @Test
    void tutorRunsTheirSeminarAndEveryActionIsAudited() {
        long q = questionId("Why now?");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SeminarFixtures.Made s = SeminarFixtures.create("tutor", "Premoderated " + tag,
                Map.of("premoderation", true, "opensAt", "2099-01-01T00:00:00Z"));
        SeminarFixtures.join("alice", s.code());
        // not open yet for students; the tutor may already post (and isn't held)
        as("alice").body(Map.of("body", "Early")).post("/api/seminars/" + s.id() + "/questions/" + q + "/comments").then().statusCode(403);
        long tutors = SeminarFixtures.post("tutor", s.id(), q, "Welcome " + tag, null);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update seminar set opens_at = null where id = :s")
                .setParameter("s", s.id()).executeUpdate());
        long held = as("alice").body(Map.of("body", "Held " + tag)).post("/api/seminars/" + s.id() + "/questions/" + q + "/comments")
                .then().statusCode(201).body("status", org.hamcrest.Matchers.is("pending")).extract().jsonPath().getLong("id");
        // the held comment waits in the seminar's queue, not in the public one
        assertThat(as("mod").get("/api/moderation/queue?state=pending").then().statusCode(200).extract().jsonPath().getList("id", Long.class))
                .doesNotContain(held);
        Session tutor = BrowserlessLogin.signIn(base(), "/login?redirect=/seminars/" + s.id() + "/moderation?state=pending", "tutor", "tutor");
        assertThat(tutor.document().select("#q-" + held + " .body").text()).isEqualTo("Held " + tag);
        Page approved = tutor.submit("form.bulk", Map.of("ids", Long.toString(held), "action", "approve"));
        assertThat(approved.document().select(".flash").text()).isEqualTo("1 comment approved.");
        // pin, lock, rotate the code, remove a member, archive: each audited with the seminar
        Page thread = tutor.get("/seminars/" + s.id() + "/questions/" + q);
        Page pinned = tutor.submit(thread, "#c-" + held + " form:has(input[value=pin])", Map.of());
        assertThat(pinned.document().select("#c-" + held + ".pinned")).isNotEmpty();
        Page locked = tutor.submit(pinned, ".mod-actions form:has(input[value=lock])", Map.of());
        assertThat(locked.document().select(".question-bar .locked")).isNotEmpty();
        as("alice").body(Map.of("body", "Locked out")).post("/api/seminars/" + s.id() + "/questions/" + q + "/comments").then().statusCode(403);
        Page home = tutor.get("/seminars/" + s.id());
        String oldCode = home.document().select(".join-code").text();
        Page rotated = tutor.submit(home, "form[action=/seminars/" + s.id() + "/code]", Map.of());
        String newCode = rotated.document().select(".join-code").text();
        assertThat(newCode).isNotEqualTo(oldCode).hasSizeGreaterThanOrEqualTo(27);
        as("bob").body(Map.of("code", oldCode)).post("/api/seminars/join").then().statusCode(404);
        Page removed = tutor.submit(rotated, "#members form", Map.of());
        assertThat(removed.document().select(".flash").text()).contains("removed");
        as("alice").get("/api/seminars/" + s.id()).then().statusCode(404);
        as("alice").body(Map.of("code", newCode)).post("/api/seminars/join").then().statusCode(403);
        Page archived = tutor.submit(removed, "form[action=/seminars/" + s.id() + "/archive]", Map.of());
        assertThat(archived.document().select(".archived")).isNotEmpty();
        as("tutor").body(Map.of("body", "After archive")).post("/api/seminars/" + s.id() + "/questions/" + q + "/comments").then().statusCode(403);

        List<Map<String, Object>> log = as("admin").get("/api/moderation/log?actor=tutor").then().statusCode(200).extract().jsonPath().getList("");
        List<String> actions = log.stream().filter(e -> List.of(Long.toString(held), Long.toString(s.id()), Long.toString(q)).contains(e.get("targetId")))
                .map(e -> (String) e.get("action")).toList();
        assertThat(actions).contains("approve", "pin", "lock", "rotate_code", "remove_member", "archive", "create_seminar");
        Number seminarRows = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "select count(*) from mod_action where seminar_id = :s").setParameter("s", s.id()).getSingleResult());
        assertThat(seminarRows.intValue()).isGreaterThanOrEqualTo(7);
        assertThat(tutors).isPositive();
    }

    private boolean revealedOrCarols(long seminarId) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery("""
                        select s.revealed or exists (select 1 from seminar_member sm join member m on m.id = sm.member_id
                                                     where sm.seminar_id = s.id and m.username = 'carol' and sm.removed_at is null)
                        from seminar s where s.id = :s""").setParameter("s", seminarId).getSingleResult());
    }

    private void setTime(long commentId, String instant) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update comment set created_at = :t where id = :c")
                .setParameter("t", Instant.parse(instant)).setParameter("c", commentId).executeUpdate());
    }

    /**
     * The compare page without other tests' seminars: a revealed seminar that isn't anonymous rightly shows real names,
     * and other test classes (the authorization matrix) reveal such seminars on the same article.
     */
    private static String onlyTheseSeminars(org.jsoup.nodes.Document page, long... seminarIds) {
        org.jsoup.nodes.Document copy = page.clone();
        for (org.jsoup.nodes.Element cell : copy.select(".compare-cell")) {
            if (java.util.Arrays.stream(seminarIds).noneMatch(id -> cell.id().endsWith("-s-" + id))) {
                cell.remove();
            }
        }
        return copy.outerHtml();
    }

    private static void assertNoRealNames(String text) {
        for (String name : REAL_NAMES) {
            assertThat(text).as("no real name '%s' reaches a peer", name).doesNotContain(name);
        }
    }

    private String base() {
        String url = app.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
