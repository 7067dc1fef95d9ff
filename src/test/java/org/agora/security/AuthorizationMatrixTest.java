package org.agora.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.RoleClient;
import org.agora.testing.RoleClient.Answer;
import org.agora.testing.Routes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route (found by reflection, {@link Routes}) × every role × every comment state, through the real HTTP stack
 * with real Keycloak sessions and tokens: each cell's answer must match the rule written here. A new route without
 * a rule fails the build, and so does a rule for a route that is gone.
 *
 * <p>Targets are alice's comments in each state, made fresh for every cell that could change them. Other people's
 * ids in paths and bodies (IDOR) are the point of most cells: bob voting on, editing or deleting alice's comment,
 * carol acknowledging bob's warning, replying to a comment that is held for review.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    /**
     * The roles. TUTOR_OF_OTHER_SEMINAR is the demo user "tutor", a tutor of no seminar here: until seminars exist it
     * must be treated exactly like a member; when seminar targets are added it must be refused in others' seminars.
     */
    enum Role {
        ANONYMOUS(null), MEMBER("carol"), AUTHOR("alice"), OTHER_MEMBER("bob"), TUTOR_OF_OTHER_SEMINAR("tutor"),
        MODERATOR("mod"), ADMIN("admin");

        final String user;

        Role(String user) {
            this.user = user;
        }

        boolean signedIn() {
            return user != null;
        }

        boolean staff() {
            return this == MODERATOR || this == ADMIN;
        }
    }

    /** alice's comment in each state (a SEMINAR target joins here when seminars land). */
    enum Target { PUBLIC, PENDING, REJECTED, DELETED, NONE }

    /** ALLOW: it works. DENY: 401/403/404 or a redirect to sign in. REFUSE: allowed in, but the input or state is refused (400/409). */
    enum Expect { ALLOW, DENY, REFUSE }

    interface Call {
        Answer send(RoleClient client, Fixture fixture);
    }

    record Rule(boolean perTarget, BiFunction<Role, Target, Expect> expect, Call call) {
    }

    /** What a cell works on: a comment of alice's (or none), and ids the route needs. */
    record Fixture(long commentId, Target target) {
    }

    @TestHTTPResource("/")
    URL app;

    @Inject
    EntityManager em;

    private final Map<Role, RoleClient> clients = new EnumMap<>(Role.class);
    private long question;
    private long lockQuestion;
    private String slug;
    private String thread;

    private void signEveryoneIn() {
        String base = app.toString().replaceAll("/$", "");
        for (Role role : Role.values()) {
            clients.put(role, role.signedIn() ? RoleClient.signIn(base, role.user) : RoleClient.anonymous(base));
        }
        slug = Api.SEED_SLUG;
        question = Api.questionId("Why now?");
        List<Long> questions = Api.anonymous().get("/api/articles/" + slug).then().statusCode(200).extract().jsonPath().getList("questions.id", Long.class);
        lockQuestion = questions.get(questions.size() - 1);
        thread = "/articles/" + slug + "/questions/" + question;
    }

    @Test
    void everyRouteHasARuleAndEveryCellMatchesIt() {
        signEveryoneIn();
        Map<String, Rule> rules = rules();
        List<String> routes = Routes.all();
        // Seminar routes have their own access matrix (seminar/SeminarAccessTest: member, another seminar's member and
        // tutor, stranger, visitor × every seminar route, page and API); they are named here, not re-tested
        for (String route : routes) {
            if (route.contains(" /seminars") || route.contains(" /api/seminars") || route.endsWith("/articles/{slug}/compare")) {
                rules.putIfAbsent(route, new Rule(false, (role, t) -> Expect.ALLOW, null));
            }
        }
        assertThat(new TreeSet<>(rules.keySet()))
                .as("routes without a rule (add one to AuthorizationMatrixTest.rules) or rules for routes that are gone")
                .isEqualTo(new TreeSet<>(routes));

        List<String> violations = new ArrayList<>();
        int cells = 0;
        for (String route : routes) {
            Rule rule = rules.get(route);
            if (rule.call() == null) {
                continue; // covered by a test of its own, named in the rule
            }
            List<Target> targets = rule.perTarget() ? List.of(Target.PUBLIC, Target.PENDING, Target.REJECTED, Target.DELETED) : List.of(Target.NONE);
            for (Target target : targets) {
                for (Role role : Role.values()) {
                    Expect expected = rule.expect().apply(role, target);
                    Fixture fixture = new Fixture(target == Target.NONE ? 0 : comment(target), target);
                    Answer answer = rule.call().send(clients.get(role), fixture);
                    cells++;
                    String actual = classify(answer);
                    if (!actual.equals(expected.name())) {
                        violations.add(route + " as " + role + " on " + target + ": expected " + expected + ", got " + actual
                                + " (HTTP " + answer.status() + (answer.location() != null ? " → " + answer.location() : "")
                                + (answer.flash() != null ? ", flash \"" + answer.flash() + "\"" : "") + ")");
                    }
                }
            }
        }
        System.out.println("[authorization-matrix] " + routes.size() + " routes, " + cells + " cells, " + violations.size() + " violations");
        assertThat(violations).as("authorization violations in " + cells + " cells").isEmpty();
    }

    private static String classify(Answer a) {
        int s = a.status();
        if (s >= 500) {
            return "ERROR " + s;
        }
        if (s == 401 || s == 403 || s == 404 || (s >= 300 && s < 400 && a.redirectsToSignIn())) {
            return "DENY";
        }
        if (s == 400 || s == 409 || (s == 303 && a.flash() != null && a.flash().startsWith("Nothing was changed"))) {
            return "REFUSE";
        }
        if (s >= 200 && s < 400) {
            return "ALLOW";
        }
        return "UNEXPECTED " + s;
    }

    // ---- the rules ----

    private Map<String, Rule> rules() {
        Map<String, Rule> r = new LinkedHashMap<>();
        BiFunction<Role, Target, Expect> everyone = (role, t) -> Expect.ALLOW;
        BiFunction<Role, Target, Expect> members = (role, t) -> role.signedIn() ? Expect.ALLOW : Expect.DENY;
        BiFunction<Role, Target, Expect> staff = (role, t) -> role.staff() ? Expect.ALLOW : Expect.DENY;
        // the author, while the comment still exists (held and rejected comments can still be edited or deleted)
        BiFunction<Role, Target, Expect> author = (role, t) -> role == Role.AUTHOR && t != Target.DELETED ? Expect.ALLOW : Expect.DENY;
        // vote and report: anyone signed in but the author, on published comments only
        BiFunction<Role, Target, Expect> othersOnPublished = (role, t) ->
                role.signedIn() && role != Role.AUTHOR && t == Target.PUBLIC ? Expect.ALLOW : Expect.DENY;
        // moderators act on any comment; a deleted one is the author's and allows no action (409)
        BiFunction<Role, Target, Expect> moderate = (role, t) -> !role.staff() ? Expect.DENY : t == Target.DELETED ? Expect.REFUSE : Expect.ALLOW;
        // replies: signed-in people reply to published comments; held, rejected or deleted parents refuse the reply
        BiFunction<Role, Target, Expect> reply = (role, t) -> !role.signedIn() ? Expect.DENY : t == Target.PUBLIC ? Expect.ALLOW : Expect.REFUSE;
        // held and rejected comments show to their author and staff only
        BiFunction<Role, Target, Expect> see = (role, t) ->
                t == Target.PUBLIC || t == Target.DELETED || role == Role.AUTHOR || role.staff() ? Expect.ALLOW : Expect.DENY;

        // public pages and reads
        r.put("GET /", new Rule(false, everyone, (c, f) -> c.page("/")));
        r.put("GET /articles/{slug}", new Rule(false, everyone, (c, f) -> c.page("/articles/" + slug)));
        r.put("GET /articles/{slug}/questions/{id}", new Rule(false, everyone, (c, f) -> c.page(thread)));
        r.put("GET /api/articles", new Rule(false, everyone, (c, f) -> c.api("GET", "/api/articles", null)));
        r.put("GET /api/articles/{slug}", new Rule(false, everyone, (c, f) -> c.api("GET", "/api/articles/" + slug, null)));
        r.put("GET /api/questions/{id}/comments", new Rule(false, everyone, (c, f) -> c.api("GET", "/api/questions/" + question + "/comments", null)));
        r.put("GET /api/comments/{id}", new Rule(true, see, (c, f) -> c.api("GET", "/api/comments/" + f.commentId(), null)));

        // sign-in and sign-out
        r.put("GET /login", new Rule(false, members, (c, f) -> c.page("/login?redirect=/")));
        r.put("POST /logout", new Rule(false, everyone, null)); // ends the session: SessionCookiesTest covers it
        r.put("POST /language", new Rule(false, everyone, (c, f) -> c.form("POST", "/language", Map.of("lang", "en", "return", "/"))));

        // the author's own comment, by path id (IDOR: everyone else must be refused)
        r.put("GET /comments/{id}/edit", new Rule(true, author, (c, f) -> c.page("/comments/" + f.commentId() + "/edit")));
        r.put("POST /comments/{id}/edit", new Rule(true, author,
                (c, f) -> c.form("POST", "/comments/" + f.commentId() + "/edit", Map.of("body", "edited by " + c.username))));
        r.put("PATCH /api/comments/{id}", new Rule(true, author,
                (c, f) -> c.api("PATCH", "/api/comments/" + f.commentId(), "{\"body\":\"edited by " + c.username + "\"}")));
        r.put("POST /comments/{id}/delete", new Rule(true, author, (c, f) -> c.form("POST", "/comments/" + f.commentId() + "/delete", Map.of())));
        r.put("DELETE /api/comments/{id}", new Rule(true, author, (c, f) -> c.api("DELETE", "/api/comments/" + f.commentId(), null)));

        // votes and reports on someone else's comment
        r.put("POST /comments/{id}/vote", new Rule(true, othersOnPublished, (c, f) -> c.form("POST", "/comments/" + f.commentId() + "/vote", Map.of("value", "1"))));
        r.put("PUT /api/comments/{id}/vote", new Rule(true, othersOnPublished, (c, f) -> c.api("PUT", "/api/comments/" + f.commentId() + "/vote", "{\"value\":-1}")));
        r.put("POST /comments/{id}/report", new Rule(true, othersOnPublished,
                (c, f) -> c.form("POST", "/comments/" + f.commentId() + "/report", Map.of("reason", "spam"))));
        r.put("POST /api/comments/{id}/reports", new Rule(true, othersOnPublished,
                (c, f) -> c.api("POST", "/api/comments/" + f.commentId() + "/reports", "{\"reason\":\"spam\"}")));

        // answers and replies (parentId in the body is alice's comment in each state)
        r.put("POST /articles/{slug}/questions/{id}/comments", new Rule(true, reply, (c, f) -> c.form("POST", thread + "/comments",
                Map.of("body", "reply " + UUID.randomUUID(), "parentId", Long.toString(f.commentId()), "submissionKey", UUID.randomUUID().toString()))));
        r.put("POST /api/questions/{id}/comments", new Rule(true, reply, (c, f) -> c.api("POST", "/api/questions/" + question + "/comments",
                "{\"body\":\"reply " + UUID.randomUUID() + "\",\"parentId\":" + f.commentId() + "}")));

        // question votes and article reactions
        r.put("POST /articles/{slug}/questions/{id}/vote", new Rule(false, members, (c, f) -> c.form("POST", thread + "/vote", Map.of("value", "1"))));
        r.put("PUT /api/questions/{id}/vote", new Rule(false, members, (c, f) -> c.api("PUT", "/api/questions/" + question + "/vote", "{\"value\":1}")));
        r.put("POST /articles/{slug}/reaction", new Rule(false, members, (c, f) -> c.form("POST", "/articles/" + slug + "/reaction", Map.of("kind", "wow"))));
        r.put("PUT /api/articles/{slug}/reaction", new Rule(false, members, (c, f) -> c.api("PUT", "/api/articles/" + slug + "/reaction", "{\"kind\":\"love\"}")));
        r.put("DELETE /api/articles/{slug}/reaction", new Rule(false, members, (c, f) -> c.api("DELETE", "/api/articles/" + slug + "/reaction", null)));

        // notifications and warnings (IDOR: a warning is acknowledged only by the person warned)
        r.put("GET /notifications", new Rule(false, members, (c, f) -> c.page("/notifications")));
        r.put("POST /notifications/read", new Rule(false, members, (c, f) -> c.form("POST", "/notifications/read", Map.of())));
        r.put("POST /warnings/{id}/acknowledge", new Rule(false, (role, t) -> role == Role.OTHER_MEMBER ? Expect.ALLOW : Expect.DENY,
                (c, f) -> c.form("POST", "/warnings/" + warningFor("bob") + "/acknowledge", Map.of())));

        // moderation: staff only, everywhere
        r.put("GET /moderation", new Rule(false, staff, (c, f) -> c.page("/moderation?state=pending")));
        r.put("GET /moderation/log", new Rule(false, staff, (c, f) -> c.page("/moderation/log")));
        r.put("GET /moderation/words", new Rule(false, staff, (c, f) -> c.page("/moderation/words")));
        r.put("GET /moderation/members/{username}", new Rule(false, staff, (c, f) -> c.page("/moderation/members/bob")));
        r.put("GET /api/moderation/queue", new Rule(false, staff, (c, f) -> c.api("GET", "/api/moderation/queue", null)));
        r.put("GET /api/moderation/counts", new Rule(false, staff, (c, f) -> c.api("GET", "/api/moderation/counts", null)));
        r.put("GET /api/moderation/log", new Rule(false, staff, (c, f) -> c.api("GET", "/api/moderation/log", null)));
        r.put("GET /api/moderation/words", new Rule(false, staff, (c, f) -> c.api("GET", "/api/moderation/words", null)));
        r.put("POST /moderation/comments/{id}/actions", new Rule(true, moderate,
                (c, f) -> c.form("POST", "/moderation/comments/" + f.commentId() + "/actions", Map.of("action", actionFor(f.target())))));
        r.put("POST /api/moderation/comments/{id}/actions", new Rule(true, moderate,
                (c, f) -> c.api("POST", "/api/moderation/comments/" + f.commentId() + "/actions", "{\"action\":\"" + actionFor(f.target()) + "\"}")));
        r.put("POST /moderation/bulk", new Rule(false, staff, (c, f) -> c.form("POST", "/moderation/bulk",
                Map.of("state", "pending", "ids", Long.toString(comment(Target.PENDING)), "action", "approve"))));
        r.put("POST /api/moderation/comments/actions", new Rule(false, staff, (c, f) -> c.api("POST", "/api/moderation/comments/actions",
                "{\"ids\":[" + comment(Target.PENDING) + "],\"action\":\"approve\"}")));
        r.put("POST /moderation/questions/{id}/actions", new Rule(false, staff,
                (c, f) -> c.form("POST", "/moderation/questions/" + lockQuestion + "/actions", Map.of("action", toggleLock()))));
        r.put("POST /api/moderation/questions/{id}/actions", new Rule(false, staff,
                (c, f) -> c.api("POST", "/api/moderation/questions/" + lockQuestion + "/actions", "{\"action\":\"" + toggleLock() + "\"}")));
        r.put("POST /moderation/questions/{id}/edit", new Rule(false, staff,
                (c, f) -> c.form("POST", "/moderation/questions/" + lockQuestion + "/edit", Map.of("label", label(lockQuestion)))));
        r.put("PATCH /api/moderation/questions/{id}", new Rule(false, staff,
                (c, f) -> c.api("PATCH", "/api/moderation/questions/" + lockQuestion, "{\"label\":\"" + label(lockQuestion) + "\"}")));
        r.put("POST /moderation/members/{username}/sanctions", new Rule(false, staff, (c, f) -> c.form("POST",
                "/moderation/members/" + bystander() + "/sanctions", Map.of("kind", "warn", "reason", "matrix check"))));
        r.put("POST /api/moderation/members/{username}/sanctions", new Rule(false, staff, (c, f) -> c.api("POST",
                "/api/moderation/members/" + bystander() + "/sanctions", "{\"kind\":\"warn\",\"reason\":\"matrix check\"}")));
        r.put("POST /moderation/words", new Rule(false, staff, (c, f) -> c.form("POST", "/moderation/words", currentWords())));
        r.put("PUT /api/moderation/words", new Rule(false, staff, (c, f) -> c.api("PUT", "/api/moderation/words", wordsJson())));
        return r;
    }

    // ---- fixtures ----

    /** A fresh comment of alice's in the given state. */
    private long comment(Target target) {
        long id = Api.as("alice").body("{\"body\":\"matrix target " + UUID.randomUUID() + "\"}")
                .post("/api/questions/" + question + "/comments").then().statusCode(201).extract().jsonPath().getLong("id");
        switch (target) {
            case PENDING -> QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("update comment set status = 'pending' where id = :id").setParameter("id", id).executeUpdate();
                em.createNativeQuery("update question set comment_count = comment_count - 1 where id = :q").setParameter("q", question).executeUpdate();
            });
            case REJECTED -> Api.as("mod").body("{\"action\":\"reject\",\"reason\":\"spam\"}")
                    .post("/api/moderation/comments/" + id + "/actions").then().statusCode(200);
            case DELETED -> Api.as("alice").delete("/api/comments/" + id).then().statusCode(204);
            default -> {
            }
        }
        return id;
    }

    private static String actionFor(Target target) {
        return switch (target) {
            case PUBLIC -> "pin";
            case PENDING, REJECTED -> "approve";
            default -> "remove";
        };
    }

    private long warningFor(String username) {
        return Api.as("mod").body("{\"kind\":\"warn\",\"reason\":\"matrix check\"}")
                .post("/api/moderation/members/" + username + "/sanctions").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A member nobody signs in as, to be warned. */
    private String bystander() {
        String name = "matrix-bystander";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into member (subject, username, display_name) values ('test|matrix-bystander', :n, :n)
                on conflict (subject) do nothing""").setParameter("n", name).executeUpdate());
        return name;
    }

    private String toggleLock() {
        boolean locked = QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery("select locked from question where id = :q")
                .setParameter("q", lockQuestion).getSingleResult());
        return locked ? "unlock" : "lock";
    }

    private String label(long questionId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("select label from question where id = :q")
                .setParameter("q", questionId).getSingleResult());
    }

    private Map<String, String> currentWords() {
        var lists = Api.as("mod").get("/api/moderation/words").then().statusCode(200).extract().jsonPath();
        return Map.of("banned", String.join("\n", lists.getList("banned", String.class)),
                "suspect", String.join("\n", lists.getList("suspect", String.class)));
    }

    private String wordsJson() {
        return Api.as("mod").get("/api/moderation/words").then().statusCode(200).extract().asString();
    }

    @org.junit.jupiter.api.AfterAll
    void leaveNoTrace() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update question set locked = false where id = :q").setParameter("q", lockQuestion).executeUpdate();
            em.createNativeQuery("update sanction set acknowledged_at = now() where kind = 'warn' and acknowledged_at is null"
                    + " and member_id = (select id from member where username = 'bob')").executeUpdate();
        });
    }
}
