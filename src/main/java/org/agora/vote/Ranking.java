package org.agora.vote;

/** Scores for ordering voted items. Pure functions. */
public final class Ranking {

    /** z for an 80% two-sided confidence (one-sided 90%), as in Reddit's "best" sort. */
    public static final double Z = 1.281551565545;

    private Ranking() {
    }

    /**
     * Lower bound of the Wilson score interval for the share of up votes: what that share is at least, with 90%
     * confidence. Few votes give a wide interval and so a low bound, which is why 10 up / 0 down outranks
     * 1 up / 0 down although both are 100% positive.
     */
    public static double wilsonLowerBound(long ups, long downs) {
        long n = ups + downs;
        if (n == 0) {
            return 0;
        }
        double p = (double) ups / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2 * n);
        double margin = Z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n);
        return (centre - margin) / (1 + z2 / n);
    }

    /** Votes divided by margin: many votes, evenly split, is most controversial. */
    public static double controversy(long ups, long downs) {
        return (ups + downs) / (double) Math.max(Math.abs(ups - downs), 1);
    }
}
