package org.agora.moderation;

import java.util.Locale;

/** The per-person actions that are rate-limited. */
public enum RateAction {
    COMMENT("comments"), VOTE("votes"), REACTION("reactions"), REPORT("reports");

    private final String plural;

    RateAction(String plural) {
        this.plural = plural;
    }

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String plural() {
        return plural;
    }
}
