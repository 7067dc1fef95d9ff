package org.agora.vote;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.agora.comment.CommentService;
import org.agora.member.MemberService;
import org.agora.reaction.ReactionService;
import org.agora.reaction.ReactionSummary;
import org.agora.security.Viewer;
import org.agora.testing.Api;
import org.agora.testing.AgoraStack;
import org.agora.testing.AtOnce;
import org.junit.jupiter.api.Test;

/**
 * Many people writing at once, through the same services the HTTP layer uses, on the real database:
 * tallies must equal the rows, and duplicates must change nothing.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class ConcurrentVotingTest {

    private static final int PEOPLE = 50;

    @Inject
    VoteService votes;

    @Inject
    ReactionService reactions;

    @Inject
    CommentService comments;

    @Inject
    MemberService members;

    @Inject
    EntityManager em;

    @Inject
    org.agora.AgoraConfig config;

    @Test
    void fiftyPeopleVotingAtOnceGiveExactlyFifty() throws Exception {
        List<Viewer> people = AtOnce.members(members, "voter", PEOPLE);
        long commentId = comments.post(people.get(0), Api.questionId("Why now?"), null, "Vote for this, everyone.", null);
        List<Viewer> voters = people.subList(1, PEOPLE);
        List<Viewer> outsiders = AtOnce.members(members, "late-voter", PEOPLE).subList(0, 1);
        List<Viewer> all = new ArrayList<>(voters);
        all.addAll(outsiders);

        AtOnce.forEach(all, viewer -> votes.voteOnComment(viewer, commentId, 1));
        assertThat(counts("comment", commentId)).containsExactly(PEOPLE, 0);
        assertThat(rows("select count(*) from comment_vote where comment_id = " + commentId)).isEqualTo(PEOPLE);

        // duplicates and flips, all at once: each person sends up, down, up; the last one they send wins per person,
        // but whatever the interleaving, the counters must equal the rows
        AtOnce.forEach(all, viewer -> {
            votes.voteOnComment(viewer, commentId, -1);
            votes.voteOnComment(viewer, commentId, 1);
            votes.voteOnComment(viewer, commentId, viewer.memberId() % 2 == 0 ? -1 : 0);
        });
        int[] counts = counts("comment", commentId);
        assertThat(counts[0]).isEqualTo(rows("select count(*) from comment_vote where value = 1 and comment_id = " + commentId));
        assertThat(counts[1]).isEqualTo(rows("select count(*) from comment_vote where value = -1 and comment_id = " + commentId));
        long evens = all.stream().filter(v -> v.memberId() % 2 == 0).count();
        assertThat(counts[1]).isEqualTo((int) evens);
        assertThat(counts[0]).isZero();
    }

    @Test
    void concurrentReactionsKeepTheTallyEqualToTheRows() throws Exception {
        List<Viewer> people = AtOnce.members(members, "reactor", PEOPLE);
        AtOnce.forEach(people, viewer -> {
            reactions.react(viewer, Api.SEED_SLUG, "like");
            reactions.react(viewer, Api.SEED_SLUG, "like");
            reactions.react(viewer, Api.SEED_SLUG, viewer.memberId() % 3 == 0 ? "sad" : "funny");
            if (viewer.memberId() % 5 == 0) {
                reactions.withdraw(viewer, Api.SEED_SLUG);
            }
        });
        ReactionSummary summary = reactions.summary(articleId(), Viewer.ANONYMOUS);
        for (ReactionSummary.Count count : summary.counts()) {
            assertThat(count.count())
                    .as("tally of %s", count.kind())
                    .isEqualTo(rows("select count(*) from reaction where article_id = " + articleId() + " and kind = '" + count.kind() + "'"));
        }
        assertThat(rows("select count(*) from (select member_id from reaction group by article_id, member_id having count(*) > 1) d")).isZero();
    }

    /**
     * People changing their reactions in opposite directions at once (like to love, love to like) update the same
     * two tally rows when they share a slot (migrations/V11: members whose ids are 32 apart); the rows must be taken in
     * one fixed order, or two such changes deadlock and one fails. So the people here are 24 members of one slot,
     * half of them going each way.
     */
    @Test
    void oppositeReactionChangesAtOnceNeverDeadlock() throws Exception {
        List<Viewer> people = new ArrayList<>();
        while (people.size() < 24) {
            AtOnce.members(members, "switcher", PEOPLE).stream().filter(v -> v.memberId() % 32 == 7).forEach(people::add);
        }
        AtOnce.forEach(people, viewer -> {
            boolean even = people.indexOf(viewer) % 2 == 0;
            for (int i = 0; i < 8; i++) {
                reactions.react(viewer, Api.SEED_SLUG, (i % 2 == 0) == even ? "like" : "love");
            }
        });
        for (String kind : List.of("like", "love")) {
            assertThat(rows("select coalesce(sum(count), 0) from article_reaction_tally_slot where article_id = " + articleId() + " and kind = '" + kind + "'"))
                    .as("tally of %s", kind)
                    .isEqualTo(rows("select count(*) from reaction where article_id = " + articleId() + " and kind = '" + kind + "'"));
        }
    }

    @Test
    void aDoubleClickedFormPostsOnceEvenAtTheRateLimit() throws Exception {
        Viewer author = AtOnce.members(members, "double-clicker", PEOPLE).get(0);
        long question = Api.questionId("Why now?");
        // one comment left in this window: the first click may post, and its twin must find that comment
        // rather than be refused by the limit
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into rate_limit (member_id, action, window_start, count) values (:m, 'comment', now(), :c)
                        on conflict (member_id, action) do update set window_start = now(), count = :c""")
                .setParameter("m", author.memberId())
                .setParameter("c", config.rateLimits().comments() - 1)
                .executeUpdate());
        UUID formKey = UUID.randomUUID();
        List<Long> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtOnce.forEach(List.of(author, author), viewer -> ids.add(comments.post(viewer, question, null, "Clicked twice.", formKey)));
        assertThat(ids).hasSize(2);
        assertThat(ids.get(0)).isEqualTo(ids.get(1));
        assertThat(rows("select count(*) from comment where submission_key = '" + formKey + "'")).isEqualTo(1);
    }

    private int[] counts(String table, long id) {
        Object[] row = QuarkusTransaction.requiringNew().call(
                () -> (Object[]) em.createNativeQuery("select ups, downs from " + table + " where id = " + id).getSingleResult());
        return new int[] {((Number) row[0]).intValue(), ((Number) row[1]).intValue()};
    }

    private int rows(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).intValue());
    }

    private long articleId() {
        return rows("select id from article where slug = '" + Api.SEED_SLUG + "'");
    }
}
