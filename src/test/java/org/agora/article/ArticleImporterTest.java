package org.agora.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agora.article.ImportedArticle.Block;
import org.agora.article.ImportedArticle.BlockKind;
import org.agora.article.ImportedArticle.ExtractedQuestion;
import org.agora.article.ImportedArticle.QuestionKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleImporterTest {

    private static final List<String> ALL_REACTIONS = List.of("like", "dislike", "love", "funny", "angry", "sad", "wow");

    private final ArticleImporter importer = new ArticleImporter();

    // ------------------------------------------------------------------------------------------- the seed

    @Nested
    class Seed {

        private final ImportedArticle article = importer.parse(resource("nato-asia-pacific.txt"));

        @Test
        void headerFields() {
            assertThat(article.title()).isEqualTo("Why is NATO expanding its reach to the Asia-Pacific region?");
            assertThat(article.slug()).isEqualTo("why-is-nato-expanding-its-reach-to-the-asia-pacific-region");
            assertThat(article.standfirst()).isEqualTo("Since Russia invaded Ukraine last year, NATO meetings and summits "
                    + "have been receiving significantly more attention compared to previous years");
            assertThat(article.imageCaption())
                    .isEqualTo("Nato-øvelsen Trident Juncture 2018. Av C. Valverde/Nato. CC BY NC ND 2.0");
            assertThat(article.readingMinutes()).isEqualTo(11);
            assertThat(article.author()).isEqualTo("Gorana Grgić");
            assertThat(article.affiliation()).isEqualTo("University of Sydney");
        }

        @Test
        void footerFields() {
            assertThat(article.authorBio()).isEqualTo("Gorana Grgić, Senior Lecturer, Department of Government and "
                    + "International Relations and US Studies Centre, University of Sydney");
            assertThat(article.attribution()).isEqualTo("This article is republished from The Conversation under a "
                    + "Creative Commons license. Read the original article.");
            assertThat(article.reactionKinds()).containsExactly("like", "dislike", "love", "funny", "angry", "sad", "wow");
        }

        @Test
        void bodyHasThreeHeadingsAndThirtyTwoParagraphs() {
            assertThat(article.blocks()).hasSize(35);
            assertPositionsAreSequential(article);
            assertThat(article.blocks()).filteredOn(b -> b.kind() == BlockKind.HEADING)
                    .extracting(Block::position, Block::text)
                    .containsExactly(
                            tuple(4, "NATO’s interest in the Asia-Pacific"),
                            tuple(13, "What these new partnerships will look like"),
                            tuple(23, "Why is this happening now?"));
            assertThat(article.blocks()).filteredOn(b -> b.kind() == BlockKind.PARAGRAPH).hasSize(32);
        }

        @Test
        void bodyStartsAfterTheBylineAndEndsWithoutTheLogo() {
            assertThat(article.blocks().get(0).text()).isEqualTo("And there are several big-ticket items on the agenda "
                    + "at the upcoming summit in Vilnius, Lithuania, which begins on Tuesday.");
            Block last = article.blocks().get(article.blocks().size() - 1);
            assertThat(last.kind()).isEqualTo(BlockKind.PARAGRAPH);
            assertThat(last.text()).startsWith("However, all four Indo-Pacific countries").endsWith("not less.")
                    .doesNotContain("The Conversation");
        }

        @Test
        void headerAndFooterLinesAreNotBody() {
            assertThat(article.blocks()).extracting(Block::text).noneMatch(text -> text.equals(article.title())
                    || text.startsWith("Nato-øvelsen") || text.startsWith("Estimated reading time")
                    || text.startsWith("Gorana Grgić") || text.startsWith("This article is republished")
                    || text.startsWith("What's Your Reaction") || ALL_REACTIONS.contains(text)
                    || text.equals(article.standfirst()));
        }

        @Test
        void questions() {
            assertThat(article.questions())
                    .extracting(ExtractedQuestion::order, ExtractedQuestion::kind, ExtractedQuestion::text,
                            ExtractedQuestion::label, ExtractedQuestion::blockPosition)
                    .containsExactly(
                            tuple(1, QuestionKind.TITLE, "Why is NATO expanding its reach to the Asia-Pacific region?",
                                    "Why is NATO expanding its reach…?", null),
                            tuple(2, QuestionKind.SENTENCE, "Why are these four leaders becoming regular features at a "
                                    + "summit for European and North American countries?",
                                    "Why are these four leaders…?", 7),
                            tuple(3, QuestionKind.HEADING, "Why is this happening now?", "Why now?", 23));
            ExtractedQuestion title = article.questions().get(0);
            assertThat(title.start()).isZero();
            assertThat(title.end()).isEqualTo(article.title().length());
            ExtractedQuestion sentence = article.questions().get(1);
            assertThat(article.blocks().get(7).text()).startsWith("With NATO so heavily focused on Ukraine");
            assertThat(sentence.start()).isEqualTo(133);
            assertThat(sentence.end()).isEqualTo(article.blocks().get(7).text().length());
            assertQuestionsPointAtTheirText(article);
        }
    }

    // ------------------------------------------------------------------------------------------- own articles

    @Nested
    class UrbanHeatIslands {

        private final String text = resource("urban-heat-islands.txt");
        private final ImportedArticle article = importer.parse(text);

        @Test
        void lineEndingsDoNotMatter() {
            String lf = text.replace("\r\n", "\n");
            assertThat(importer.parse(lf)).isEqualTo(article);
            assertThat(importer.parse(lf.replace("\n", "\r\n"))).isEqualTo(article);
            assertThat(importer.parse(lf.replace("\n", "\r"))).isEqualTo(article);
        }

        @Test
        void fields() {
            assertThat(article.title())
                    .isEqualTo("Urban heat islands are making summer nights dangerous – here’s what cities can do");
            assertThat(article.slug())
                    .isEqualTo("urban-heat-islands-are-making-summer-nights-dangerous-heres-what-cities-can-do");
            assertThat(article.standfirst()).startsWith("Concrete, asphalt").endsWith("widest after dark");
            assertThat(article.imageCaption())
                    .isEqualTo("A heat haze over western Sydney, January 2020. Dean Lewins/AAP. All rights reserved.");
            assertThat(article.readingMinutes()).isEqualTo(6);
            assertThat(article.author()).isEqualTo("Amelia Okafor");
            assertThat(article.affiliation()).isEqualTo("Monash University");
            assertThat(article.authorBio())
                    .isEqualTo("Amelia Okafor, Senior Research Fellow in Urban Climate, Monash University");
            assertThat(article.attribution()).startsWith("This article is republished");
            assertThat(article.blocks()).noneMatch(b -> b.text().contains("\r"));
        }

        @Test
        void reactionBlockKeepsKnownKindsOnceInOrder() {
            // The block lists Like, Love, Wow, meh (unknown), Sad, like (again).
            assertThat(article.reactionKinds()).containsExactly("like", "love", "wow", "sad");
        }

        @Test
        void blocks() {
            assertThat(article.blocks()).hasSize(16);
            assertPositionsAreSequential(article);
            assertThat(article.blocks()).filteredOn(b -> b.kind() == BlockKind.HEADING).extracting(Block::text)
                    .containsExactly("What is an urban heat island?", "Who feels the heat most",
                            "What can cities do about it?");
            assertThat(article.blocks().get(15).text()).endsWith("keep people alive through summer.");
        }

        @Test
        void questions() {
            assertThat(article.questions())
                    .extracting(ExtractedQuestion::kind, ExtractedQuestion::text, ExtractedQuestion::label,
                            ExtractedQuestion::blockPosition)
                    .containsExactly(
                            tuple(QuestionKind.HEADING, "What is an urban heat island?",
                                    "What is an urban heat island?", 2),
                            tuple(QuestionKind.SENTENCE,
                                    "Will Dr. Lim’s model work in Phoenix or Seville as well as it does here?",
                                    "Will Dr. Lim’s model work in Phoenix…?", 5),
                            tuple(QuestionKind.SENTENCE, "Can the U.S. Southwest, where nights are warming faster "
                                    + "than days, adapt in time?", "Can the U.S. Southwest adapt in time?", 9),
                            tuple(QuestionKind.HEADING, "What can cities do about it?",
                                    "What can cities do about it?", 10),
                            tuple(QuestionKind.SENTENCE, "As one planner put it to me: “Why are we still approving "
                                    + "black roofs in the hottest suburbs?”", "Why are we still approving black roofs…?",
                                    13));
            assertQuestionsPointAtTheirText(article);
        }

        @Test
        void aQuestionQuotedInsideAStatementIsNotAQuestion() {
            // "Residents … asked “why is it still 30 degrees at midnight?” and, …, the council had no answer."
            assertThat(article.questions()).extracting(ExtractedQuestion::text)
                    .noneMatch(q -> q.contains("30 degrees"));
        }
    }

    @Nested
    class NightTrains {

        private final ImportedArticle article = importer.parse(resource("night-trains.txt"));

        @Test
        void missingPartsAreNullAndTheWidgetDefaultsToAllKinds() {
            assertThat(article.title()).isEqualTo("The quiet comeback of the European night train");
            assertThat(article.slug()).isEqualTo("the-quiet-comeback-of-the-european-night-train");
            assertThat(article.standfirst()).startsWith("After decades of closures").endsWith("change of heart in government");
            assertThat(article.imageCaption()).isNull();
            assertThat(article.readingMinutes()).isNull();
            assertThat(article.author()).isNull();
            assertThat(article.affiliation()).isNull();
            assertThat(article.authorBio()).isNull();
            assertThat(article.attribution()).isNull();
            assertThat(article.reactionKinds()).isEqualTo(ALL_REACTIONS);
        }

        @Test
        void blocks() {
            assertThat(article.blocks()).hasSize(12);
            assertPositionsAreSequential(article);
            assertThat(article.blocks()).filteredOn(b -> b.kind() == BlockKind.HEADING).extracting(Block::text)
                    .containsExactly("What changed", "Can night trains compete with budget airlines?",
                            "What travellers say");
            assertThat(article.blocks().get(0).text()).startsWith("Twenty years ago").endsWith("quietly disappeared.");
            assertThat(article.blocks().get(11).text()).endsWith("rather than a nostalgic adventure.");
        }

        @Test
        void questions() {
            assertThat(article.questions())
                    .extracting(ExtractedQuestion::order, ExtractedQuestion::kind, ExtractedQuestion::label,
                            ExtractedQuestion::blockPosition)
                    .containsExactly(
                            tuple(1, QuestionKind.HEADING, "Can night trains compete with budget…?", 5),
                            tuple(2, QuestionKind.SENTENCE, "Who counts the hours spent…?", 8));
            assertThat(article.questions().get(1).text()).isEqualTo("Who counts the hours spent getting to the airport, "
                    + "queuing at security and waiting at the gate?");
            assertQuestionsPointAtTheirText(article);
        }
    }

    @Nested
    class MontrealBistros {

        private final ImportedArticle article = importer.parse(resource("montreal-bistros.txt"));

        @Test
        void fields() {
            // The file starts with a BOM, the title has a trailing tab, the byline says "By", the reading time is "4 min read".
            assertThat(article.title()).isEqualTo("Café culture in Montréal: what's next for the neighbourhood bistro?");
            assertThat(article.slug()).isEqualTo("cafe-culture-in-montreal-whats-next-for-the-neighbourhood-bistro");
            assertThat(article.standfirst()).startsWith("Rising rents");
            assertThat(article.imageCaption()).isNull();
            assertThat(article.readingMinutes()).isEqualTo(4);
            assertThat(article.author()).isEqualTo("Élodie Tremblay");
            assertThat(article.affiliation()).isEqualTo("Université de Montréal");
            assertThat(article.authorBio())
                    .isEqualTo("Élodie Tremblay is a doctoral candidate in urban studies at the Université de Montréal.");
            assertThat(article.attribution()).isEqualTo("This article is republished from The Conversation under a "
                    + "Creative Commons license. Read the original article.");
            assertThat(article.reactionKinds()).containsExactly("love", "funny", "angry");
        }

        @Test
        void readMoreLinksAndTheStandaloneLogoAreDropped() {
            assertThat(article.blocks()).hasSize(10);
            assertPositionsAreSequential(article);
            assertThat(article.blocks()).extracting(Block::text)
                    .noneMatch(t -> t.startsWith("Read more") || t.equals("The Conversation"));
            assertThat(article.blocks()).filteredOn(b -> b.kind() == BlockKind.HEADING).extracting(Block::text)
                    .containsExactly("A business model under strain", "What do residents want from their local restaurant?");
        }

        @Test
        void questions() {
            assertThat(article.questions())
                    .extracting(ExtractedQuestion::kind, ExtractedQuestion::text, ExtractedQuestion::label)
                    .containsExactly(
                            tuple(QuestionKind.TITLE, article.title(), "What's next for the neighbourhood…?"),
                            tuple(QuestionKind.SENTENCE, "Is this the end of the neighbourhood bistro?",
                                    "Is this the end of the neighbourhood…?"),
                            tuple(QuestionKind.HEADING, "What do residents want from their local restaurant?",
                                    "What do residents want…?"),
                            tuple(QuestionKind.SENTENCE, "What happens to a street when its bistros are gone?",
                                    "What happens to a street…?"));
            // "Really?" is a one-word aside, and "e.g." does not end the sentence before it.
            assertThat(article.questions()).extracting(ExtractedQuestion::text).noneMatch(q -> q.contains("Really"));
            assertQuestionsPointAtTheirText(article);
        }
    }

    // ------------------------------------------------------------------------------------------- rejected input

    @Nested
    class Rejected {

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n\n\r\n", "\uFEFF", "\uFEFF \n \t\n"})
        void emptyText(String text) {
            assertThatThrownBy(() -> importer.parse(text)).isInstanceOf(ArticleFormatException.class)
                    .hasMessageContaining("empty");
        }

        @Test
        void nullText() {
            assertThatThrownBy(() -> importer.parse(null)).isInstanceOf(ArticleFormatException.class)
                    .hasMessageContaining("empty");
        }

        @Test
        void onlyATitle() {
            assertThatThrownBy(() -> importer.parse("Why is NATO expanding its reach?\n\n"))
                    .isInstanceOf(ArticleFormatException.class).hasMessageContaining("no body");
        }

        @Test
        void titleAndHeaderFieldsButNoBody() {
            String text = "A title\n\nA title\nA caption\n\nEstimated reading time: 3 minutes\n\nJane Doe, Some University\n";
            assertThatThrownBy(() -> importer.parse(text)).isInstanceOf(ArticleFormatException.class)
                    .hasMessageContaining("no body");
        }

        @Test
        void onlyHeadingsAreNoBody() {
            assertThatThrownBy(() -> importer.parse("Title\n\nA heading\n\nAnother heading\n"))
                    .isInstanceOf(ArticleFormatException.class).hasMessageContaining("no body");
        }

        @ParameterizedTest
        @ValueSource(strings = {"***\n\nSome body text.", "—\n\nSome body text.", "What's Your Reaction?\n\nlike\n"})
        void noTitle(String text) {
            assertThatThrownBy(() -> importer.parse(text)).isInstanceOf(ArticleFormatException.class)
                    .hasMessageContaining("no title");
        }

        @Test
        void titleOver300Characters() {
            String title = "A".repeat(301);
            assertThatThrownBy(() -> importer.parse(title + "\n\nBody text.")).isInstanceOf(ArticleFormatException.class)
                    .hasMessageContaining("301").hasMessageContaining("300");
        }

        @Test
        void titleOfExactly300CharactersIsFine() {
            String title = "word ".repeat(60).strip() + "!";
            assertThat(title).hasSize(300);
            assertThat(importer.parse(title + "\n\nBody text.").title()).isEqualTo(title);
        }
    }

    // ------------------------------------------------------------------------------------------- tolerance

    @Nested
    class Tolerance {

        @Test
        void titleAndOneParagraphMakeABodyNotAStandfirst() {
            ImportedArticle article = importer.parse("A title\n\nThe only paragraph.");
            assertThat(article.standfirst()).isNull();
            assertThat(article.blocks()).containsExactly(new Block(0, BlockKind.PARAGRAPH, "The only paragraph."));
            assertThat(article.reactionKinds()).isEqualTo(ALL_REACTIONS);
            assertThat(article.questions()).isEmpty();
        }

        @Test
        void bomAndWindowsLineEndings() {
            String text = "\uFEFFWhy is this happening now?\r\n\r\nA standfirst\r\n\r\n\r\nA first paragraph.  \r\n\r\n"
                    + "A second paragraph.\t\r\n";
            ImportedArticle article = importer.parse(text);
            assertThat(article.title()).isEqualTo("Why is this happening now?");
            assertThat(article.slug()).isEqualTo("why-is-this-happening-now");
            assertThat(article.standfirst()).isEqualTo("A standfirst");
            assertThat(article.blocks()).extracting(Block::text).containsExactly("A first paragraph.", "A second paragraph.");
            assertThat(article.questions()).singleElement().satisfies(q -> {
                assertThat(q.kind()).isEqualTo(QuestionKind.TITLE);
                assertThat(q.label()).isEqualTo("Why now?");
                assertThat(q.blockPosition()).isNull();
                assertThat(q.end()).isEqualTo(26);
            });
        }

        @Test
        void curlyOrStraightApostropheInTheReactionHeader() {
            String body = "Title\n\nStandfirst\n\nBody text.\n\n";
            assertThat(importer.parse(body + "What’s Your Reaction?\n\nangry\n\nwow\n").reactionKinds())
                    .containsExactly("angry", "wow");
            assertThat(importer.parse(body + "What's your reaction?\nSad\nLOVE\n").reactionKinds())
                    .containsExactly("sad", "love");
            assertThat(importer.parse(body + "WHATS YOUR REACTION\nfunny\n").reactionKinds()).containsExactly("funny");
        }

        @Test
        void aReactionBlockWithNoKnownKindGivesTheDefaultWidget() {
            ImportedArticle article = importer.parse("Title\n\nStandfirst\n\nBody text.\n\nWhat's Your Reaction?\n\nmeh\n");
            assertThat(article.reactionKinds()).isEqualTo(ALL_REACTIONS);
            assertThat(article.blocks()).extracting(Block::text).containsExactly("Body text.");
        }

        @Test
        void glueLogoIsStrippedOnlyAfterSentencePunctuation() {
            String head = "Title\n\nStandfirst\n\nA first paragraph.\n\n";
            assertThat(lastBlock(importer.parse(head + "It ended.The Conversation\n"))).isEqualTo("It ended.");
            assertThat(lastBlock(importer.parse(head + "He said “stop.”The Conversation\n"))).isEqualTo("He said “stop.”");
            assertThat(lastBlock(importer.parse(head + "Did it end?The Conversation\n"))).isEqualTo("Did it end?");
            assertThat(lastBlock(importer.parse(head + "We need to keep having The Conversation\n")))
                    .isEqualTo("We need to keep having The Conversation");
        }

        @Test
        void titleRepeatedInTheHeaderIsNeitherABlockNorAQuestionTwice() {
            String text = "Why now?\n\nStandfirst\n\nWhy now?\nA caption\n\nFirst paragraph.\n\nWhy now?\n\nLast paragraph.";
            ImportedArticle article = importer.parse(text);
            assertThat(article.imageCaption()).isEqualTo("A caption");
            assertThat(article.blocks()).extracting(Block::kind, Block::text).containsExactly(
                    tuple(BlockKind.PARAGRAPH, "First paragraph."),
                    tuple(BlockKind.HEADING, "Why now?"),
                    tuple(BlockKind.PARAGRAPH, "Last paragraph."));
            // The later heading repeats the title's question: it is asked once, at the title.
            assertThat(article.questions()).extracting(ExtractedQuestion::kind).containsExactly(QuestionKind.TITLE);
        }

        @Test
        void questionWithAbbreviations() {
            String paragraph = "Negotiators met in Washington on Jan. 5 with Dr. Ruiz. Did Dr. Ruiz and the U.S. Senate "
                    + "agree on the terms, e.g. the timetable? Nobody would say.";
            ImportedArticle article = importer.parse("Title\n\nStandfirst\n\n" + paragraph);
            assertThat(article.questions()).singleElement().satisfies(q -> {
                assertThat(q.text()).isEqualTo("Did Dr. Ruiz and the U.S. Senate agree on the terms, e.g. the timetable?");
                assertThat(q.label()).isEqualTo("Did Dr. Ruiz and the U.S. Senate…?");
                assertThat(paragraph.substring(q.start(), q.end())).isEqualTo(q.text());
            });
        }

        @Test
        void questionEndingWithAClosingQuoteAndALowerCaseFollowUp() {
            String paragraph = "“Is it over?” she asked. Then she left. ‘Who decides?’ The voters do. "
                    + "Why, asked the minister, is the (old) plan still here?) Fine.";
            ImportedArticle article = importer.parse("Title\n\nStandfirst\n\n" + paragraph);
            assertThat(article.questions()).extracting(ExtractedQuestion::text, ExtractedQuestion::label)
                    .containsExactly(
                            tuple("‘Who decides?’", "Who decides?"),
                            tuple("Why, asked the minister, is the (old) plan still here?)",
                                    "Why is the (old) plan still here?"));
            assertQuestionsPointAtTheirText(article);
        }

        @Test
        void labelsAreUniqueWithinAnArticle() {
            String text = "Why is this happening now?\n\nStandfirst\n\nWhy is it happening now?\n\n"
                    + "Some text. Why is all this happening now? More text.";
            ImportedArticle article = importer.parse(text);
            assertThat(article.questions()).extracting(ExtractedQuestion::label)
                    .containsExactly("Why now?", "Why now? (2)", "Why now? (3)");
        }

        @Test
        void accentedTitleGivesAnAsciiSlug() {
            ImportedArticle article = importer.parse("Ça va? Les élèves de Zürich et l’Øresund\n\nBody text.");
            assertThat(article.slug()).isEqualTo("ca-va-les-eleves-de-zurich-et-loresund");
        }

        @Test
        void headingHeuristics() {
            assertThat(ArticleImporter.isHeading("NATO’s interest in the Asia-Pacific")).isTrue();
            assertThat(ArticleImporter.isHeading("Why is this happening now?")).isTrue();
            assertThat(ArticleImporter.isHeading("“Supreme fool”")).isTrue();
            assertThat(ArticleImporter.isHeading("This makes the case quite clear.")).isFalse();
            assertThat(ArticleImporter.isHeading("There are three options:")).isFalse();
            assertThat(ArticleImporter.isHeading("lower-case start without punctuation")).isFalse();
            assertThat(ArticleImporter.isHeading("A paragraph that lost its full stop but is far too long to be read as "
                    + "a heading by anyone")).isFalse();
            assertThat(ArticleImporter.isHeading("Why are these four leaders becoming regular features at a summit for "
                    + "European and North American countries?")).isFalse();
        }
    }

    // ------------------------------------------------------------------------------------------- size

    @Nested
    class LargeInput {

        @Test
        void fiveMegabytesOfParagraphsParseInLinearTime() {
            StringBuilder text = new StringBuilder("A very long article\n\nStandfirst\n\n");
            int n = 0;
            while (text.length() < 5_000_000) {
                text.append("Dr. Smith met the U.S. envoy at 2.5 p.m. on Jan. 5 in room ").append(n++)
                        .append(". Why does this matter for everyone involved in round ").append(n)
                        .append(" of the talks? “Is it over?” she asked.\n\n");
                if (n % 100 == 0) {
                    text.append("A heading number ").append(n).append("\n\n");
                }
            }
            ImportedArticle article = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> importer.parse(text.toString()));
            assertThat(article.blocks()).hasSizeGreaterThan(n);
            assertThat(article.questions()).hasSize(n);
            assertLabelsAreShortAndUnique(article);
            assertQuestionsPointAtTheirText(article);
        }

        @Test
        void fiveMegabytesOnOneLineWithoutAnySentenceEnd() {
            String body = "word and more words, e.g. U.S. stuff? no ".repeat(125_000);
            ImportedArticle article = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> importer.parse("Title\n\n" + body));
            assertThat(article.blocks()).singleElement().extracting(Block::text).isEqualTo(body.strip());
            assertThat(article.questions()).isEmpty();
        }

        @Test
        void fiveMegabytesOfShortQuestionsOnOneLine() {
            String body = "Is it? Why not? Who knows? ".repeat(200_000);
            ImportedArticle article = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> importer.parse("Title\n\n" + body));
            assertThat(article.questions()).extracting(ExtractedQuestion::text)
                    .containsExactly("Is it?", "Why not?", "Who knows?"); // the rest repeat them
        }

        @Test
        void manyQuestionsWithTheSameLabelStayUnique() {
            StringBuilder text = new StringBuilder("Title\n\nStandfirst\n\n");
            for (int i = 0; i < 20_000; i++) {
                text.append("Residents were asked: what do residents want from their local restaurant number ").append(i)
                        .append("?\n\n");
            }
            ImportedArticle article = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> importer.parse(text.toString()));
            assertThat(article.questions()).hasSize(20_000);
            assertThat(article.questions().get(0).label()).isEqualTo("What do residents want…?");
            assertThat(article.questions().get(19_999).label()).isEqualTo("What do residents want…? (20000)");
            assertLabelsAreShortAndUnique(article);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static String lastBlock(ImportedArticle article) {
        return article.blocks().get(article.blocks().size() - 1).text();
    }

    private static void assertPositionsAreSequential(ImportedArticle article) {
        for (int i = 0; i < article.blocks().size(); i++) {
            assertThat(article.blocks().get(i).position()).isEqualTo(i);
        }
    }

    /** Every question can be highlighted in place, orders run 1..n, labels are short and unique. */
    private static void assertQuestionsPointAtTheirText(ImportedArticle article) {
        for (int i = 0; i < article.questions().size(); i++) {
            ExtractedQuestion q = article.questions().get(i);
            assertThat(q.order()).isEqualTo(i + 1);
            String source = q.kind() == QuestionKind.TITLE
                    ? article.title()
                    : article.blocks().get(q.blockPosition()).text();
            assertThat(q.blockPosition() == null).isEqualTo(q.kind() == QuestionKind.TITLE);
            assertThat(source.substring(q.start(), q.end())).isEqualTo(q.text());
            assertThat(q.text().replaceAll("[”’\"')\\]]+$", "")).endsWith("?");
        }
        assertLabelsAreShortAndUnique(article);
    }

    private static void assertLabelsAreShortAndUnique(ImportedArticle article) {
        Set<String> labels = new HashSet<>();
        for (ExtractedQuestion q : article.questions()) {
            assertThat(q.label()).isNotBlank().hasSizeLessThanOrEqualTo(40);
            assertThat(labels.add(q.label().toLowerCase())).as("label %s is unique", q.label()).isTrue();
        }
    }

    static String resource(String name) {
        try (InputStream in = ArticleImporterTest.class.getResourceAsStream("/articles/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource articles/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
