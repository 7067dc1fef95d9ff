package org.agora.seminar;

import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Session;
import org.junit.jupiter.api.Test;

/**
 * The access matrix: for every seminar route, HTML and API, who gets in. Seminar B is run by admin, with bob as its
 * member; seminar A is run by tutor, with alice as its member. For seminar B: bob (member) and mod (moderator, global)
 * get in; alice (another seminar's member), tutor (another seminar's tutor), carol (signed in, in no seminar) and
 * anonymous get exactly what an id that doesn't exist gets, 404 for every seminar route, so nothing tells them B exists.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class SeminarAccessTest {

    private static final long NO_SUCH_ID = 987_654_321L;

    @TestHTTPResource("/")
    URL app;

    /** A route template: {s} the seminar, {q} the question, {c} a comment in the seminar, {m} bob's member id. */
    record Route(String method, String path, Map<String, Object> json) {
        String fill(long seminar, long question, long comment, long member) {
            return path.replace("{s}", Long.toString(seminar)).replace("{q}", Long.toString(question))
                    .replace("{c}", Long.toString(comment)).replace("{m}", Long.toString(member));
        }
    }

    private static Route api(String method, String path, Map<String, Object> json) {
        return new Route(method, path, json);
    }

    private static final List<Route> API_ROUTES = List.of(
            api("GET", "/api/seminars/{s}", null),
            api("GET", "/api/seminars/{s}/articles/" + Api.SEED_SLUG, null),
            api("GET", "/api/seminars/{s}/questions/{q}/comments", null),
            api("POST", "/api/seminars/{s}/questions/{q}/comments", Map.of("body", "Probing")),
            api("GET", "/api/seminars/{s}/participation", null),
            api("POST", "/api/seminars/{s}/reveal", null),
            api("POST", "/api/seminars/{s}/freeze", Map.of("frozen", true)),
            api("POST", "/api/seminars/{s}/archive", null),
            api("POST", "/api/seminars/{s}/code", null),
            api("DELETE", "/api/seminars/{s}/members/bob", null),
            api("GET", "/api/seminars/{s}/announcements", null),
            api("POST", "/api/seminars/{s}/announcements", Map.of("body", "Probing")),
            api("GET", "/api/comments/{c}", null),
            api("PATCH", "/api/comments/{c}", Map.of("body", "Probing")),
            api("DELETE", "/api/comments/{c}", null),
            api("PUT", "/api/comments/{c}/vote", Map.of("value", 1)),
            api("POST", "/api/comments/{c}/reports", Map.of("reason", "spam")),
            api("POST", "/api/moderation/comments/{c}/actions", Map.of("action", "pin")));

    private static final List<Route> HTML_GETS = List.of(
            api("GET", "/seminars/{s}", null),
            api("GET", "/seminars/{s}/articles/" + Api.SEED_SLUG, null),
            api("GET", "/seminars/{s}/questions/{q}", null),
            api("GET", "/seminars/{s}/questions/{q}?sort=both-sides", null),
            api("GET", "/seminars/{s}/participation", null),
            api("GET", "/seminars/{s}/participation.csv", null),
            api("GET", "/seminars/{s}/moderation", null),
            api("GET", "/comments/{c}/edit", null));

    private static final List<Route> HTML_POSTS = List.of(
            api("POST", "/seminars/{s}/questions/{q}/comments", Map.of("body", "Probing")),
            api("POST", "/seminars/{s}/questions/{q}/claim", Map.of("claim", "Probing")),
            api("POST", "/seminars/{s}/questions/{q}/lock", Map.of("action", "lock")),
            api("POST", "/seminars/{s}/reveal", Map.of()),
            api("POST", "/seminars/{s}/freeze", Map.of("action", "freeze")),
            api("POST", "/seminars/{s}/archive", Map.of()),
            api("POST", "/seminars/{s}/code", Map.of()),
            api("POST", "/seminars/{s}/members/{m}/remove", Map.of()),
            api("POST", "/seminars/{s}/announcements", Map.of("body", "Probing")),
            api("POST", "/seminars/{s}/moderation/bulk", Map.of("ids", "{c}", "action", "approve")),
            api("POST", "/comments/{c}/vote", Map.of("value", "1")),
            api("POST", "/comments/{c}/report", Map.of("reason", "spam")),
            api("POST", "/comments/{c}/edit", Map.of("body", "Probing")),
            api("POST", "/comments/{c}/delete", Map.of()),
            api("POST", "/moderation/comments/{c}/actions", Map.of("action", "pin")));

    @Test
    void outsidersGetWhatAMissingIdGetsOnEveryRoute() {
        World w = world();
        List<String> failures = new ArrayList<>();
        for (String outsider : new String[] {"alice", "tutor", "carol", null}) {
            for (Route route : API_ROUTES) {
                Response real = call(outsider, route, route.fill(w.seminarB, w.question, w.commentB, w.bobId));
                Response missing = call(outsider, route, route.fill(NO_SUCH_ID, w.question, NO_SUCH_ID, NO_SUCH_ID));
                String who = (outsider == null ? "anonymous" : outsider) + " " + route.method() + " " + route.path();
                if (real.statusCode() != missing.statusCode()) {
                    failures.add(who + ": " + real.statusCode() + " but a missing id gets " + missing.statusCode());
                }
                if (route.path().startsWith("/api/seminars/{s}") && real.statusCode() != 404) {
                    failures.add(who + ": " + real.statusCode() + " instead of 404");
                }
                if (real.asString().contains(w.nameB) || real.asString().contains("Secret of B")) {
                    failures.add(who + ": the answer names seminar B or shows its comment");
                }
            }
        }
        assertThat(failures).isEmpty();
        // nothing changed: B's comment is still there, unpinned and unvoted, and B is neither revealed nor archived
        as("bob").get("/api/comments/" + w.commentB).then().statusCode(200);
        Map<String, Object> seminar = as("admin").get("/api/seminars/" + w.seminarB).then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(seminar).containsEntry("revealed", false).containsEntry("archived", false).containsEntry("joinCode", w.codeB);
    }

    @Test
    void membersAndModeratorsGetInThroughTheApi() {
        World w = world();
        for (String insider : new String[] {"bob", "mod", "admin"}) {
            as(insider).get("/api/seminars/" + w.seminarB).then().statusCode(200);
            as(insider).get("/api/seminars/" + w.seminarB + "/articles/" + Api.SEED_SLUG).then().statusCode(200);
            List<String> bodies = as(insider).get("/api/seminars/" + w.seminarB + "/questions/" + w.question + "/comments")
                    .then().statusCode(200).extract().jsonPath().getList("bodyHtml");
            assertThat(bodies).anyMatch(b -> b.contains("Secret of B"));
            as(insider).get("/api/comments/" + w.commentB).then().statusCode(200);
        }
        // a member may take part but not run the seminar: that is a 403, since the seminar is no secret to them
        as("bob").put("/api/comments/" + w.commentB + "/vote").then().statusCode(400);
        as("bob").body(Map.of("value", 1)).put("/api/comments/" + w.commentB + "/vote").then().statusCode(200);
        as("bob").get("/api/seminars/" + w.seminarB + "/participation").then().statusCode(403);
        as("bob").post("/api/seminars/" + w.seminarB + "/reveal").then().statusCode(403);
        as("bob").post("/api/seminars/" + w.seminarB + "/code").then().statusCode(403);
        as("bob").body(Map.of("action", "pin")).post("/api/moderation/comments/" + w.commentB + "/actions").then().statusCode(403);
        as("mod").get("/api/seminars/" + w.seminarB + "/participation").then().statusCode(200);
        as("admin").get("/api/seminars/" + w.seminarB + "/participation").then().statusCode(200);
        // the public thread and the public counts never show seminar comments
        List<String> publicBodies = Api.anonymous().get("/api/questions/" + w.question + "/comments").then().statusCode(200)
                .extract().jsonPath().getList("bodyHtml");
        assertThat(publicBodies).noneMatch(b -> b.contains("Secret of"));
        // a tutor (role tutor) runs only their own seminar
        as("tutor").get("/api/seminars/" + w.seminarA + "/participation").then().statusCode(200);
        as("tutor").get("/api/seminars/" + w.seminarB + "/participation").then().statusCode(404);
        as("tutor").body(Map.of("action", "pin")).post("/api/moderation/comments/" + w.commentA + "/actions").then().statusCode(200);
        as("tutor").body(Map.of("action", "pin")).post("/api/moderation/comments/" + w.commentB + "/actions").then().statusCode(404);
        as("tutor").get("/api/moderation/queue").then().statusCode(403);
    }

    @Test
    void outsidersGetWhatAMissingIdGetsOnEveryPage() {
        World w = world();
        String base = base();
        Map<String, Session> sessions = new LinkedHashMap<>();
        for (String user : new String[] {"alice", "tutor", "carol"}) {
            sessions.put(user, BrowserlessLogin.signIn(base, "/login?redirect=/seminars", user, user));
        }
        sessions.put("anonymous", BrowserlessLogin.open(base));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Session> entry : sessions.entrySet()) {
            Session session = entry.getValue();
            for (Route route : HTML_GETS) {
                var real = session.request("GET", route.fill(w.seminarB, w.question, w.commentB, w.bobId), null, false);
                var missing = session.request("GET", route.fill(NO_SUCH_ID, w.question, NO_SUCH_ID, NO_SUCH_ID), null, false);
                check(failures, entry.getKey() + " GET " + route.path(), real, missing, w);
            }
            for (Route route : HTML_POSTS) {
                // a fresh token each time: the pages above may have renewed the CSRF cookie
                String csrf = entry.getKey().equals("anonymous") ? "" : session.get("/seminars").document()
                        .select("form[action=/logout] input[name=csrf-token]").attr("value");
                assertThat(entry.getKey().equals("anonymous") || !csrf.isEmpty()).isTrue();
                var real = session.request("POST", route.fill(w.seminarB, w.question, w.commentB, w.bobId), form(route, csrf, w), false);
                var missing = session.request("POST", route.fill(NO_SUCH_ID, w.question, NO_SUCH_ID, NO_SUCH_ID), form(route, csrf, w), false);
                check(failures, entry.getKey() + " POST " + route.path(), real, missing, w);
            }
        }
        assertThat(failures).isEmpty();
        // the member and a moderator see the pages; the member gets a 403 only for what runs the seminar
        Session bob = BrowserlessLogin.signIn(base, "/login?redirect=/seminars/" + w.seminarB, "bob", "bob");
        assertThat(bob.status()).isEqualTo(200);
        assertThat(bob.document().select("h1").text()).isEqualTo(w.nameB);
        assertThat(bob.get("/seminars/" + w.seminarB + "/questions/" + w.question).document().select("#c-" + w.commentB + " .body").text())
                .contains("Secret of B");
        assertThat(bob.get("/seminars/" + w.seminarB + "/articles/" + Api.SEED_SLUG).status()).isEqualTo(200);
        assertThat(bob.get("/seminars/" + w.seminarB + "/participation").status()).isEqualTo(403);
        assertThat(bob.get("/seminars/" + w.seminarB + "/moderation").status()).isEqualTo(403);
        assertThat(bob.get("/seminars").document().select("#seminar-" + w.seminarB)).isNotEmpty();
        assertThat(bob.get("/seminars").document().select("#seminar-" + w.seminarA)).isEmpty();
        Session mod = BrowserlessLogin.signIn(base, "/login?redirect=/seminars/" + w.seminarB, "mod", "mod");
        assertThat(mod.status()).isEqualTo(200);
        assertThat(mod.get("/seminars/" + w.seminarB + "/participation").status()).isEqualTo(200);
        assertThat(mod.get("/seminars/" + w.seminarB + "/moderation").status()).isEqualTo(200);
    }

    private static void check(List<String> failures, String who, BrowserlessLogin.Page real, BrowserlessLogin.Page missing, World w) {
        if (real.status() != missing.status()) {
            failures.add(who + ": " + real.status() + " but a missing id gets " + missing.status());
        }
        // anonymous POSTs carry no CSRF token (a visitor's page has no form): refused before anything is looked up
        if (who.contains("/seminars/{s}") && real.status() != 404 && !(who.startsWith("anonymous POST") && real.status() == 400)) {
            failures.add(who + ": " + real.status() + " instead of 404");
        }
        if (real.body().contains(w.nameB) || real.body().contains("Secret of B")) {
            failures.add(who + ": the page names seminar B or shows its comment");
        }
    }

    private static List<Map.Entry<String, String>> form(Route route, String csrf, World w) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        route.json().forEach((k, v) -> fields.add(Map.entry(k, v.toString().replace("{c}", Long.toString(w.commentB)))));
        if (!csrf.isEmpty()) {
            fields.add(Map.entry("csrf-token", csrf));
        }
        return fields;
    }

    private static Response call(String user, Route route, String path) {
        RequestSpecification spec = user == null ? Api.anonymous() : as(user);
        if (route.json() != null) {
            spec = spec.body(route.json());
        }
        return spec.request(route.method(), path);
    }

    private String base() {
        String url = app.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Two seminars on the seed article, made once for the class. */
    record World(long seminarA, long seminarB, String codeB, String nameB, long question, long commentA, long commentB, long bobId) {
    }

    private static World world;

    static synchronized World world() {
        if (world == null) {
            long q = questionId("Why now?");
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            SeminarFixtures.Made a = SeminarFixtures.create("tutor", "Tutorial A " + suffix, Map.of("anonymous", true, "stances", true));
            SeminarFixtures.Made b = SeminarFixtures.create("admin", "Tutorial B " + suffix, Map.of());
            SeminarFixtures.join("alice", a.code());
            SeminarFixtures.join("bob", b.code());
            long commentA = SeminarFixtures.post("alice", a.id(), q, "Secret of A " + suffix, "agree");
            long commentB = SeminarFixtures.post("admin", b.id(), q, "Secret of B " + suffix, null);
            long bobId = as("admin").get("/api/seminars/" + b.id()).then().statusCode(200).extract().jsonPath()
                    .getLong("members.find { it.username == 'bob' }.pseudonym") > 0 ? memberId("bob") : -1;
            world = new World(a.id(), b.id(), b.code(), "Tutorial B " + suffix, q, commentA, commentB, bobId);
        }
        return world;
    }

    private static long memberId(String username) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                org.agora.member.Member.findByUsername(username).orElseThrow().id);
    }
}
