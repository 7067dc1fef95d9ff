package org.agora.seminar;

import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.junit.jupiter.api.Test;

/**
 * Replies and @mentions inside a seminar, with pseudonyms: in an anonymous seminar alice and bob know each other only
 * as "Student N". Replies and mentions notify members only, under the names the reader sees in the seminar; a
 * student's autocomplete offers pseudonyms and matches nothing by real name; no real name reaches a student through
 * autocomplete JSON, notification JSON, the notifications page or the export; and neither a non-member nor a
 * public-thread mention of a pseudonym notifies anyone.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class SeminarMentionsTest {

    @TestHTTPResource("/")
    URL app;

    record World(long seminar, long question, int aliceNumber, int bobNumber, String prefix) {
    }

    private static World anonymousSeminar() {
        SeminarFixtures.Made s = SeminarFixtures.create("tutor", "Pseudonymous " + UUID.randomUUID(), Map.of("anonymous", true));
        SeminarFixtures.join("alice", s.code());
        SeminarFixtures.join("bob", s.code());
        List<Map<String, Object>> members = as("tutor").get("/api/seminars/" + s.id()).then().statusCode(200).extract().jsonPath().getList("members");
        int alice = number(members, "alice");
        int bob = number(members, "bob");
        return new World(s.id(), questionId("Why now?"), alice, bob, "/seminars/" + s.id() + "/");
    }

    private static int number(List<Map<String, Object>> members, String username) {
        return members.stream().filter(m -> username.equals(m.get("username"))).map(m -> ((Number) m.get("pseudonym")).intValue())
                .findFirst().orElseThrow();
    }

    @Test
    void aStudentsAutocompleteOffersPseudonymsOnlyAndOutsidersGetNothing() {
        World w = anonymousSeminar();
        String all = as("alice").get("/api/members?prefix=&seminar=" + w.seminar()).then().statusCode(200).extract().asString();
        List<Map<String, Object>> offered = new JsonPath(all).getList("");
        assertThat(offered).extracting(m -> m.get("mention")).contains("Student-" + w.bobNumber(), "tutor")
                .doesNotContain("Student-" + w.aliceNumber(), "bob", "carol");
        assertThat(all).doesNotContainIgnoringCase("bob");
        assertThat(offered).filteredOn(m -> !"tutor".equals(m.get("mention")))
                .allSatisfy(m -> assertThat(m.get("username")).isNull()).allSatisfy(m -> assertThat(m.get("name")).isNull());
        // typing a real name finds nothing (it would tell who is in the seminar); the pseudonym finds the peer
        assertThat(as("alice").get("/api/members?prefix=bo&seminar=" + w.seminar()).then().statusCode(200).extract().jsonPath()
                .getList("")).isEmpty();
        assertThat(as("alice").get("/api/members?prefix=@student-" + w.bobNumber() + "&seminar=" + w.seminar()).then().statusCode(200)
                .extract().jsonPath().getList("mention", String.class)).contains("Student-" + w.bobNumber());
        // the tutor sees the real name beside the pseudonym, and may type it
        List<Map<String, Object>> tutors = as("tutor").get("/api/members?prefix=bo&seminar=" + w.seminar()).then().statusCode(200)
                .extract().jsonPath().getList("");
        assertThat(tutors).anySatisfy(m -> assertThat(m).containsEntry("mention", "Student-" + w.bobNumber()).containsEntry("username", "bob"));
        // outsiders: the same 404 as a missing seminar; public autocomplete never offers a pseudonym
        as("carol").get("/api/members?prefix=&seminar=" + w.seminar()).then().statusCode(404);
        as("carol").get("/api/members?prefix=&seminar=987654321").then().statusCode(404);
        assertThat(as("carol").get("/api/members?prefix=Student-" + w.bobNumber()).then().statusCode(200).extract().jsonPath()
                .getList("mention", String.class)).doesNotContain("Student-" + w.bobNumber());
    }

    @Test
    void repliesAndMentionsNotifyMembersUnderTheirPseudonymsAndNobodyElse() {
        World w = anonymousSeminar();
        String tag = UUID.randomUUID().toString();
        long answer = SeminarFixtures.post("alice", w.seminar(), w.question(), "Seminar answer " + tag, null);
        long reply = SeminarFixtures.reply("bob", w.seminar(), w.question(), answer, "A reply to a peer " + tag);
        List<Map<String, Object>> toAlice = seminarNotifications("alice", w);
        assertThat(toAlice).anySatisfy(n -> {
            assertThat(n).containsEntry("kind", "reply").containsEntry("link", w.prefix() + "questions/" + w.question() + "#c-" + reply);
            assertThat((String) n.get("text")).startsWith("Student " + w.bobNumber() + " replied to you");
        });

        // bob mentions alice by pseudonym (notifies her), alice by username (a student can't), and carol (not a member)
        long byPseudonym = SeminarFixtures.post("bob", w.seminar(), w.question(), "Agree with @Student-" + w.aliceNumber() + " and @carol " + tag, null);
        long byUsername = SeminarFixtures.post("bob", w.seminar(), w.question(), "What does @alice think? " + tag, null);
        toAlice = seminarNotifications("alice", w);
        assertThat(toAlice).anySatisfy(n -> assertThat(n).containsEntry("kind", "mention").containsEntry("link",
                w.prefix() + "questions/" + w.question() + "#c-" + byPseudonym));
        assertThat(toAlice).noneSatisfy(n -> assertThat((String) n.get("link")).endsWith("#c-" + byUsername));
        assertThat(seminarNotifications("carol", w)).isEmpty();

        // the tutor mentions both, bob by username: alice's excerpt names him by pseudonym only
        long tutors = SeminarFixtures.post("tutor", w.seminar(), w.question(),
                "@bob and @Student-" + w.aliceNumber() + ", compare your answers " + tag, null);
        assertThat(seminarNotifications("bob", w)).anySatisfy(n -> assertThat((String) n.get("link")).endsWith("#c-" + tutors));
        assertThat(seminarNotifications("alice", w)).anySatisfy(n -> {
            assertThat((String) n.get("link")).endsWith("#c-" + tutors);
            assertThat((String) n.get("text")).startsWith("tutor (tutor) mentioned you").contains("@Student-" + w.bobNumber());
        });
        // in the thread itself too: the tutor typed bob's username, the seminar stores and shows his pseudonym
        List<Map<String, Object>> thread = as("alice").get("/api/seminars/" + w.seminar() + "/questions/" + w.question() + "/comments")
                .then().statusCode(200).extract().jsonPath().getList("");
        assertThat(thread).filteredOn(c -> ((Number) c.get("id")).longValue() == tutors).singleElement().satisfies(c -> {
            assertThat(c.toString()).contains("@Student-" + w.bobNumber()).doesNotContainIgnoringCase("@bob");
        });

        // a pseudonym means nothing in a public thread: it mentions nobody (followers of the question still hear of an answer)
        long open = Api.comment("alice", w.question(), "Public @Student-" + w.bobNumber() + " " + tag, null);
        List<Map<String, Object>> bobs = as("bob").get("/api/me/notifications").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(bobs).filteredOn(n -> String.valueOf(n.get("link")).endsWith("#c-" + open)).noneMatch(n -> "mention".equals(n.get("kind")));

        // no real name reaches alice: notification JSON, the notifications page, the export
        assertThat(seminarNotifications("alice", w)).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(n -> assertThat((String) n.get("text")).doesNotContainIgnoringCase("bob"));
        var page = BrowserlessLogin.signIn(app.toString().replaceAll("/$", ""), "/login?redirect=/notifications", "alice", "alice");
        var items = page.document().select("ul.notifications li:has(a[href^=" + w.prefix() + "])");
        assertThat(items).hasSizeGreaterThanOrEqualTo(3);
        assertThat(items.text()).doesNotContainIgnoringCase("bob");
        List<Map<String, Object>> exported = as("alice").get("/api/me/export").then().statusCode(200).extract().jsonPath().getList("notifications");
        assertThat(exported).filteredOn(n -> String.valueOf(n.get("link")).startsWith(w.prefix())).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(n -> assertThat((String) n.get("text")).doesNotContainIgnoringCase("bob"));
    }

    @Test
    void aRemovedMemberIsNoLongerNotified() {
        World w = anonymousSeminar();
        long answer = SeminarFixtures.post("bob", w.seminar(), w.question(), "Soon removed " + UUID.randomUUID(), null);
        as("tutor").delete("/api/seminars/" + w.seminar() + "/members/bob").then().statusCode(204);
        long reply = SeminarFixtures.reply("alice", w.seminar(), w.question(), answer, "Replying to a removed member @Student-" + w.bobNumber());
        assertThat(seminarNotifications("bob", w)).noneSatisfy(n -> assertThat((String) n.get("link")).endsWith("#c-" + reply));
    }

    @Test
    void aHeldSeminarReplyNotifiesOnlyOnceTheTutorApprovesIt() {
        SeminarFixtures.Made s = SeminarFixtures.create("tutor", "Held " + UUID.randomUUID(), Map.of("anonymous", true, "premoderation", true));
        SeminarFixtures.join("alice", s.code());
        SeminarFixtures.join("bob", s.code());
        World w = new World(s.id(), questionId("Why now?"), 0, 0, "/seminars/" + s.id() + "/");
        long answer = SeminarFixtures.post("alice", s.id(), w.question(), "Held answer " + UUID.randomUUID(), null);
        approve(answer);
        long reply = SeminarFixtures.reply("bob", s.id(), w.question(), answer, "Held reply " + UUID.randomUUID());
        assertThat(seminarNotifications("alice", w)).noneSatisfy(n -> assertThat((String) n.get("link")).endsWith("#c-" + reply));
        approve(reply);
        assertThat(seminarNotifications("alice", w)).filteredOn(n -> ((String) n.get("link")).endsWith("#c-" + reply)).hasSize(1)
                .allSatisfy(n -> assertThat((String) n.get("text")).startsWith("Student ").doesNotContainIgnoringCase("bob"));
    }

    private static void approve(long comment) {
        as("tutor").body(Map.of("action", "approve")).post("/api/moderation/comments/" + comment + "/actions").then().statusCode(200);
    }

    private static List<Map<String, Object>> seminarNotifications(String user, World w) {
        List<Map<String, Object>> all = as(user).get("/api/me/notifications").then().statusCode(200).extract().jsonPath().getList("");
        return all.stream().filter(n -> String.valueOf(n.get("link")).startsWith(w.prefix())).toList();
    }
}
