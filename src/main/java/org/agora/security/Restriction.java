package org.agora.security;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.agora.i18n.Msg;

/**
 * A sanction that stops a member from writing: a suspension until a date, or a ban (no end). Resolved once per
 * request with the {@link Viewer}, so the Guardian can refuse every write route from the Viewer alone.
 */
public record Restriction(Kind kind, Instant until, String reason) {

    public enum Kind { SUSPENDED, BANNED }

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** The same in the reader's language (the date in UTC, as numbers, so it reads the same everywhere). */
    public String message(Msg msg) {
        return kind == Kind.BANNED ? msg.restriction_banned(reason) : msg.restriction_suspended(ISO_UNTIL.format(until), reason);
    }

    private static final DateTimeFormatter ISO_UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** What the person is told when a write is refused: why, and until when. */
    public String message() {
        String what = kind == Kind.BANNED
                ? "You are banned from writing on Agora"
                : "You are suspended until " + UNTIL.format(until);
        return what + ". Reason: " + reason + ". You can still read.";
    }
}
