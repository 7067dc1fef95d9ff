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
     * The roles, each relative to the seminar a cell works in. The test makes two seminars on the seed article: S, run
     * by "tutor", with alice and carol as members; and T, run by admin, with alice and bob. MEMBER (carol) and AUTHOR
     * (alice) belong to S; OTHER_MEMBER (bob) belongs to T only; SEMINAR_TUTOR ("tutor") runs S. There is one demo
     * tutor, so TUTOR_OF_OTHER_SEMINAR is "tutor" again, and its cells work in T (alice's comments there): a tutor of
     * another seminar (S) reaching into T. On public targets the two tutor roles are plain members.
     */
    enum Role {
        ANONYMOUS(null), MEMBER("carol"), AUTHOR("alice"), OTHER_MEMBER("bob"), SEMINAR_TUTOR("tutor"), TUTOR_OF_OTHER_SEMINAR("tutor"),
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

        /** May see the cell's seminar: its members, its tutor, moderators and admins. */
        boolean insider() {
            return this == MEMBER || this == AUTHOR || runsSeminar();
        }

        /** Runs the cell's seminar: its tutor, moderators and admins. */
        boolean runsSeminar() {
            return this == SEMINAR_TUTOR || staff();
        }

        /** May create seminars (realm role tutor, or admin). */
        boolean createsSeminars() {
            return this == SEMINAR_TUTOR || this == TUTOR_OF_OTHER_SEMINAR || this == ADMIN;
        }
    }

    /**
     * alice's comment in each state: public, or in the cell's seminar; FOREIGN is alice's published comment in the
     * other seminar (T for the cells in S, S for the cells in T), for another seminar's id in a seminar route (IDOR).
     */
    enum Target {
        PUBLIC, PENDING, REJECTED, DELETED, SEMINAR, SEMINAR_PENDING, SEMINAR_REJECTED, SEMINAR_DELETED, FOREIGN, NONE;

        boolean seminar() {
            return this == SEMINAR || this == SEMINAR_PENDING || this == SEMINAR_REJECTED || this == SEMINAR_DELETED;
        }

        /** The comment's state, seminar or not. */
        Target state() {
            return switch (this) {
                case SEMINAR, FOREIGN -> PUBLIC;
                case SEMINAR_PENDING -> PENDING;
                case SEMINAR_REJECTED -> REJECTED;
                case SEMINAR_DELETED -> DELETED;
                default -> this;
            };
        }
    }

    static final List<Target> COMMENT_TARGETS = List.of(Target.PUBLIC, Target.PENDING, Target.REJECTED, Target.DELETED,
            Target.SEMINAR, Target.SEMINAR_PENDING, Target.SEMINAR_REJECTED, Target.SEMINAR_DELETED);
    static final List<Target> SEMINAR_PARENTS = List.of(Target.SEMINAR, Target.SEMINAR_PENDING, Target.SEMINAR_REJECTED,
            Target.SEMINAR_DELETED, Target.FOREIGN);

    /**
     * ALLOW: it works. DENY: 401/403/404 or a redirect to sign in. REFUSE: allowed in, but the input or state is refused
     * (400/409). HIDDEN: a DENY that tells nothing: the same status as the same request with ids that don't exist.
     */
    enum Expect { ALLOW, DENY, REFUSE, HIDDEN }

    interface Call {
        Answer send(RoleClient client, Fixture fixture);
    }

    record Rule(List<Target> targets, BiFunction<Role, Target, Expect> expect, Call call) {
        Rule(boolean perTarget, BiFunction<Role, Target, Expect> expect, Call call) {
            this(perTarget ? COMMENT_TARGETS : List.of(Target.NONE), expect, call);
        }
    }

    /** A seminar: id, join code and the marker in its name and its comments that outsiders must never see. */
    record Seminar(long id, String code, String secret) {
    }

    /** What a cell works on: a comment of alice's (or none), the cell's seminar, and a seminar made for this cell alone (or null). */
    record Fixture(long commentId, Target target, Seminar seminar, Seminar fresh) {
    }

    private static final long GHOST = 987_654_321L;

    @TestHTTPResource("/")
    URL app;

    @Inject
    EntityManager em;

    private final Map<Role, RoleClient> clients = new EnumMap<>(Role.class);
    private long question;
    private long lockQuestion;
    private String slug;
    private String thread;
    private Seminar seminarS;
    private Seminar seminarT;

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
        seminarS = seminar("tutor", "alice", "carol");
        seminarT = seminar("admin", "alice", "bob");
    }

    @Test
    void everyRouteHasARuleAndEveryCellMatchesIt() {
        signEveryoneIn();
        Map<String, Rule> rules = rules();
        List<String> routes = Routes.all();
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
            for (Target target : rule.targets()) {
                for (Role role : Role.values()) {
                    Expect expected = rule.expect().apply(role, target);
                    Seminar own = role == Role.TUTOR_OF_OTHER_SEMINAR ? seminarT : seminarS;
                    Seminar other = own == seminarS ? seminarT : seminarS;
                    long id = switch (target) {
                        case NONE -> 0;
                        case FOREIGN -> seminarComment(other, Target.SEMINAR);
                        default -> target.seminar() ? seminarComment(own, target) : comment(target);
                    };
                    Seminar fresh = route.contains("seminars/") && !route.startsWith("GET ") && (route.contains("/archive") || route.contains("/freeze") || route.contains("/reveal")
                            || route.contains("/members/{") || route.contains("/lock") || route.endsWith("/join")) ? freshSeminar(role) : null;
                    if (fresh != null && route.contains("/freeze")) { // threads freeze only after the deadline
                        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update seminar set deadline = now() - interval '1 hour' where id = :s")
                                .setParameter("s", fresh.id()).executeUpdate());
                    }
                    Fixture fixture = new Fixture(id, target, own, fresh);
                    Answer answer = rule.call().send(clients.get(role), fixture);
                    cells++;
                    String actual = classify(answer);
                    if (expected == Expect.HIDDEN && actual.equals("DENY")) {
                        // the same request about a seminar and comment that don't exist must answer alike
                        Seminar ghost = new Seminar(GHOST, "no-such-code", "ghost");
                        Answer nothing = rule.call().send(clients.get(role), new Fixture(GHOST, target, ghost, fresh == null ? null : ghost));
                        actual = nothing.status() == answer.status() ? "HIDDEN" : "DENY but HTTP " + answer.status() + " where a missing id gets " + nothing.status();
                    }
                    // an outsider never sees the seminar's name or its comments, on any page
                    Seminar secret = role.insider() ? other : null;
                    if (!role.insider() && shows(answer, own)) {
                        actual += " (and the answer shows " + own.secret() + ")";
                    }
                    if (secret != null && role != Role.AUTHOR && role != Role.MODERATOR && role != Role.ADMIN
                            && shows(answer, secret)) {
                        actual += " (and the answer shows the other seminar, " + secret.secret() + ")";
                    }
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

    /** Whether the answer shows the seminar's name or one of its comments (a search page echoing the bare word doesn't count). */
    private static boolean shows(Answer answer, Seminar seminar) {
        return answer.body() != null && (answer.body().contains("Seminar " + seminar.secret()) || answer.body().contains("target " + seminar.secret()));
    }

    private static String classify(Answer a) {
        int s = a.status();
        if (s >= 500) {
            return "ERROR " + s;
        }
        if (s == 401 || s == 403 || s == 404 || (s >= 300 && s < 400 && a.redirectsToSignIn())) {
            return "DENY";
        }
        if (s == 400 || s == 409 || (s == 303 && a.flash() != null && a.flash().startsWith("Nothing was "))) {
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
        // On a seminar comment, the comment routes are a 404 to everyone outside the seminar (HIDDEN); inside, the
        // same rule as on a public comment, with the seminar's tutor where the public rule has staff.
        // the author, while the comment still exists (held and rejected comments can still be edited or deleted)
        BiFunction<Role, Target, Expect> author = inSeminar((role, t) -> role == Role.AUTHOR && t != Target.DELETED ? Expect.ALLOW : Expect.DENY);
        // vote and report: anyone signed in but the author, on published comments only
        BiFunction<Role, Target, Expect> othersOnPublished = inSeminar((role, t) ->
                role.signedIn() && role != Role.AUTHOR && t == Target.PUBLIC ? Expect.ALLOW : Expect.DENY);
        // moderators act on any comment, a seminar's tutor on the seminar's; a deleted one is the author's and allows no action (409)
        BiFunction<Role, Target, Expect> moderate = (role, t) -> t.seminar() && !role.insider() ? Expect.HIDDEN
                : !(t.seminar() ? role.runsSeminar() : role.staff()) ? Expect.DENY : t.state() == Target.DELETED ? Expect.REFUSE : Expect.ALLOW;
        // replies: signed-in people reply to published comments; held, rejected or deleted parents refuse the reply, and
        // so does a seminar comment as the parent of a public reply (for everyone: "not in this thread", as for no comment)
        BiFunction<Role, Target, Expect> reply = (role, t) -> !role.signedIn() ? Expect.DENY : t == Target.PUBLIC ? Expect.ALLOW : Expect.REFUSE;
        // held and rejected comments show to their author and staff only (in a seminar: and its tutor)
        BiFunction<Role, Target, Expect> see = (role, t) -> t.seminar() && !role.insider() ? Expect.HIDDEN
                : t.state() == Target.PUBLIC || t.state() == Target.DELETED || role == Role.AUTHOR
                        || (t.seminar() ? role.runsSeminar() : role.staff()) ? Expect.ALLOW : Expect.DENY;
        // seminars: insiders see, whoever runs it acts (its members get a 403, everyone else a 404 as for no seminar)
        BiFunction<Role, Target, Expect> seeSeminar = (role, t) -> role.insider() ? Expect.ALLOW : Expect.HIDDEN;
        BiFunction<Role, Target, Expect> runSeminar = (role, t) -> role.runsSeminar() ? Expect.ALLOW : role.insider() ? Expect.DENY : Expect.HIDDEN;
        BiFunction<Role, Target, Expect> createSeminar = (role, t) -> role.createsSeminars() ? Expect.ALLOW : Expect.DENY;
        // a seminar reply: insiders reply to the seminar's published comments; a held, rejected or deleted parent or
        // another seminar's comment (FOREIGN) is refused as "not in this thread"
        BiFunction<Role, Target, Expect> seminarReply = (role, t) -> !role.insider() ? Expect.HIDDEN : t == Target.SEMINAR ? Expect.ALLOW : Expect.REFUSE;

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

        // the member's own data (the caller's own, whoever calls: no id to get wrong); deleting an account is
        // DataRightsTest's (it ends the demo users' accounts), the live streams never end: LiveEventsTest
        r.put("GET /api/me/notifications", new Rule(false, members, (c, f) -> c.api("GET", "/api/me/notifications", null)));
        r.put("GET /api/me/notifications/unread", new Rule(false, members, (c, f) -> c.api("GET", "/api/me/notifications/unread", null)));
        r.put("POST /api/me/notifications/read", new Rule(false, members, (c, f) -> c.api("POST", "/api/me/notifications/read", "{\"ids\":[" + GHOST + "]}")));
        r.put("POST /notifications/{id}/read", new Rule(false, members, (c, f) -> c.form("POST", "/notifications/" + GHOST + "/read", Map.of())));
        r.put("GET /api/me/profile", new Rule(false, members, (c, f) -> c.api("GET", "/api/me/profile", null)));
        r.put("PUT /api/me/profile", new Rule(false, members, (c, f) -> c.api("PUT", "/api/me/profile", c.signedIn() ? profile(c.username).prettify() : "{}")));
        r.put("GET /me/settings", new Rule(false, members, (c, f) -> c.page("/me/settings")));
        r.put("POST /me/settings", new Rule(false, members, (c, f) -> c.form("POST", "/me/settings", settingsForm(c))));
        r.put("GET /api/me/export", new Rule(false, members, (c, f) -> c.api("GET", "/api/me/export", null)));
        r.put("GET /me/export", new Rule(false, members, (c, f) -> c.page("/me/export", "*/*")));
        // without the confirmation the account stays: signed-in people are refused, nothing is deleted
        r.put("POST /me/delete", new Rule(false, (role, t) -> role.signedIn() ? Expect.REFUSE : Expect.DENY,
                (c, f) -> c.form("POST", "/me/delete", Map.of("confirm", "no"))));
        r.put("DELETE /api/me", new Rule(false, members, null));
        r.put("GET /live/articles/{slug}/events", new Rule(false, everyone, null));
        r.put("GET /live/me/events", new Rule(false, members, null));
        r.put("GET /live/articles/{slug}/questions/{id}/events", new Rule(false, everyone, null));

        // profiles, search, feeds, follows
        r.put("GET /members/{username}", new Rule(false, everyone, (c, f) -> c.page("/members/alice")));
        r.put("GET /api/members/{username}", new Rule(false, everyone, (c, f) -> c.api("GET", "/api/members/alice", null)));
        r.put("GET /api/members", new Rule(false, members, (c, f) -> c.api("GET", "/api/members?q=al", null)));
        r.put("GET /search", new Rule(false, everyone, (c, f) -> c.page("/search?q=" + seminarS.secret())));
        r.put("GET /api/search", new Rule(false, everyone, (c, f) -> c.api("GET", "/api/search?q=" + seminarS.secret(), null)));
        r.put("GET /articles/{slug}/feed.atom", new Rule(false, everyone, (c, f) -> c.page("/articles/" + slug + "/feed.atom", "application/atom+xml")));
        r.put("GET /articles/{slug}/questions/{id}/feed.atom", new Rule(false, everyone, (c, f) -> c.page(thread + "/feed.atom", "application/atom+xml")));
        r.put("POST /articles/{slug}/questions/{id}/follow", new Rule(false, members, (c, f) -> c.form("POST", thread + "/follow", Map.of())));
        r.put("POST /articles/{slug}/questions/{id}/unfollow", new Rule(false, members, (c, f) -> c.form("POST", thread + "/unfollow", Map.of())));
        r.put("PUT /api/questions/{id}/follow", new Rule(false, members, (c, f) -> c.api("PUT", "/api/questions/" + question + "/follow", null)));
        r.put("DELETE /api/questions/{id}/follow", new Rule(false, members, (c, f) -> c.api("DELETE", "/api/questions/" + question + "/follow", null)));

        // article management: tutors and admins
        BiFunction<Role, Target, Expect> authors = (role, t) -> role.createsSeminars() ? Expect.ALLOW : Expect.DENY;
        r.put("GET /manage/articles", new Rule(false, authors, (c, f) -> c.page("/manage/articles")));
        r.put("POST /manage/articles/preview", new Rule(false, authors, (c, f) -> c.multipart("/manage/articles/preview", Map.of("text", articleText()))));
        r.put("POST /manage/articles", new Rule(false, authors, (c, f) -> c.form("POST", "/manage/articles", Map.of("text", articleText()))));
        r.put("POST /api/articles", new Rule(false, authors, (c, f) -> c.api("POST", "/api/articles", json(Map.of("text", articleText())))));
        r.put("POST /api/articles/preview", new Rule(false, authors, (c, f) -> c.api("POST", "/api/articles/preview", json(Map.of("text", articleText())))));
        r.put("POST /manage/articles/{slug}/status", new Rule(false, authors,
                (c, f) -> c.form("POST", "/manage/articles/" + draftSlug() + "/status", Map.of("status", "draft"))));
        r.put("PUT /api/articles/{slug}/status", new Rule(false, authors,
                (c, f) -> c.api("PUT", "/api/articles/" + draftSlug() + "/status", "{\"status\":\"draft\"}")));

        // seminar pages (f.seminar() is S, or T for the tutor of another seminar; f.fresh() one made for the cell)
        String sem = "/seminars/";
        r.put("GET /seminars", new Rule(false, members, (c, f) -> c.page("/seminars")));
        r.put("POST /seminars", new Rule(false, createSeminar, (c, f) -> created(c.form("POST", "/seminars",
                Map.of("name", "matrix made by " + c.username, "articles", slug)))));
        r.put("GET /seminars/join", new Rule(false, everyone, (c, f) -> c.page("/seminars/join?code=" + f.seminar().code())));
        r.put("POST /seminars/join", new Rule(false, members, (c, f) -> joined(c.form("POST", "/seminars/join", Map.of("code", f.fresh().code())))));
        r.put("GET /seminars/{id}", new Rule(false, seeSeminar, (c, f) -> c.page(sem + f.seminar().id())));
        r.put("POST /seminars/{id}/code", new Rule(false, runSeminar, (c, f) -> c.form("POST", sem + f.seminar().id() + "/code", Map.of())));
        r.put("POST /seminars/{id}/members/{memberId}/remove", new Rule(false, runSeminar,
                (c, f) -> c.form("POST", sem + f.fresh().id() + "/members/" + memberId("alice") + "/remove", Map.of())));
        r.put("POST /seminars/{id}/archive", new Rule(false, runSeminar, (c, f) -> c.form("POST", sem + f.fresh().id() + "/archive", Map.of())));
        r.put("POST /seminars/{id}/freeze", new Rule(false, runSeminar,
                (c, f) -> c.form("POST", sem + f.fresh().id() + "/freeze", Map.of("action", "freeze"))));
        r.put("POST /seminars/{id}/reveal", new Rule(false, runSeminar, (c, f) -> c.form("POST", sem + f.fresh().id() + "/reveal", Map.of())));
        r.put("GET /seminars/{id}/articles/{slug}", new Rule(false, seeSeminar, (c, f) -> c.page(sem + f.seminar().id() + "/articles/" + slug)));
        r.put("GET /seminars/{id}/questions/{qid}", new Rule(false, seeSeminar, (c, f) -> c.page(sem + f.seminar().id() + "/questions/" + question)));
        r.put("POST /seminars/{id}/questions/{qid}/comments", new Rule(SEMINAR_PARENTS, seminarReply,
                (c, f) -> c.form("POST", sem + f.seminar().id() + "/questions/" + question + "/comments", Map.of("body", "reply " + UUID.randomUUID(),
                        "parentId", Long.toString(f.commentId()), "submissionKey", UUID.randomUUID().toString()))));
        r.put("POST /seminars/{id}/questions/{qid}/claim", new Rule(false, runSeminar,
                (c, f) -> c.form("POST", sem + f.seminar().id() + "/questions/" + question + "/claim", Map.of("claim", "claimed by " + c.username))));
        r.put("POST /seminars/{id}/questions/{qid}/lock", new Rule(false, runSeminar,
                (c, f) -> c.form("POST", sem + f.fresh().id() + "/questions/" + question + "/lock", Map.of("action", "lock"))));
        r.put("GET /seminars/{id}/moderation", new Rule(false, runSeminar, (c, f) -> c.page(sem + f.seminar().id() + "/moderation?state=pending")));
        // the seminar's queue approves its own held comments only: a public held comment or another seminar's (IDOR)
        // is not in this seminar, for moderators and admins too (they act on those from the site-wide queue)
        r.put("POST /seminars/{id}/moderation/bulk", new Rule(List.of(Target.SEMINAR_PENDING, Target.PENDING, Target.FOREIGN),
                (role, t) -> !role.runsSeminar() ? (role.insider() ? Expect.DENY : Expect.HIDDEN)
                        : t == Target.SEMINAR_PENDING ? Expect.ALLOW : Expect.DENY,
                (c, f) -> c.form("POST", sem + f.seminar().id() + "/moderation/bulk", Map.of("state", "pending", "ids", Long.toString(f.commentId()),
                        "action", f.target() == Target.FOREIGN ? "remove" : "approve"))));
        r.put("GET /seminars/{id}/participation", new Rule(false, runSeminar, (c, f) -> c.page(sem + f.seminar().id() + "/participation")));
        r.put("GET /seminars/{id}/participation.csv", new Rule(false, runSeminar, (c, f) -> c.page(sem + f.seminar().id() + "/participation.csv", "text/csv")));
        r.put("POST /seminars/{id}/announcements", new Rule(false, runSeminar,
                (c, f) -> c.form("POST", sem + f.seminar().id() + "/announcements", Map.of("body", "announced by " + c.username))));
        r.put("GET /articles/{slug}/compare", new Rule(false, everyone, (c, f) -> c.page("/articles/" + slug + "/compare")));

        // the seminar API
        String api = "/api/seminars/";
        r.put("GET /api/seminars", new Rule(false, members, (c, f) -> c.api("GET", "/api/seminars", null)));
        r.put("POST /api/seminars", new Rule(false, createSeminar,
                (c, f) -> c.api("POST", "/api/seminars", "{\"name\":\"matrix made by " + c.username + "\",\"articles\":[\"" + slug + "\"]}")));
        r.put("POST /api/seminars/join", new Rule(false, members, (c, f) -> c.api("POST", "/api/seminars/join", "{\"code\":\"" + f.fresh().code() + "\"}")));
        r.put("GET /api/seminars/{id}", new Rule(false, seeSeminar, (c, f) -> c.api("GET", api + f.seminar().id(), null)));
        r.put("GET /api/seminars/{id}/articles/{slug}", new Rule(false, seeSeminar, (c, f) -> c.api("GET", api + f.seminar().id() + "/articles/" + slug, null)));
        r.put("GET /api/seminars/{id}/questions/{qid}/comments", new Rule(false, seeSeminar,
                (c, f) -> c.api("GET", api + f.seminar().id() + "/questions/" + question + "/comments", null)));
        r.put("POST /api/seminars/{id}/questions/{qid}/comments", new Rule(SEMINAR_PARENTS, seminarReply,
                (c, f) -> c.api("POST", api + f.seminar().id() + "/questions/" + question + "/comments",
                        "{\"body\":\"reply " + UUID.randomUUID() + "\",\"parentId\":" + f.commentId() + "}")));
        r.put("GET /api/seminars/{id}/participation", new Rule(false, runSeminar, (c, f) -> c.api("GET", api + f.seminar().id() + "/participation", null)));
        r.put("POST /api/seminars/{id}/reveal", new Rule(false, runSeminar, (c, f) -> c.api("POST", api + f.fresh().id() + "/reveal", null)));
        r.put("POST /api/seminars/{id}/freeze", new Rule(false, runSeminar, (c, f) -> c.api("POST", api + f.fresh().id() + "/freeze", "{\"frozen\":true}")));
        r.put("POST /api/seminars/{id}/archive", new Rule(false, runSeminar, (c, f) -> c.api("POST", api + f.fresh().id() + "/archive", null)));
        r.put("POST /api/seminars/{id}/code", new Rule(false, runSeminar, (c, f) -> c.api("POST", api + f.seminar().id() + "/code", null)));
        r.put("DELETE /api/seminars/{id}/members/{username}", new Rule(false, runSeminar,
                (c, f) -> c.api("DELETE", api + f.fresh().id() + "/members/alice", null)));
        r.put("GET /api/seminars/{id}/announcements", new Rule(false, seeSeminar, (c, f) -> c.api("GET", api + f.seminar().id() + "/announcements", null)));
        r.put("POST /api/seminars/{id}/announcements", new Rule(false, runSeminar,
                (c, f) -> c.api("POST", api + f.seminar().id() + "/announcements", "{\"body\":\"announced by " + c.username + "\"}")));
        r.put("GET /api/articles/{slug}/compare", new Rule(false, everyone, (c, f) -> c.api("GET", "/api/articles/" + slug + "/compare", null)));
        return r;
    }

    /** A public comment rule, applied inside a seminar; everyone outside it gets a 404, as for no comment. */
    private static BiFunction<Role, Target, Expect> inSeminar(BiFunction<Role, Target, Expect> rule) {
        return (role, t) -> t.seminar() && !role.insider() ? Expect.HIDDEN : rule.apply(role, t.state());
    }

    /** The create form answers 303 to the new seminar; a refusal comes back to the list with "Nothing was changed". */
    private static Answer created(Answer a) {
        return a;
    }

    /** The join form answers 303 to the seminar; a refused code comes back to the join page: a refusal. */
    private static Answer joined(Answer a) {
        return a.status() == 303 && a.location() != null && a.location().contains("/seminars/join") ? new Answer(400, a.location(), a.flash(), a.body()) : a;
    }

    // ---- fixtures ----

    /** A seminar on the seed article, run by {@code tutor}, with these members. */
    private Seminar seminar(String tutor, String... members) {
        String secret = "matrixsecret" + UUID.randomUUID().toString().replace("-", "");
        var made = Api.as(tutor).body(Map.of("name", "Seminar " + secret, "articles", List.of(slug))).post("/api/seminars")
                .then().statusCode(201).extract().jsonPath();
        Seminar s = new Seminar(made.getLong("id"), made.getString("joinCode"), secret);
        for (String member : members) {
            Api.as(member).body(Map.of("code", s.code())).post("/api/seminars/join").then().statusCode(200);
        }
        return s;
    }

    /** A seminar for one cell that changes it (archive, freeze, reveal, lock, remove, join): like S, or T for the tutor of another seminar. */
    private Seminar freshSeminar(Role role) {
        return role == Role.TUTOR_OF_OTHER_SEMINAR ? seminar("admin", "alice", "bob") : seminar("tutor", "alice", "carol");
    }

    /** A fresh comment of alice's in the seminar, in the given state; its text carries the seminar's secret. */
    private long seminarComment(Seminar seminar, Target target) {
        long id = Api.as("alice").body(Map.of("body", "seminar target " + seminar.secret() + " " + UUID.randomUUID()))
                .post("/api/seminars/" + seminar.id() + "/questions/" + question + "/comments").then().statusCode(201).extract().jsonPath().getLong("id");
        switch (target.state()) {
            case PENDING -> QuarkusTransaction.requiringNew().run(() ->
                    em.createNativeQuery("update comment set status = 'pending' where id = :id").setParameter("id", id).executeUpdate());
            case REJECTED -> Api.as("mod").body("{\"action\":\"reject\",\"reason\":\"spam\"}")
                    .post("/api/moderation/comments/" + id + "/actions").then().statusCode(200);
            case DELETED -> Api.as("alice").delete("/api/comments/" + id).then().statusCode(204);
            default -> {
            }
        }
        return id;
    }

    private static io.restassured.path.json.JsonPath profile(String username) {
        return Api.as(username).get("/api/me/profile").then().statusCode(200).extract().jsonPath();
    }

    /** The settings form with what is saved now, so sending it changes nothing. */
    private static Map<String, String> settingsForm(RoleClient c) {
        if (!c.signedIn()) {
            return Map.of("displayName", "nobody");
        }
        var p = profile(c.username);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("displayName", String.valueOf(p.getString("displayName")));
        form.put("bio", p.getString("bio") == null ? "" : p.getString("bio"));
        if (p.getBoolean("emailDigest")) {
            form.put("emailDigest", "on");
        }
        return form;
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String articleText() {
        try {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/articles/night-trains.txt"));
            return "Matrix " + UUID.randomUUID() + text.substring(text.indexOf('\n'));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String draftSlug;

    /** A draft article of admin's, whose status the cells set (to draft again: nothing changes). */
    private String draftSlug() {
        if (draftSlug == null) {
            draftSlug = Api.as("admin").body(Map.of("text", articleText())).post("/api/articles").then().statusCode(201)
                    .extract().jsonPath().getString("slug");
        }
        return draftSlug;
    }

    private long memberId(String username) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select id from member where username = :u")
                .setParameter("u", username).getSingleResult()).longValue());
    }

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
        return switch (target.state()) {
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
