package org.agora.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {

    private static final String SLUG_FORMAT = "^[a-z0-9]+(-[a-z0-9]+)*$"; // the article_slug_format constraint

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Why is NATO expanding its reach to the Asia-Pacific region? | why-is-nato-expanding-its-reach-to-the-asia-pacific-region
            NATO’s interest in the Asia-Pacific                         | natos-interest-in-the-asia-pacific
            NATO's interest                                             | natos-interest
            Gorana Grgić                                                | gorana-grgic
            Café culture in Montréal                                    | cafe-culture-in-montreal
            Ça va? Les élèves de Zürich                                 | ca-va-les-eleves-de-zurich
            Øresund, Ærø and Straße                                     | oresund-aero-and-strasse
            Łódź and Đakovo                                             | lodz-and-dakovo
            ﬁnancial ﬂows (ligatures)                                   | financial-flows-ligatures
            '  --Hello,   World!!  '                                    | hello-world
            It's 2.0 – or is it?                                        | its-2-0-or-is-it
            rock ‘n’ roll                                               | rock-n-roll
            UPPER case MiXeD                                            | upper-case-mixed
            10°C hotter                                                 | 10-c-hotter
            """)
    void slugify(String title, String expected) {
        assertThat(Slugs.slugify(title)).isEqualTo(expected).matches(SLUG_FORMAT);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "???", "’’’", "日本語のタイトル", "—–-", "🙂"})
    void neverEmpty(String title) {
        assertThat(Slugs.slugify(title)).isEqualTo("article");
    }

    @Test
    void longTitlesAreCutAtAHyphen() {
        String title = "Why the long and winding road of climate negotiations keeps leading back to the same "
                + "unresolved questions about money, responsibility and trust between rich and poor nations";
        String slug = Slugs.slugify(title);
        assertThat(slug).hasSizeLessThanOrEqualTo(120).matches(SLUG_FORMAT)
                .isEqualTo("why-the-long-and-winding-road-of-climate-negotiations-keeps-leading-back-to-the-same-"
                        + "unresolved-questions-about-money");
    }

    @Test
    void aWordEndingExactlyAtTheLimitIsKept() {
        String title = "a".repeat(119) + " b c";
        assertThat(Slugs.slugify(title)).isEqualTo("a".repeat(119));
        String exact = "x".repeat(58) + " " + "y".repeat(61) + " z";
        assertThat(Slugs.slugify(exact)).isEqualTo("x".repeat(58) + "-" + "y".repeat(61)).hasSize(120);
    }

    @Test
    void aSingleHugeWordIsCutAtTheLimit() {
        assertThat(Slugs.slugify("x".repeat(500))).isEqualTo("x".repeat(120));
    }

    @Test
    void aHugeTitleIsCheap() {
        assertThat(Slugs.slugify("word ".repeat(1_000_000))).hasSizeLessThanOrEqualTo(120).matches(SLUG_FORMAT);
    }
}
