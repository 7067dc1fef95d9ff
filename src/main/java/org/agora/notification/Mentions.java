package org.agora.notification;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The @usernames a comment mentions. In an anonymous seminar a student names a peer by pseudonym instead:
 * {@code @Student-12} (the pseudonym "Student 12" with a hyphen, so it is one word to this parser and plain text to
 * the Markdown renderer). Only seminar threads resolve pseudonyms; public threads resolve usernames alone.
 */
public final class Mentions {

    /** More than this many in one comment is a roll call, not a conversation: the rest are ignored. */
    public static final int MAX_PER_COMMENT = 10;

    // "@" not preceded by a word character, so e-mail addresses (bob@example.org) are not mentions
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.@/-])@([\\p{L}\\p{N}_][\\p{L}\\p{N}._-]{0,99})");

    private static final Pattern PSEUDONYM = Pattern.compile("student-([1-9][0-9]{0,8})");

    private Mentions() {
    }

    /** How a pseudonym is written in a mention: {@code Student-12}. */
    public static String pseudonymMention(int number) {
        return "Student-" + number;
    }

    /** The pseudonym number a mentioned name (as {@link #in} answers it) stands for, or null for a username. */
    public static Integer pseudonymNumber(String name) {
        Matcher m = PSEUDONYM.matcher(name);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    /**
     * The text with each mention whose (lower-cased) name {@code replacement} maps to something else rewritten as
     * {@code @} + that; names it maps to null stay as written.
     */
    public static String rewrite(String text, java.util.function.Function<String, String> replacement) {
        Matcher m = MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String written = m.group(1);
            String name = written.replaceAll("[._-]+$", "");
            String other = name.isEmpty() ? null : replacement.apply(name.toLowerCase(Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(other == null ? m.group() : "@" + other + written.substring(name.length())));
        }
        m.appendTail(out);
        return out.toString();
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
