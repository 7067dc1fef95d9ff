package org.agora.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RankingTest {

    private static final double Z2 = Ranking.Z * Ranking.Z;

    @Test
    void noVotesScoreZero() {
        assertThat(Ranking.wilsonLowerBound(0, 0)).isZero();
    }

    @Test
    void unanimousUpVotesHaveAClosedForm() {
        // With p = 1 the square root is z/2n and cancels against z²/2n, leaving 1 / (1 + z²/n).
        assertThat(Ranking.wilsonLowerBound(1, 0)).isCloseTo(1 / (1 + Z2), within(1e-12));
        assertThat(Ranking.wilsonLowerBound(10, 0)).isCloseTo(1 / (1 + Z2 / 10), within(1e-12));
    }

    /** Expected values worked out to 40 digits with decimal arithmetic from the textbook formula. */
    @ParameterizedTest(name = "({0} up, {1} down) -> {2}")
    @CsvSource({
            "1,   0,   0.37844750322520618844",
            "10,  0,   0.85893131790938355848",
            "0,   1,   0.0",
            "1,   1,   0.16425172002984181811",
            "50,  50,  0.43644222446008346604",
            "500, 501, 0.47926493677895595416",
            "100, 10,  0.86768906623869903881",
            "10,  1,   0.73949498845187792514",
            "3,   5,   0.19535795103470812324",
    })
    void wilsonLowerBoundMatchesHandComputedValues(long ups, long downs, double expected) {
        assertThat(Ranking.wilsonLowerBound(ups, downs)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void moreEvidenceOfTheSameRatioRanksHigher() {
        assertThat(Ranking.wilsonLowerBound(10, 0)).isGreaterThan(Ranking.wilsonLowerBound(1, 0));
        assertThat(Ranking.wilsonLowerBound(100, 10)).isGreaterThan(Ranking.wilsonLowerBound(10, 1));
        assertThat(Ranking.wilsonLowerBound(500, 501)).isGreaterThan(Ranking.wilsonLowerBound(50, 50));
    }

    @Test
    void onlyDownVotesScoreZeroAndTheBoundStaysBelowTheObservedRatio() {
        assertThat(Ranking.wilsonLowerBound(0, 1000)).isZero();
        assertThat(Ranking.wilsonLowerBound(90, 10)).isBetween(0.0, 0.9);
    }

    @ParameterizedTest(name = "controversy({0}, {1}) = {2}")
    @CsvSource({
            "0,    0,   0.0",
            "1,    0,   1.0",
            "0,    7,   1.0",
            "5,    5,   10.0",
            "50,   50,  100.0",
            "51,   50,  101.0",
            "3,    5,   4.0",
            "100,  10,  1.2222222222222223",
            "1000, 990, 199.0",
    })
    void controversyIsVotesOverMargin(long ups, long downs, double expected) {
        assertThat(Ranking.controversy(ups, downs)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void anEvenSplitIsMoreControversialThanALopsidedOneWithMoreVotes() {
        assertThat(Ranking.controversy(20, 20)).isGreaterThan(Ranking.controversy(1000, 10));
        assertThat(Ranking.controversy(20, 19)).isEqualTo(Ranking.controversy(19, 20));
    }
}
