package org.agora.reaction;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.agora.web.AppException;

/** The reactions an article's widget can offer. */
public enum ReactionKind {
    LIKE, DISLIKE, LOVE, FUNNY, ANGRY, SAD, WOW;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReactionKind parse(String value) {
        if (value != null) {
            for (ReactionKind kind : values()) {
                if (kind.db().equalsIgnoreCase(value.strip())) {
                    return kind;
                }
            }
        }
        throw AppException.invalid("kind", "Choose one of: " + allowed() + ".");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(ReactionKind::db).collect(Collectors.joining(", "));
    }
}
