package org.agora.profile;

import java.text.Normalizer;
import java.util.regex.Pattern;
import org.agora.web.AppException;

/**
 * Cleans what a person writes about themselves. Both fields are plain text (Qute escapes them on output): here we
 * drop invisible and direction-changing characters, which could make a name look like someone else's or reverse the
 * text around it, collapse runs of spaces and enforce the lengths.
 */
public final class ProfileText {

    public static final int MAX_NAME = 60;
    public static final int MAX_BIO = 300;

    // control characters (but not line breaks, for the bio), format characters (zero-width, bidi overrides),
    // unpaired surrogates and non-characters
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\x{FFFE}\\x{FFFF}&&[^\\n]]");
    private static final Pattern SPACES = Pattern.compile("[\\p{Zs}\\t]+");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\n{3,}");

    private ProfileText() {
    }

    /** A display name: one line; blank means "use the name from the identity provider" (null). */
    public static String name(String raw) {
        String text = clean(raw).replace('\n', ' ');
        text = SPACES.matcher(text).replaceAll(" ").strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > MAX_NAME) {
            throw AppException.invalid("displayName", "The display name is limited to " + MAX_NAME + " characters.");
        }
        return text;
    }

    /** A bio: a few lines at most; blank means none (null). */
    public static String bio(String raw) {
        String text = clean(raw);
        text = SPACES.matcher(text).replaceAll(" ");
        text = LINE_BREAKS.matcher(text.replaceAll(" *\\n *", "\n")).replaceAll("\n\n").strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > MAX_BIO) {
            throw AppException.invalid("bio", "The bio is limited to " + MAX_BIO + " characters.");
        }
        return text;
    }

    private static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String text = Normalizer.normalize(raw.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
        return INVISIBLE.matcher(text).replaceAll("");
    }
}
