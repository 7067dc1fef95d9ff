package org.agora.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.agora.AgoraConfig;
import org.agora.question.Question;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class SeedArticlesTest {

    @Inject
    ArticleService articles;

    @Inject
    SeedArticles seed;

    @Inject
    AgoraConfig config;

    @Test
    void seedIsPostedOnceAndPostingAgainAddsNothing() throws IOException {
        long id = QuarkusTransaction.requiringNew().call(() -> Article.findBySlug(Api.SEED_SLUG).orElseThrow().id);
        long questions = QuarkusTransaction.requiringNew().call(() -> Question.count("articleId", id));
        long blocks = QuarkusTransaction.requiringNew().call(() -> ArticleBlock.count("articleId", id));

        seed.onStart(null); // what a second start (or a second replica) does
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                "seed/why-is-nato-expanding-its-reach-to-the-asia-pacific-region.txt")) {
            assertThat(articles.post(new String(in.readAllBytes(), StandardCharsets.UTF_8))).isEqualTo(id);
        }

        assertThat(QuarkusTransaction.requiringNew().call(() -> Article.count("slug", Api.SEED_SLUG))).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Question.count("articleId", id))).isEqualTo(questions).isGreaterThanOrEqualTo(3);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ArticleBlock.count("articleId", id))).isEqualTo(blocks).isGreaterThan(30);
    }

    /** The start-up shortcut looks each seed article up by this slug; it must be the one the parser gives. */
    @Test
    void theShortcutLooksForTheSlugTheParserGives() throws IOException {
        assertThat(config.seed().articles()).isNotEmpty();
        for (String resource : config.seed().articles()) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(SeedArticles.slugOf(text)).isEqualTo(new ArticleImporter().parse(text).slug());
            }
        }
        String awkward = "\uFEFF\n\n  Why do Grgić’s \"votes\" count?  \r\n\nA body paragraph that ends here.\n";
        assertThat(SeedArticles.slugOf(awkward)).isEqualTo(new ArticleImporter().parse(awkward).slug())
                .isEqualTo("why-do-grgics-votes-count");
    }
}
