package org.agora.moderation;

/** What a moderator can do to a question's thread. */
public enum QuestionAction {
    LOCK, UNLOCK, HIDE, SHOW;

    public ModActionKind kind() {
        return ModActionKind.valueOf(name());
    }

    /** Null when unknown. */
    public static QuestionAction parse(String value) {
        return Codes.parse(QuestionAction.class, value);
    }
}
