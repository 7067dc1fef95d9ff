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

    /**
     * The same order as {@link #comparator()} as an SQL {@code order by} list over the comment columns of
     * {@code alias}, so the database can pick the first few replies of a comment the way the page sorts them.
     */
    public String sqlOrder(String alias) {
        String ups = alias + ".ups";
        String downs = alias + ".downs";
        String oldestFirst = alias + ".created_at, " + alias + ".id";
        return switch (this) {
            case BEST -> wilsonSql(ups, downs) + " desc, " + oldestFirst;
            case TOP -> "(" + ups + " - " + downs + ") desc, " + oldestFirst;
            case NEW -> alias + ".created_at desc, " + alias + ".id desc";
            case OLD -> oldestFirst;
            case CONTROVERSIAL -> "(" + ups + " + " + downs + ")::float8 / greatest(abs(" + ups + " - " + downs + "), 1) desc, " + oldestFirst;
        };
    }

    /** {@link Ranking#wilsonLowerBound} in SQL, with the same z. */
    private static String wilsonSql(String ups, String downs) {
        String n = "(" + ups + " + " + downs + ")::float8";
        String p = "(" + ups + " / " + n + ")";
        String z = Double.toString(Ranking.Z);
        String z2 = Double.toString(Ranking.Z * Ranking.Z);
        return "(case when " + ups + " + " + downs + " = 0 then 0 else (" + p + " + " + z2 + " / (2 * " + n + ") - " + z
                + " * sqrt((" + p + " * (1 - " + p + ") + " + z2 + " / (4 * " + n + ")) / " + n + ")) / (1 + " + z2 + " / " + n + ") end)";
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
