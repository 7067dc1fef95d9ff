package org.agora.moderation;

import java.util.Locale;

/** Every kind of moderator action the audit log records. */
public enum ModActionKind {
    APPROVE, REJECT, REMOVE, RESTORE, PIN, UNPIN,
    LOCK, UNLOCK, HIDE, SHOW, EDIT_QUESTION,
    WARN, SUSPEND, BAN,
    EDIT_WORDS,
    CREATE_SEMINAR, ROTATE_CODE, REMOVE_MEMBER, ARCHIVE, FREEZE, UNFREEZE, REVEAL, SET_CLAIM;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when unknown. */
    public static ModActionKind parse(String value) {
        return Codes.parse(ModActionKind.class, value);
    }
}
