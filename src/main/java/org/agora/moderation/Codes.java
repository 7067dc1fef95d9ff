package org.agora.moderation;

import java.util.Locale;

/** Reads the lower-case codes the API and forms use ({@code off-topic}, {@code edit_words}) into enum constants. */
final class Codes {

    private Codes() {
    }

    /** Any case, with {@code -} or {@code _}; null when blank or unknown, so callers can answer 400 naming the field. */
    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
