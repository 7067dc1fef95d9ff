package org.agora.notification;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The @usernames a comment mentions. */
public final class Mentions {

    /** More than this many in one comment is a roll call, not a conversation: the rest are ignored. */
    public static final int MAX_PER_COMMENT = 10;

    // "@" not preceded by a word character, so e-mail addresses (bob@example.org) are not mentions
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.@/-])@([\\p{L}\\p{N}_][\\p{L}\\p{N}._-]{0,99})");

    private Mentions() {
    }

    /** Lower-cased usernames, in order of first appearance, without a trailing full stop or hyphen. */
    public static Set<String> in(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text == null) {
            return names;
        }
        Matcher m = MENTION.matcher(text);
        while (m.find() && names.size() < MAX_PER_COMMENT) {
            String name = m.group(1).replaceAll("[._-]+$", "");
            if (!name.isEmpty()) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
