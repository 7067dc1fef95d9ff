package org.agora.comment;

import java.util.Locale;

/** Lifecycle of a comment. Only PUBLISHED counts; DELETED (by its author) leaves a tombstone. */
public enum CommentStatus {
    PUBLISHED, PENDING, REJECTED, REMOVED, DELETED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CommentStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
