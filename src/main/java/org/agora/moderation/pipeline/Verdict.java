package org.agora.moderation.pipeline;

/** A rule's decision about a new comment: publish it, hold it for review (with a reason code), or refuse it. */
public record Verdict(Outcome outcome, String reason, String message) {

    public enum Outcome { PUBLISH, HOLD, REFUSE }

    public static final Verdict PUBLISH = new Verdict(Outcome.PUBLISH, null, null);

    public static Verdict hold(String reason) {
        return new Verdict(Outcome.HOLD, reason, null);
    }

    public static Verdict refuse(String message) {
        return new Verdict(Outcome.REFUSE, "banned_word", message);
    }
}
