package org.agora.moderation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds listed words in a text, ignoring case and simple obfuscation: letters separated by punctuation or
 * symbols ("s.p.a.m", "s-p-a-m", "S_P_A_M"). Only whole words match, so "class" does not match "ass"; spaces
 * inside a listed phrase match any run of whitespace.
 */
public final class WordMatcher {

    /** Between two letters of a word: any run of punctuation or symbols (not letters, digits or spaces). */
    private static final String SEPARATOR = "[\\p{P}\\p{S}]*";

    private final List<Entry> entries;

    private record Entry(String word, Pattern pattern) {
    }

    public WordMatcher(Collection<String> words) {
        List<Entry> built = new ArrayList<>();
        for (String word : words) {
            String normal = normalise(word);
            if (!normal.isEmpty()) {
                built.add(new Entry(normal, compile(normal)));
            }
        }
        this.entries = List.copyOf(built);
    }

    /** The first listed word found in the text, as listed. */
    public Optional<String> firstMatch(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return entries.stream().filter(e -> e.pattern.matcher(text).find()).map(Entry::word).findFirst();
    }

    /** Lower case, trimmed, inner whitespace collapsed: how words are stored. */
    public static String normalise(String word) {
        return word == null ? "" : word.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Pattern compile(String word) {
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
        int[] codePoints = word.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int cp = codePoints[i];
            if (Character.isWhitespace(cp)) {
                regex.append("\\s+");
                continue;
            }
            regex.append(Pattern.quote(new String(Character.toChars(cp))));
            boolean nextIsLetter = i + 1 < codePoints.length && !Character.isWhitespace(codePoints[i + 1]);
            if (nextIsLetter) {
                regex.append(SEPARATOR);
            }
        }
        regex.append("(?![\\p{L}\\p{N}])");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
