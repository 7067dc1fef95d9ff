package org.agora.comment;

import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class QuotingTest {

    @Inject
    EntityManager em;

    private static final int BLOCK = 3;

    private String blockText() {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("""
                select b.text from article_block b join article a on a.id = b.article_id where a.slug = :s and b.position = :p""")
                .setParameter("s", Api.SEED_SLUG).setParameter("p", BLOCK).getSingleResult());
    }

    private static int quotes(Document page) {
        Element block = page.getElementById("b-" + BLOCK);
        String title = block.attr("title");
        return title.isEmpty() ? 0 : Integer.parseInt(title.replaceAll("\\D", ""));
    }

    private static Document articlePage() {
        return Jsoup.parse(anonymous().accept("text/html").get("/articles/" + Api.SEED_SLUG).then().statusCode(200).extract().asString());
    }

    @Test
    void aQuoteLinksBackToTheExactPassageAndWarmsTheHeatMap() {
        String text = blockText();
        assertThat(text.length()).isGreaterThan(40);
        String passage = text.substring(0, 40).strip();
        long q = questionId("Why now?");
        int before = quotes(articlePage());

        var comment = as("alice").body(Map.of("body", "This is the key point.", "quote", Map.of("block", BLOCK, "start", 0, "end", 40)))
                .post("/api/questions/" + q + "/comments").then().statusCode(201).extract().jsonPath();
        Document body = Jsoup.parseBodyFragment(comment.getString("bodyHtml"));
        assertThat(body.select("blockquote").text()).startsWith(passage.substring(0, 20));
        String href = body.select("blockquote a").attr("href");
        assertThat(href).startsWith("http://localhost:8080/articles/" + Api.SEED_SLUG + "#b-" + BLOCK + ":~:text=");
        assertThat(body.select("p").last().text()).isEqualTo("This is the key point.");

        Document page = articlePage();
        assertThat(quotes(page)).isEqualTo(before + 1);
        assertThat(page.getElementById("b-" + BLOCK).classNames()).contains("quoted");

        // a removed comment's quote no longer counts
        long removed = as("bob").body(Map.of("body", "Me too.", "quote", Map.of("block", BLOCK, "start", 5, "end", 30)))
                .post("/api/questions/" + q + "/comments").then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(quotes(articlePage())).isEqualTo(before + 2);
        as("mod").body(Map.of("action", "remove", "reason", "spam")).post("/api/moderation/comments/" + removed + "/actions").then().statusCode(200);
        assertThat(quotes(articlePage())).isEqualTo(before + 1);
    }

    @Test
    void aQuoteOutsideTheArticleIsRefused() {
        long q = questionId("Why now?");
        int length = blockText().length();
        for (Map<String, Object> quote : java.util.List.<Map<String, Object>>of(
                Map.of("block", 99999, "start", 0, "end", 10),
                Map.of("block", BLOCK, "start", 0, "end", length + 1),
                Map.of("block", BLOCK, "start", 10, "end", 10),
                Map.of("block", BLOCK, "start", -1, "end", 10),
                Map.of("block", BLOCK, "start", 0))) {
            as("alice").body(Map.of("body", "quote", "quote", quote)).post("/api/questions/" + q + "/comments").then()
                    .statusCode(400).contentType("application/problem+json").body("field", equalTo("quote"));
        }
    }
}
