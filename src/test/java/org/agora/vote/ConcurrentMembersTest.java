package org.agora.vote;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.agora.testing.AgoraStack;
import org.agora.testing.AtOnce;
import org.agora.testing.Api;
import org.agora.testing.KeycloakTokens;
import org.agora.testing.KeycloakUsers;
import org.agora.testing.RoleClient;
import org.agora.testing.RoleClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * 50 distinct Keycloak members, each sending 20 mixed vote and reaction requests (duplicates and flips included)
 * through the real HTTP API, all at once. Afterwards every tally equals its rows, nobody has two rows on one target,
 * and replaying 1,000 duplicates of the final state changes nothing. A form submitted ten times at once posts once.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class ConcurrentMembersTest {

    private static final int MEMBERS = 50;
    private static final int REQUESTS_EACH = 20;
    private static final List<String> KINDS = List.of("like", "dislike", "love", "funny", "angry", "sad", "wow");

    @TestHTTPResource("/")
    URL app;

    @Inject
    EntityManager em;

    @Test
    void fiftyMembersVotingAndReactingAtOnceKeepEveryTallyExact() throws Exception {
        String prefix = "load-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> members = KeycloakUsers.create(prefix, MEMBERS);
        try {
            String base = app.toString().replaceAll("/$", "");
            Map<String, RoleClient> clients = new ConcurrentHashMap<>();
            AtOnce.run(members.stream().<Callable<Object>>map(m -> () -> clients.put(m, RoleClient.withToken(base, m, KeycloakTokens.accessToken(m, m)))).toList(), 16);
            long question = Api.questionId("Why now?");
            List<Long> comments = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                comments.add(Api.as("alice").body("{\"body\":\"vote on me " + i + " " + UUID.randomUUID() + "\"}")
                        .post("/api/questions/" + question + "/comments").then().statusCode(201).extract().jsonPath().getLong("id"));
            }
            Random random = new Random(42);
            List<Callable<Object>> requests = new ArrayList<>();
            for (String member : members) {
                RoleClient client = clients.get(member);
                for (int r = 0; r < REQUESTS_EACH; r++) {
                    int pick = random.nextInt(10);
                    long comment = comments.get(random.nextInt(comments.size()));
                    int value = random.nextInt(3) - 1;
                    String kind = KINDS.get(random.nextInt(3)); // few kinds: many duplicates
                    requests.add(switch (pick) {
                        case 0, 1, 2, 3 -> () -> ok(client.api("PUT", "/api/comments/" + comment + "/vote", "{\"value\":" + value + "}"));
                        case 4, 5 -> () -> ok(client.api("PUT", "/api/questions/" + question + "/vote", "{\"value\":" + value + "}"));
                        case 6, 7, 8 -> () -> ok(client.api("PUT", "/api/articles/" + Api.SEED_SLUG + "/reaction", "{\"kind\":\"" + kind + "\"}"));
                        default -> () -> ok(client.api("DELETE", "/api/articles/" + Api.SEED_SLUG + "/reaction", null));
                    });
                }
            }
            Collections.shuffle(requests, random);
            AtOnce.run(requests, 64);
            String afterLoad = assertTalliesEqualRows(question, comments);

            // replay 1,000 duplicates of what each member now has: nothing may change
            List<Callable<Object>> replays = new ArrayList<>();
            for (int i = 0; i < MEMBERS * REQUESTS_EACH; i++) {
                String member = members.get(i % MEMBERS);
                RoleClient client = clients.get(member);
                long comment = comments.get(i % comments.size());
                switch (i % 3) {
                    case 0 -> {
                        int mine = value("select coalesce(max(v.value), 0) from comment_vote v join member m on m.id = v.member_id"
                                + " where m.username = '" + member + "' and v.comment_id = " + comment);
                        replays.add(() -> ok(client.api("PUT", "/api/comments/" + comment + "/vote", "{\"value\":" + mine + "}")));
                    }
                    case 1 -> {
                        int mine = value("select coalesce(max(v.value), 0) from question_vote v join member m on m.id = v.member_id"
                                + " where m.username = '" + member + "' and v.question_id = " + question);
                        replays.add(() -> ok(client.api("PUT", "/api/questions/" + question + "/vote", "{\"value\":" + mine + "}")));
                    }
                    default -> {
                        String kind = text("select coalesce(max(r.kind), '') from reaction r join member m on m.id = r.member_id"
                                + " join article a on a.id = r.article_id where m.username = '" + member + "' and a.slug = '" + Api.SEED_SLUG + "'");
                        replays.add(kind.isEmpty()
                                ? () -> ok(client.api("DELETE", "/api/articles/" + Api.SEED_SLUG + "/reaction", null))
                                : () -> ok(client.api("PUT", "/api/articles/" + Api.SEED_SLUG + "/reaction", "{\"kind\":\"" + kind + "\"}")));
                    }
                }
            }
            Collections.shuffle(replays, random);
            AtOnce.run(replays, 64);
            assertThat(assertTalliesEqualRows(question, comments)).as("tallies and rows after 1,000 duplicate requests").isEqualTo(afterLoad);
        } finally {
            KeycloakUsers.delete(prefix);
        }
    }

    @Test
    void aFormSubmittedTenTimesAtOncePostsOneComment() throws Exception {
        String base = app.toString().replaceAll("/$", "");
        RoleClient carol = RoleClient.signIn(base, "carol");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + Api.questionId("Why now?");
        String key = UUID.randomUUID().toString();
        String text = "clicked ten times " + UUID.randomUUID();
        List<Callable<Object>> clicks = new ArrayList<>();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 10; i++) {
            clicks.add(() -> statuses.add(carol.form("POST", thread + "/comments", Map.of("body", text, "submissionKey", key)).status()));
        }
        AtOnce.run(clicks, 10);
        assertThat(statuses).containsOnly(303);
        assertThat(value("select count(*) from comment where body = '" + text + "'")).isEqualTo(1);
    }

    /** Checks the invariants and returns a fingerprint of the tallies and rows. */
    private String assertTalliesEqualRows(long question, List<Long> comments) {
        StringBuilder fingerprint = new StringBuilder();
        for (long comment : comments) {
            int ups = value("select ups from comment where id = " + comment);
            int downs = value("select downs from comment where id = " + comment);
            assertThat(ups).as("ups of comment %d", comment).isEqualTo(value("select count(*) from comment_vote where value = 1 and comment_id = " + comment));
            assertThat(downs).as("downs of comment %d", comment).isEqualTo(value("select count(*) from comment_vote where value = -1 and comment_id = " + comment));
            fingerprint.append(comment).append(':').append(ups).append('/').append(downs).append(' ');
        }
        int qUps = value("select ups from question where id = " + question);
        int qDowns = value("select downs from question where id = " + question);
        assertThat(qUps).isEqualTo(value("select count(*) from question_vote where value = 1 and question_id = " + question));
        assertThat(qDowns).isEqualTo(value("select count(*) from question_vote where value = -1 and question_id = " + question));
        fingerprint.append("q:").append(qUps).append('/').append(qDowns).append(' ');
        for (String kind : KINDS) {
            int tally = value("select coalesce(sum(t.count), 0) from article_reaction_tally_slot t join article a on a.id = t.article_id"
                    + " where a.slug = '" + Api.SEED_SLUG + "' and t.kind = '" + kind + "'");
            assertThat(tally).as("tally of %s", kind).isEqualTo(value("select count(*) from reaction r join article a on a.id = r.article_id"
                    + " where a.slug = '" + Api.SEED_SLUG + "' and r.kind = '" + kind + "'"));
            fingerprint.append(kind).append(':').append(tally).append(' ');
        }
        assertThat(value("select count(*) from (select 1 from comment_vote group by comment_id, member_id having count(*) > 1) d")).isZero();
        assertThat(value("select count(*) from (select 1 from question_vote group by question_id, member_id having count(*) > 1) d")).isZero();
        assertThat(value("select count(*) from (select 1 from reaction group by article_id, member_id having count(*) > 1) d")).isZero();
        fingerprint.append("rows:").append(text("select count(*) || '/' || coalesce(sum(hashtext(v::text)::bigint), 0) from comment_vote v"))
                .append(' ').append(text("select count(*) || '/' || coalesce(sum(hashtext(v::text)::bigint), 0) from question_vote v"))
                .append(' ').append(text("select count(*) || '/' || coalesce(sum(hashtext(r::text)::bigint), 0) from reaction r"));
        return fingerprint.toString();
    }

    private static Object ok(Answer answer) {
        if (answer.status() != 200 && answer.status() != 204) {
            throw new AssertionError("HTTP " + answer.status() + ": " + answer.body());
        }
        return answer.status();
    }

    private int value(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).intValue());
    }

    private String text(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery(sql).getSingleResult()));
    }
}
