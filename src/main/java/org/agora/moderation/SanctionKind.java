package org.agora.moderation;

import java.util.Locale;

/** A warning (shown until acknowledged), a suspension until a date, or a ban. */
public enum SanctionKind {
    WARN, SUSPEND, BAN;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ModActionKind kind() {
        return ModActionKind.valueOf(name());
    }

    /** Null when unknown. */
    public static SanctionKind parse(String value) {
        return Codes.parse(SanctionKind.class, value);
    }
}
