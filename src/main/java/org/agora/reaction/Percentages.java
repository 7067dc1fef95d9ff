package org.agora.reaction;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Whole-number shares that always add up to exactly 100 (or 0 when there is nothing to share). */
public final class Percentages {

    private Percentages() {
    }

    /**
     * The largest-remainder (Hamilton) method: floor every share, then give the leftover points to the
     * largest remainders, earlier items first on ties. Plain rounding can show 33 + 33 + 33 = 99.
     */
    public static int[] largestRemainder(int[] counts) {
        long total = IntStream.of(counts).asLongStream().sum();
        int[] percents = new int[counts.length];
        if (total == 0) {
            return percents;
        }
        long[] remainders = new long[counts.length];
        int assigned = 0;
        for (int i = 0; i < counts.length; i++) {
            long scaled = counts[i] * 100L;
            percents[i] = (int) (scaled / total);
            remainders[i] = scaled % total;
            assigned += percents[i];
        }
        int[] byRemainder = IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> remainders[i]).reversed().thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; assigned < 100; k++, assigned++) {
            percents[byRemainder[k]]++;
        }
        return percents;
    }
}
