package org.agora.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentenceSplitterTest {

    /** Sentences are separated by " | " in the expected column; questions are marked with a leading "Q:". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', quoteCharacter = '`', commentCharacter = ';', textBlock = """
            One. Two? Three!                                   # One. | Q:Two? | Three!
            Dr. Lim met the U.S. envoy. Was it useful?         # Dr. Lim met the U.S. envoy. | Q:Was it useful?
            Photo by C. Valverde/Nato. CC BY 2.0               # Photo by C. Valverde/Nato. | CC BY 2.0
            Is it over? asked nobody. Fine.                    # Is it over? asked nobody. | Fine.
            “Is it over?” she asked. “Yes.”                    # “Is it over?” she asked. | “Yes.”
            He asked: “Why now?” Nobody knew.                  # Q:He asked: “Why now?” | Nobody knew.
            Prices rose 2.5% in Jan. 2024 overall.              # Prices rose 2.5% in Jan. 2024 overall.
            Wait... What? Really?!                             # Wait... | Q:What? | Q:Really?!
            e.g. this, i.e. that. And then?                    # e.g. this, i.e. that. | Q:And then?
            not less.The Conversation                          # not less.The Conversation
            No terminator at all                               # No terminator at all
            """)
    void splits(String text, String expected) {
        List<SentenceSplitter.Sentence> sentences = SentenceSplitter.split(text.strip());
        List<String> actual = sentences.stream()
                .map(s -> (s.question() ? "Q:" : "") + text.strip().substring(s.start(), s.end()))
                .toList();
        assertThat(actual).containsExactly(expected.split(" \\| "));
    }
}
