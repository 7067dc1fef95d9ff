package org.agora.moderation.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.agora.moderation.WordMatcher;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each pre-moderation rule on its own, with its edge cases, then the pipeline that combines them. */
class PipelineRulesTest {

    private static Submission text(String text) {
        return new Submission(text, false, 10, false);
    }

    @Nested
    class BannedWords {
        private final BannedWordRule rule = new BannedWordRule(new WordMatcher(List.of("scum")));

        @Test
        void refusesWithAClearMessageNamingTheWord() {
            Verdict verdict = rule.evaluate(text("You are S.C.U.M"));
            assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.REFUSE);
            assertThat(verdict.message()).contains("not allowed").contains("scum");
        }

        @Test
        void letsCleanTextAndLongerWordsThrough() {
            assertThat(rule.evaluate(text("scummy weather")).outcome()).isEqualTo(Verdict.Outcome.PUBLISH);
            assertThat(rule.evaluate(text("fine")).outcome()).isEqualTo(Verdict.Outcome.PUBLISH);
        }

        @Test
        void anEmptyListRefusesNothing() {
            assertThat(new BannedWordRule(new WordMatcher(List.of())).evaluate(text("scum")).outcome()).isEqualTo(Verdict.Outcome.PUBLISH);
        }
    }

    @Nested
    class SuspectWords {
        private final SuspectWordRule rule = new SuspectWordRule(new WordMatcher(List.of("crypto")));

        @Test
        void holdsForReviewWithAReasonCode() {
            Verdict verdict = rule.evaluate(text("Try CRYPTO!"));
            assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.HOLD);
            assertThat(verdict.reason()).isEqualTo("suspect_word");
        }

        @Test
        void publishesWithoutTheWord() {
            assertThat(rule.evaluate(text("cryptography is maths")).outcome()).isEqualTo(Verdict.Outcome.PUBLISH);
        }
    }

    @Nested
    class ArticleSetting {
        private final ArticlePremoderationRule rule = new ArticlePremoderationRule();

        @Test
        void holdsEverythingOnAPremoderatedArticle() {
            Verdict verdict = rule.evaluate(new Submission("hello", true, 100, false));
            assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.HOLD);
            assertThat(verdict.reason()).isEqualTo("premoderation");
        }

        @Test
        void holdsNothingOtherwise() {
            assertThat(rule.evaluate(new Submission("hello", false, 0, false)).outcome()).isEqualTo(Verdict.Outcome.PUBLISH);
        }
    }

    @Nested
    class NewMembers {
        @Test
        void holdsTheFirstKCommentsOnly() {
            NewMemberRule rule = new NewMemberRule(2);
            assertThat(rule.evaluate(new Submission("x", false, 0, false)).reason()).isEqualTo("new_member");
            assertThat(rule.evaluate(new Submission("x", false, 1, false)).outcome()).isEqualTo(Verdict.Outcome.HOLD);
            assertThat(rule.evaluate(new Submission("x", false, 2, false)).outcome()).isEqualTo(Verdict.Outcome.PUBLISH);
        }

        @Test
        void zeroTurnsTheRuleOff() {
            assertThat(new NewMemberRule(0).evaluate(new Submission("x", false, 0, false)).outcome()).isEqualTo(Verdict.Outcome.PUBLISH);
        }
    }

    @Nested
    class WholePipeline {
        private final Pipeline pipeline = new Pipeline(List.of(
                new BannedWordRule(new WordMatcher(List.of("scum"))),
                new ArticlePremoderationRule(),
                new NewMemberRule(1),
                new SuspectWordRule(new WordMatcher(List.of("crypto")))));

        @Test
        void aRefusalWinsOverHolds() {
            Verdict verdict = pipeline.evaluate(new Submission("crypto scum", true, 0, false));
            assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.REFUSE);
        }

        @Test
        void theFirstHoldGivesTheReason() {
            assertThat(pipeline.evaluate(new Submission("crypto", true, 0, false)).reason()).isEqualTo("premoderation");
            assertThat(pipeline.evaluate(new Submission("crypto", false, 0, false)).reason()).isEqualTo("new_member");
            assertThat(pipeline.evaluate(new Submission("crypto", false, 5, false)).reason()).isEqualTo("suspect_word");
        }

        @Test
        void publishesWhenNoRuleObjects() {
            assertThat(pipeline.evaluate(new Submission("a fair point", false, 5, false))).isEqualTo(Verdict.PUBLISH);
        }

        @Test
        void staffAreNeverHeldButBannedWordsStillRefuseThem() {
            assertThat(pipeline.evaluate(new Submission("crypto", true, 0, true))).isEqualTo(Verdict.PUBLISH);
            assertThat(pipeline.evaluate(new Submission("scum", false, 5, true)).outcome()).isEqualTo(Verdict.Outcome.REFUSE);
        }
    }
}
