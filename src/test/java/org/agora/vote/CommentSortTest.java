package org.agora.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CommentSortTest {

    record Item(long id, int ups, int downs, Instant createdAt) implements Ranked {
    }

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Item item(long id, int ups, int downs, int minute) {
        return new Item(id, ups, downs, T0.plusSeconds(60L * minute));
    }

    //                                                 Wilson    score  controversy
    private static final Item A = item(1, 10, 0, 0);   // 0.8589   10     1
    private static final Item B = item(2, 100, 10, 1); // 0.8677   90     1.2222 (110/90)
    private static final Item C = item(3, 1, 0, 2);    // 0.3784    1     1
    private static final Item D = item(4, 50, 50, 3);  // 0.4364    0   100
    private static final Item E = item(5, 10, 1, 4);   // 0.7395    9     1.2222 (11/9, same double as 110/90)
    private static final Item F = item(6, 0, 0, 5);    // 0         0     0
    private static final Item G = item(7, 3, 5, 5);    // 0.1954   -2     4       (created with F)
    private static final Item H = item(8, 0, 4, 6);    // 0        -4     1

    private static final List<Item> FIXTURE = List.of(A, B, C, D, E, F, G, H);

    private static List<Item> sorted(CommentSort sort, List<Item> items) {
        List<Item> copy = new ArrayList<>(items);
        copy.sort(sort.comparator());
        return copy;
    }

    @Test
    void bestIsWilsonLowerBoundDescending() {
        // F and H both score 0: the older one first.
        assertThat(sorted(CommentSort.BEST, FIXTURE)).containsExactly(B, A, E, D, C, G, F, H);
    }

    @Test
    void topIsScoreDescending() {
        // D and F both score 0: the older one first.
        assertThat(sorted(CommentSort.TOP, FIXTURE)).containsExactly(B, A, E, C, D, F, G, H);
    }

    @Test
    void newIsNewestFirstWithHigherIdFirstOnTies() {
        assertThat(sorted(CommentSort.NEW, FIXTURE)).containsExactly(H, G, F, E, D, C, B, A);
    }

    @Test
    void oldIsOldestFirstWithLowerIdFirstOnTies() {
        assertThat(sorted(CommentSort.OLD, FIXTURE)).containsExactly(A, B, C, D, E, F, G, H);
    }

    @Test
    void controversialIsControversyDescending() {
        // B and E tie at 11/9, and A, C and H at 1: older first.
        assertThat(sorted(CommentSort.CONTROVERSIAL, FIXTURE)).containsExactly(D, G, B, E, A, C, H, F);
    }

    @ParameterizedTest
    @EnumSource(CommentSort.class)
    void orderDoesNotDependOnInputOrder(CommentSort sort) {
        List<Item> expected = sorted(sort, FIXTURE);
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<Item> shuffled = new ArrayList<>(FIXTURE);
            Collections.shuffle(shuffled, random);
            assertThat(sorted(sort, shuffled)).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CommentSort.class, names = "NEW", mode = EnumSource.Mode.EXCLUDE)
    void fullTiesBreakByOlderThenLowerId(CommentSort sort) {
        Item older = item(9, 2, 1, 0);
        Item lowerId = item(3, 2, 1, 1);
        Item higherId = item(4, 2, 1, 1);
        assertThat(sorted(sort, List.of(higherId, lowerId, older))).containsExactly(older, lowerId, higherId);
    }

    @Test
    void newBreaksFullTiesByHigherIdFirst() {
        Item lowerId = item(3, 2, 1, 1);
        Item higherId = item(4, 2, 1, 1);
        Item older = item(9, 2, 1, 0);
        assertThat(sorted(CommentSort.NEW, List.of(older, lowerId, higherId))).containsExactly(higherId, lowerId, older);
    }

    @Test
    void comparatorWorksForAnyRankedType() {
        List<Ranked> items = new ArrayList<>(List.of(C, A));
        items.sort(CommentSort.BEST.comparator());
        assertThat(items).containsExactly(A, C);
    }

    @ParameterizedTest
    @CsvSource({"best, BEST", "BEST, BEST", "Top, TOP", "new, NEW", "oLd, OLD", "controversial, CONTROVERSIAL", "' top ', TOP"})
    void parseIgnoresCaseAndSurroundingSpace(String input, CommentSort expected) {
        assertThat(CommentSort.parse(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void parseDefaultsToBest(String input) {
        assertThat(CommentSort.parse(input)).isEqualTo(CommentSort.BEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hot", "bestt", "b est", "1", "BEST;drop table"})
    void parseRejectsUnknownValuesNamingTheAllowedOnes(String input) {
        assertThatThrownBy(() -> CommentSort.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(input)
                .hasMessageContaining("best, top, new, old, controversial");
    }
}
