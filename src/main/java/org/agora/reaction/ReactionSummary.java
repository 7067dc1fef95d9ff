package org.agora.reaction;

import java.util.List;

/** An article's reaction tally, exact, with the viewer's own reaction (null when none). */
public record ReactionSummary(List<Count> counts, int total, String mine) {

    /** One reaction kind: its count, its share of all reactions in whole percent, and whether it is the viewer's. */
    public record Count(String kind, int count, int percent, boolean mine) {
    }
}
