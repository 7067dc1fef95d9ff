package org.agora.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuestionLabelerTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Why is this happening now?                                      | Why now?
            Where do we go from here?                                       | Where from here?
            Why is it so hard?                                              | Why so hard?
            Why are they doing this?                                        | Why are they doing this?
            Why does it matter so much?                                     | Why does it matter so much?
            Who benefits?                                                   | Who benefits?
            How did we get here?                                            | How did we get here?
            What can cities do about it?                                    | What can cities do about it?
            But why does this matter?                                       | Why does this matter?
            The question is: who pays?                                      | Who pays?
            ‘Who decides?’                                                  | Who decides?
            Why is NATO expanding its reach to the Asia-Pacific region?     | Why is NATO expanding its reach…?
            Why are these four leaders becoming regular features at a summit for European and North American countries? | Why are these four leaders…?
            Is it safe to drink the water in the outer suburbs after the floods? | Is it safe to drink the water…?
            How much will the new submarines cost Australian taxpayers over the next 30 years? | How much will the new submarines cost…?
            Does NATO, which was founded in 1949, still have a purpose?     | Does NATO still have a purpose?
            And what about the workers, who have waited for years for a pay rise? | What about the workers?
            Supercalifragilisticexpialidociousnessfulness-and-more?         | Supercalifragilisticexpialidociousness…?
            """)
    void labels(String question, String label) {
        assertThat(QuestionLabeler.shorten(question, QuestionLabeler.MAX_LENGTH)).isEqualTo(label)
                .hasSizeLessThanOrEqualTo(QuestionLabeler.MAX_LENGTH).endsWith("?");
    }

    @Test
    void duplicatesGetANumberAndStayWithinTheLimit() {
        QuestionLabeler labeler = new QuestionLabeler();
        assertThat(labeler.label("Why is this happening now?")).isEqualTo("Why now?");
        assertThat(labeler.label("Why is it happening now?")).isEqualTo("Why now? (2)");
        assertThat(labeler.label("WHY NOW?")).isEqualTo("WHY NOW? (3)");
        String longQuestion = "How much will the new submarines cost Australian taxpayers over the next 30 years?";
        assertThat(labeler.label(longQuestion)).isEqualTo("How much will the new submarines cost…?");
        assertThat(labeler.label(longQuestion + " ")).isEqualTo("How much will the new submarines…? (2)")
                .hasSizeLessThanOrEqualTo(QuestionLabeler.MAX_LENGTH);
    }

    @Test
    void sameQuestionsSameLabels() {
        String[] questions = {"Why now?", "Why is this happening now?", "Why is it happening now?"};
        QuestionLabeler first = new QuestionLabeler();
        QuestionLabeler second = new QuestionLabeler();
        for (String q : questions) {
            assertThat(first.label(q)).isEqualTo(second.label(q));
        }
    }
}
