package org.agora.moderation;

import java.util.Locale;

/** Why a comment is reported or rejected. OTHER needs a note. */
public enum ReasonCode {
    SPAM, OFFENSIVE, ABUSIVE, OFF_TOPIC, OTHER;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts {@code off-topic} and {@code off_topic}, in any case; null when unknown. */
    public static ReasonCode parse(String value) {
        return Codes.parse(ReasonCode.class, value);
    }
}
