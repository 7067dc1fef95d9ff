package org.agora.vote;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

/** The orders a comment thread can be read in. Every order is total, so a page never reshuffles between loads. */
public enum CommentSort {
    BEST, TOP, NEW, OLD, CONTROVERSIAL;

    /** Case-insensitive; no value means the default, BEST. */
    public static CommentSort parse(String s) {
        if (s == null || s.isBlank()) {
            return BEST;
        }
        String name = s.strip().toUpperCase(Locale.ROOT);
        for (CommentSort sort : values()) {
            if (sort.name().equals(name)) {
                return sort;
            }
        }
        String allowed = Arrays.stream(values()).map(sort -> sort.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("Unknown comment sort '" + s + "', expected one of " + allowed);
    }

    /** Ties go to the older item, then the lower id; NEW, being newest first, breaks ties by higher id. */
    public <T extends Ranked> Comparator<T> comparator() {
        Comparator<T> oldestFirst = Comparator.comparing((T r) -> r.createdAt()).thenComparingLong(Ranked::id);
        return switch (this) {
            case BEST -> Comparator.comparingDouble((T r) -> Ranking.wilsonLowerBound(r.ups(), r.downs())).reversed()
                    .thenComparing(oldestFirst);
            case TOP -> Comparator.comparingLong((T r) -> (long) r.ups() - r.downs()).reversed()
                    .thenComparing(oldestFirst);
            case NEW -> Comparator.comparing((T r) -> r.createdAt()).reversed()
                    .thenComparing(Comparator.comparingLong((T r) -> r.id()).reversed());
            case OLD -> oldestFirst;
            case CONTROVERSIAL -> Comparator.comparingDouble((T r) -> Ranking.controversy(r.ups(), r.downs())).reversed()
                    .thenComparing(oldestFirst);
        };
    }
}
