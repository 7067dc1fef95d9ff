package org.agora.moderation;

import java.util.Locale;

/** The moderation queues. */
public enum QueueState {
    REPORTED, PENDING, REJECTED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when unknown. */
    public static QueueState parse(String value) {
        return Codes.parse(QueueState.class, value);
    }
}
