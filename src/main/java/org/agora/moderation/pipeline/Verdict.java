package org.agora.moderation.pipeline;

import org.agora.i18n.Msg;
import org.agora.web.AppException;

/**
 * A rule's decision about a new comment: publish it, hold it for review (with a reason code), or refuse it (for a
 * banned word, named in {@code word}).
 */
public record Verdict(Outcome outcome, String reason, String message, String word) {

    public enum Outcome { PUBLISH, HOLD, REFUSE }

    public static final Verdict PUBLISH = new Verdict(Outcome.PUBLISH, null, null, null);

    public static Verdict hold(String reason) {
        return new Verdict(Outcome.HOLD, reason, null, null);
    }

    public static Verdict refuseWord(String word) {
        return new Verdict(Outcome.REFUSE, "banned_word",
                "Your comment contains a word that is not allowed here (\"" + word + "\"). Please rephrase it.", word);
    }

    /** The refusal to answer with (a 400 on the comment's text), in the reader's language on pages. */
    public AppException refusal() {
        return AppException.invalid("body", message).localized((Msg m) -> m.error_bannedWord(word));
    }
}
