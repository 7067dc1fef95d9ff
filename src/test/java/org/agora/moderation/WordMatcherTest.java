package org.agora.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordMatcherTest {

    private final WordMatcher matcher = new WordMatcher(List.of("spam", "  Idiot ", "buy now", ""));

    @ParameterizedTest(name = "\"{0}\" matches {1}")
    @CsvSource(delimiter = '|', value = {
            "this is spam                 | spam",
            "SPAM!                        | spam",
            "Spam, spam and eggs          | spam",
            "s.p.a.m                      | spam",
            "s-p-a-m please               | spam",
            "S_P_A_M                      | spam",
            "s...p**a//m                  | spam",
            "you i.d.i.o.t                | idiot",
            "BUY   NOW cheap              | buy now",
            "Buy n.o.w                    | buy now",
    })
    void findsListedWordsIgnoringCaseAndPunctuationBetweenLetters(String text, String word) {
        assertThat(matcher.firstMatch(text)).contains(word);
    }

    @ParameterizedTest(name = "\"{0}\" matches nothing")
    @CsvSource(delimiter = '|', value = {
            "spammer                      ",
            "antispam                     ",
            "s p a m                      ",
            "sp4m                         ",
            "idiotic                      ",
            "buy it now                   ",
            "a perfectly civil remark     ",
    })
    void wholeWordsOnlyAndSpacesAreNotObfuscation(String text) {
        assertThat(matcher.firstMatch(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void emptyListMatchesNothingAndNullTextIsSafe() {
        assertThat(new WordMatcher(List.of()).firstMatch("anything")).isEmpty();
        assertThat(matcher.firstMatch(null)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void regexCharactersInAListedWordAreLiteral() {
        WordMatcher odd = new WordMatcher(List.of("a+b", "c.d"));
        assertThat(odd.firstMatch("a+b")).contains("a+b");
        assertThat(odd.firstMatch("aab")).isEmpty();
        assertThat(odd.firstMatch("cxd")).isEmpty();
    }
}
