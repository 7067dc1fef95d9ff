package org.agora.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.List;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.agora.article.ArticleService;
import org.agora.comment.CommentService;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Structure, not time: the SQL a page runs must not grow with the number of comments (no N+1). */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class StatementCountTest {

    private static final int MAX_STATEMENTS_PER_PAGE = 8;

    /** A signed-in request also runs SignedOutSessions' statement (sign-out check, member, standing), outside Hibernate's statistics. */
    private static final int SIGN_OUT_CHECK = 1;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    EntityManager em;

    @Inject
    ArticleService articles;

    @Inject
    org.agora.comment.ThreadSlices threadSlices;

    @Inject
    PageCache pageCache;

    @Test
    void articleAndThreadPagesRunAFixedNumberOfStatements() {
        long question = Api.questionId("Why is NATO expanding its reach…?");
        String thread = "/articles/" + Api.SEED_SLUG + "/questions/" + question;
        String article = "/articles/" + Api.SEED_SLUG;
        String token = Api.token("alice");

        addComments(question, 3);
        long threadBefore = statementsFor(thread, token);
        long articleBefore = statementsFor(article, token);

        addComments(question, 40);
        long threadAfter = statementsFor(thread, token);
        long articleAfter = statementsFor(article, token);

        System.out.printf("statements per page: thread %d, article %d (signed in)%n", threadAfter, articleAfter);
        assertThat(threadBefore).as("statistics are collected").isPositive();
        assertThat(threadAfter).isEqualTo(threadBefore).isLessThanOrEqualTo(MAX_STATEMENTS_PER_PAGE - SIGN_OUT_CHECK);
        assertThat(articleAfter).isEqualTo(articleBefore).isLessThanOrEqualTo(MAX_STATEMENTS_PER_PAGE - SIGN_OUT_CHECK);
        assertThat(statementsFor(thread, null)).isLessThanOrEqualTo(threadAfter);
    }

    /**
     * Long threads are paged: whether a thread has 300 or 1,500 comments, its page (and its next page, and a
     * branch) runs the same statements, at most eight, and shows one page of answers with "show more" links.
     */
    @Test
    void longThreadPagesRunAFixedNumberOfStatementsWhateverTheirSize() throws IOException {
        long articleId;
        try (InputStream in = getClass().getResourceAsStream("/articles/urban-heat-islands.txt")) {
            articleId = articles.post(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Object[] q = (Object[]) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select q.id, a.slug from question q join article a on a.id = q.article_id where a.id = :a order by q.position limit 1")
                .setParameter("a", articleId).getSingleResult());
        long question = ((Number) q[0]).longValue();
        String thread = "/articles/" + q[1] + "/questions/" + question;
        String token = Api.token("alice");

        insertThread(question, 300);
        long firstPage = statementsFor(thread, token);
        Document page = Jsoup.parse(given().auth().oauth2(token).get(thread).then().statusCode(200).extract().asString());
        assertThat(page.select(".comments > li.depth-0")).hasSize(CommentService.ANSWERS_PER_PAGE);
        assertThat(page.select(".pager a[rel=next]")).hasSize(1);
        assertThat(page.select(".more-replies")).as("deep or wide branches are collapsed").isNotEmpty();
        String branch = page.select(".more-replies").first().attr("href");

        insertThread(question, 1200);
        long longer = statementsFor(thread, token);
        assertThat(lastKept).as("a signed-in page of a kept thread selection skips the thread's own statements")
                .isLessThanOrEqualTo(longer - 2);
        long secondPage = statementsFor(thread + "?page=2", token);
        long branchPage = statementsFor(thread + branch.substring(0, branch.indexOf('#')), token);
        long anonymous = statementsFor(thread + "?sort=new", null);
        Document after = Jsoup.parse(given().auth().oauth2(token).get(thread).then().statusCode(200).extract().asString());

        System.out.printf("statements per long-thread page: %d (300 comments), %d (1,500), page 2 %d, branch %d, anonymous %d%n",
                firstPage, longer, secondPage, branchPage, anonymous);
        assertThat(firstPage).as("statistics are collected").isPositive();
        assertThat(longer).isEqualTo(firstPage).isLessThanOrEqualTo(MAX_STATEMENTS_PER_PAGE - SIGN_OUT_CHECK);
        assertThat(secondPage).isEqualTo(firstPage);
        assertThat(branchPage).isLessThanOrEqualTo(MAX_STATEMENTS_PER_PAGE - SIGN_OUT_CHECK);
        assertThat(anonymous).isLessThanOrEqualTo(firstPage);
        assertThat(after.select(".comments > li")).as("the page shows a bounded part of the thread")
                .hasSizeLessThanOrEqualTo(CommentService.ANSWERS_PER_PAGE * (1 + 3 + 9 + 27));
        assertThat(after.select(".comments > li.depth-0")).hasSize(CommentService.ANSWERS_PER_PAGE);
        assertThat(after.select(".pager span").text()).contains("Page 1 of");

        // a page number past the end (an old link, or a forged one) shows the last page
        String pages = after.select(".pager span").text().replaceAll(".*Page 1 of (\\d+).*", "$1");
        for (String past : List.of("?page=" + (Integer.parseInt(pages) + 1), "?page=2147483647")) {
            Document last = Jsoup.parse(given().auth().oauth2(token).get(thread + past).then().statusCode(200).extract().asString());
            assertThat(last.select(".pager span").text()).contains("Page " + pages + " of " + pages);
            assertThat(last.select(".comments > li.depth-0")).isNotEmpty();
        }
    }

    /** Adds {@code count} published comments (a third answers, the rest replies) to a question, with its counter. */
    private void insertThread(long question, int count) {
        String sql = """
                do $$
                declare
                    ids bigint[] := array[]::bigint[];
                    depths int[] := array[]::int[];
                    author bigint := (select min(id) from member);
                    p int;
                    new_id bigint;
                begin
                    for i in 1 .. %d loop
                        p := case when i %% 3 = 1 then null else 1 + ((i * 7919) %% array_length(ids, 1)) end;
                        insert into comment (question_id, parent_id, author_id, depth, body, body_html, ups, downs)
                        values (%d, case when p is null then null else ids[p] end, author,
                                case when p is null then 0 else depths[p] + 1 end, 'Comment ' || i, '<p>Comment ' || i || '</p>', i %% 5, i %% 2)
                        returning id into new_id;
                        ids := ids || new_id;
                        depths := depths || case when p is null then 0 else depths[p] + 1 end;
                    end loop;
                    update question set comment_count = comment_count + %d where id = %d;
                end $$""".formatted(count, question, count, question);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate());
    }

    private void addComments(long question, int count) {
        Long parent = null;
        for (int i = 0; i < count; i++) {
            String author = i % 2 == 0 ? "bob" : "carol";
            Map<String, Object> body = parent == null || i % 3 == 0 ? Map.of("body", "comment " + i) : Map.of("body", "reply " + i, "parentId", parent);
            long id = Api.as(author).body(body).post("/api/questions/" + question + "/comments").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            Api.as(author.equals("bob") ? "carol" : "bob").body(Map.of("value", 1)).put("/api/comments/" + id + "/vote").then().statusCode(200);
            parent = id;
        }
    }

    /**
     * The statements of one GET of {@code path} with nothing kept (the worst case: ThreadSlices emptied first), after
     * one unmeasured GET; checks that the same GET with the thread's selection kept runs no more.
     */
    private long statementsFor(String path, String bearerToken) {
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        var request = given();
        if (bearerToken != null) {
            request.auth().oauth2(bearerToken);
        }
        request.get(path).then().statusCode(200); // warm: the first request of a member creates their row
        // the votes' events come through the outbox (V10) after the votes have answered: once they have all arrived,
        // none can drop the selection kept below between the two measured GETs
        pageCache.awaitInvalidations();
        threadSlices.clear();
        statistics.clear();
        request.get(path).then().statusCode(200);
        long cold = statistics.getPrepareStatementCount();
        statistics.clear();
        request.get(path).then().statusCode(200);
        lastKept = statistics.getPrepareStatementCount();
        assertThat(lastKept).as("a kept selection only saves statements: " + path).isLessThanOrEqualTo(cold);
        return cold;
    }

    /** The statements of the last {@link #statementsFor}'s GET with the thread's selection kept. */
    private long lastKept;
}
