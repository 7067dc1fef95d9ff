package org.agora.moderation;

/** What a moderator can do to a comment. */
public enum CommentAction {
    APPROVE, REJECT, REMOVE, RESTORE, PIN, UNPIN;

    public ModActionKind kind() {
        return ModActionKind.valueOf(name());
    }

    /** Null when unknown. */
    public static CommentAction parse(String value) {
        return Codes.parse(CommentAction.class, value);
    }
}
