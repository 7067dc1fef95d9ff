package org.agora.article;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Short, human-friendly labels for questions (tabs, chips, links), at most {@value #MAX_LENGTH} characters, unique
 * within one article. Deterministic: the same questions always get the same labels.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>Lead-ins are dropped: "But why does it matter?" → "Why does it matter?", "The question is: who pays?" →
 *       "Who pays?".</li>
 *   <li>An aside between commas is dropped: "Can the U.S. Southwest, where nights are warming faster than days,
 *       adapt in time?" → "Can the U.S. Southwest adapt in time?".</li>
 *   <li>A question of at most {@value #SHORT_WORDS} words is its own label.</li>
 *   <li>"Why/When/Where" + filler + a short tail keeps just the wh-word and the tail: "Why is this happening now?" →
 *       "Why now?", "Where do we go from here?" → "Where from here?".</li>
 *   <li>Otherwise the first words, up to {@value #PREFIX_WORDS} and cut at a word boundary, then "…?"; trailing
 *       words that would leave the label dangling ("the", "to", "its", "becoming") are dropped:
 *       "Why are these four leaders becoming regular features…" → "Why are these four leaders…?".</li>
 * </ol>
 * A label already used in the article gets " (2)", " (3)"… appended.
 */
final class QuestionLabeler {

    static final int MAX_LENGTH = 40;
    static final int SHORT_WORDS = 4;
    static final int PREFIX_WORDS = 7;
    private static final String ELLIPSIS = "…";

    private static final Set<String> WH_WORDS = words(
            "why what when where who whom whose which how is are was were do does did can could should would will "
            + "shall may might must has have had what's who's where's how's why's when's isn't aren't wasn't weren't "
            + "doesn't don't didn't can't won't wouldn't shouldn't couldn't hasn't haven't");

    /** Wh-words whose "wh + tail" short form stays natural ("Why now?", "Where from here?"; not "How now?"). */
    private static final Set<String> COMPRESSIBLE = words("why when where");

    /** Words that carry no topic in a question: auxiliaries, vague subjects, vague verbs. */
    private static final Set<String> FILLER = words(
            "is are was were be been being do does did has have had will would can could should shall may might must "
            + "this that it these those they we you i he she there all everyone everybody people "
            + "happening happen happens happened going go goes occurring occur get getting come coming");

    /** Words a cut label should not end on: they promise more words ("…to the…?", "…its…?"). */
    private static final Set<String> DANGLING = words(
            "a an the to of for at in on by with from into onto about over under between through as and or but nor "
            + "than that which who whom whose its their his her our your my this these those is are was were be been "
            + "being do does did has have had will would can could should shall may might must it they we you he she "
            + "so such very more most much many not no if when while where how why what whether there");

    /** Openers such as "But" or "So," before the real question. */
    private static final Set<String> LEAD_INS = words(
            "and but so yet then now still or well indeed also however thus hence instead rather");

    /**
     * ", where nights are warming faster than days," or ", asked the minister," — asides a label can do without, also
     * when they run to the question mark: "What about the workers, who have waited for years?".
     */
    private static final Pattern ASIDE = Pattern.compile(",\\s+(?:which|who|whose|where|when|now|especially"
            + "|particularly|including|said|says|asked|asks|argued|argues|noted|notes|wrote|writes)\\b"
            + "[^,?]{0,120}(?:,|(?=\\?))");

    private final Set<String> used = new HashSet<>();
    private final Map<String, Integer> nextSuffix = new HashMap<>();

    /** A label for this question, unique among the labels this labeler has given so far. */
    String label(String question) {
        String base = shorten(question, MAX_LENGTH);
        if (used.add(key(base))) {
            return base;
        }
        int n = nextSuffix.getOrDefault(key(base), 2);
        while (true) {
            String suffix = " (" + n + ")";
            String candidate = shorten(question, MAX_LENGTH - suffix.length()) + suffix;
            n++;
            if (used.add(key(candidate))) {
                nextSuffix.put(key(base), n);
                return candidate;
            }
        }
    }

    /** The label without the uniqueness suffix, at most {@code max} characters. */
    static String shorten(String question, int max) {
        List<String> words = coreWords(question);
        if (words.isEmpty()) {
            return cutChars("?", max);
        }
        String whole = String.join(" ", words) + "?";
        if (words.size() <= SHORT_WORDS && whole.length() <= max) {
            return whole;
        }
        String compressed = compress(words);
        if (compressed != null && compressed.length() <= max) {
            return compressed;
        }
        return prefix(words, max);
    }

    /** The question's words without quotes, lead-ins or the final question mark, first word capitalised. */
    private static List<String> coreWords(String question) {
        String text = question.strip();
        int colon = text.lastIndexOf(": ");
        if (colon > 0) {
            String after = text.substring(colon + 2);
            List<String> afterWords = split(after);
            // "The question is: who pays?" → the part after the colon, when it is itself a question.
            if (afterWords.size() >= 2 && WH_WORDS.contains(bare(afterWords.get(0)))) {
                text = after;
            }
        }
        text = ASIDE.matcher(text).replaceAll("");
        List<String> words = new ArrayList<>(split(text));
        while (words.size() > 2 && LEAD_INS.contains(bare(words.get(0))) && WH_WORDS.contains(bare(words.get(1)))) {
            words.remove(0);
        }
        if (!words.isEmpty()) {
            int last = words.size() - 1;
            String lastWord = stripTrailingMarks(words.get(last));
            if (lastWord.isEmpty()) {
                words.remove(last);
            } else {
                words.set(last, lastWord);
            }
        }
        if (!words.isEmpty()) {
            words.set(0, capitalise(words.get(0)));
        }
        return words;
    }

    /** "Why is this happening now?" → "Why now?": only when all between the wh-word and a 1–2 word tail is filler. */
    private static String compress(List<String> words) {
        String wh = bare(words.get(0));
        if (!COMPRESSIBLE.contains(wh)) {
            return null;
        }
        int i = 1;
        while (i < words.size() && FILLER.contains(bare(words.get(i)))) {
            i++;
        }
        int tail = words.size() - i;
        if (i == 1 || tail < 1 || tail > 2) {
            return null;
        }
        for (String word : words.subList(i, words.size())) {
            if (FILLER.contains(bare(word)) || isGerund(word)) {
                return null; // "Why are they doing this?" must not become "Why doing this?"
            }
        }
        return words.get(0) + " " + String.join(" ", words.subList(i, words.size())) + "?";
    }

    /** The first words that fit, ending on a word that does not dangle, then "…?". */
    private static String prefix(List<String> words, int max) {
        int budget = max - ELLIPSIS.length() - 1;
        int count = 0;
        int length = 0;
        while (count < words.size() && count < PREFIX_WORDS) {
            int next = length + (count > 0 ? 1 : 0) + words.get(count).length();
            if (next > budget) {
                break;
            }
            length = next;
            count++;
        }
        if (count == 0) {
            return cutChars(words.get(0), budget) + ELLIPSIS + "?";
        }
        if (count == words.size()) {
            return String.join(" ", words) + "?";
        }
        int kept = count;
        while (kept > 3 && isDangling(words.get(kept - 1))) {
            kept--;
        }
        if (isDangling(words.get(kept - 1))) {
            kept = count; // backing off would leave too little; keep the longer cut
        }
        List<String> chosen = new ArrayList<>(words.subList(0, kept));
        int last = chosen.size() - 1;
        chosen.set(last, stripTrailingPunctuation(chosen.get(last)));
        return String.join(" ", chosen) + ELLIPSIS + "?";
    }

    private static boolean isDangling(String word) {
        boolean clauseEnd = word.endsWith(",") || word.endsWith(";") || word.endsWith(":");
        // "…leaders becoming…?" reads as cut off mid-thought
        return DANGLING.contains(bare(word)) || isGerund(word) || clauseEnd;
    }

    private static boolean isGerund(String word) {
        String bare = bare(word);
        return bare.length() > 4 && bare.endsWith("ing");
    }

    /** Splits on whitespace and drops double quotes, which only frame the question and may be unbalanced once cut. */
    private static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.split("\\s+")) {
            String clean = word.replaceAll("[\"“”„«»]", "");
            clean = stripOuterSingleQuotes(clean);
            if (!clean.isEmpty()) {
                words.add(clean);
            }
        }
        return words;
    }

    /** ‘Why now?’ → Why now?; an apostrophe inside a word (NATO’s) stays. */
    private static String stripOuterSingleQuotes(String word) {
        int s = 0;
        int e = word.length();
        while (s < e && (word.charAt(s) == '‘' || word.charAt(s) == '\'')) {
            s++;
        }
        while (e > s && (word.charAt(e - 1) == '’' || word.charAt(e - 1) == '\'')
                && e - 2 >= s && !Character.isLetter(word.charAt(e - 2))) {
            e--;
        }
        return word.substring(s, e);
    }

    private static String stripTrailingMarks(String word) {
        int e = word.length();
        while (e > 0 && isTrailingMark(word.charAt(e - 1))) {
            e--;
        }
        return word.substring(0, e);
    }

    private static boolean isTrailingMark(char c) {
        return SentenceSplitter.isTerminator(c) || SentenceSplitter.isCloser(c) || c == '’';
    }

    private static String stripTrailingPunctuation(String word) {
        int e = word.length();
        while (e > 1 && ",;:—–-".indexOf(word.charAt(e - 1)) >= 0) {
            e--;
        }
        return word.substring(0, e);
    }

    /** The word in lower case without punctuation around it, for looking up in the word lists. */
    private static String bare(String word) {
        int s = 0;
        int e = word.length();
        while (s < e && !Character.isLetterOrDigit(word.charAt(s))) {
            s++;
        }
        while (e > s && !Character.isLetterOrDigit(word.charAt(e - 1))) {
            e--;
        }
        return word.substring(s, e).replace('’', '\'').toLowerCase(Locale.ROOT);
    }

    private static String capitalise(String word) {
        if (word.isEmpty() || !Character.isLowerCase(word.charAt(0))) {
            return word;
        }
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String cutChars(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max));
    }

    private static String key(String label) {
        return label.toLowerCase(Locale.ROOT);
    }

    private static Set<String> words(String spaceSeparated) {
        return Set.copyOf(Arrays.asList(spaceSeparated.split(" ")));
    }
}
