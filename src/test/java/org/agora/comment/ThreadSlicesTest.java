package org.agora.comment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import java.util.function.Predicate;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * A thread page's selection of comments is kept for every viewer (ThreadSlices): a change made behind the app's back,
 * as another replica would make it, shows as soon as this replica hears of it, and a viewer's own held comment shows
 * to them only.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class ThreadSlicesTest {

    @Inject
    EntityManager em;

    private static String branchOf(long whyNow, long answer) {
        return "/articles/" + Api.SEED_SLUG + "/questions/" + whyNow + "?sort=new&branch=" + answer;
    }

    private static Document pageAs(String user, String path) {
        return Jsoup.parse(Api.as(user).accept("text/html").get(path).then().statusCode(200).extract().asString());
    }

    /** Polls alice's page for up to 5 s (notifications arrive in milliseconds; the kept selection would last 60 s). */
    private static Document awaitPage(String path, Predicate<Document> shows) throws InterruptedException {
        Document page = pageAs("alice", path);
        for (int i = 0; i < 50 && !shows.test(page); i++) {
            Thread.sleep(100);
            page = pageAs("alice", path);
        }
        return page;
    }

    @Test
    void aChangeWrittenElsewhereShowsOnceThisReplicaHearsIt() throws InterruptedException {
        long whyNow = Api.questionId("Why now?");
        long answer = Api.comment("carol", whyNow, "Kept, then changed elsewhere. " + UUID.randomUUID(), null);
        String path = branchOf(whyNow, answer);
        assertThat(pageAs("alice", path).select("li.comment")).hasSize(1);
        assertThat(pageAs("alice", path).select("li.comment")).hasSize(1); // kept now

        // another replica's reply and someone's vote, straight into the database
        String text = "Written by another replica " + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                            insert into comment (question_id, parent_id, author_id, depth, body, body_html)
                            select question_id, id, author_id, 1, :text, '<p>' || :text || '</p>' from comment where id = :answer""")
                    .setParameter("text", text).setParameter("answer", answer).executeUpdate();
            em.createNativeQuery("update comment set ups = ups + 7 where id = :answer").setParameter("answer", answer).executeUpdate();
        });

        Document page = awaitPage(path, p -> !p.select("li.comment .body:contains(" + text + ")").isEmpty());
        assertThat(page.select("li.comment .body:contains(" + text + ")")).hasSize(1);
        assertThat(page.select("#c-" + answer + " .score").first().text()).isEqualTo("7");
    }

    @Test
    void aHeldCommentShowsToItsAuthorAndNotToOthers() {
        long whyNow = Api.questionId("Why now?");
        long answer = Api.comment("carol", whyNow, "An answer whose reply is held. " + UUID.randomUUID(), null);
        String path = branchOf(whyNow, answer);
        pageAs("alice", path);
        pageAs("alice", path); // kept

        String held = "Held for review " + UUID.randomUUID();
        long reply = Api.withPremoderation(em, () -> Api.comment("bob", whyNow, held, answer));

        Document bobs = pageAs("bob", path);
        assertThat(bobs.select("#c-" + reply + " .body").text()).isEqualTo(held);
        assertThat(bobs.select("#c-" + reply + " .moderation-note")).isNotEmpty();
        assertThat(pageAs("alice", path).select("#c-" + reply)).isEmpty();
        assertThat(Jsoup.parse(Api.anonymous().accept("text/html").get(path).then().statusCode(200).extract().asString())
                .select("#c-" + reply)).isEmpty();
        assertThat(pageAs("bob", path).select("#c-" + reply)).hasSize(1);
    }
}
