package org.agora.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentagesTest {

    @Test
    void noReactionsMeansZeroEverywhere() {
        assertThat(Percentages.largestRemainder(new int[] {0, 0, 0})).containsExactly(0, 0, 0);
    }

    @Test
    void thirdsAddUpToOneHundred() {
        assertThat(Percentages.largestRemainder(new int[] {1, 1, 1})).containsExactly(34, 33, 33);
    }

    @Test
    void exactSharesStayExact() {
        assertThat(Percentages.largestRemainder(new int[] {1, 3, 0, 0})).containsExactly(25, 75, 0, 0);
    }

    @Test
    void largestRemainderGetsTheSparePoint() {
        // 2/7 = 28.57, 5/7 = 71.43 -> 29 + 71
        assertThat(Percentages.largestRemainder(new int[] {2, 5})).containsExactly(29, 71);
    }

    @Test
    void alwaysSumsToOneHundredForManyTallies() {
        for (int a = 0; a < 12; a++) {
            for (int b = 0; b < 12; b++) {
                for (int c = 1; c < 12; c++) {
                    int[] percents = Percentages.largestRemainder(new int[] {a, b, c, 7, 0, 1, 2});
                    assertThat(IntStream.of(percents).sum()).isEqualTo(100);
                }
            }
        }
    }
}
