package org.agora.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a paragraph into sentences in one left-to-right pass, so even a huge paragraph costs linear time.
 *
 * <p>A sentence ends at a run of terminators ({@code . ! ? …}) plus any closing quotes or brackets, when what follows
 * is whitespace and then (after optional opening quotes) a capital letter, a digit, or the end of the text. Requiring
 * the capital keeps {@code “Why now?” she asked.} together as one sentence. A single full stop after a known
 * abbreviation ("Dr.", "Prof."), an initial ("C. Valverde") or a dotted abbreviation ("U.S.", "e.g.") ends nothing.
 */
final class SentenceSplitter {

    /** A sentence as offsets into the paragraph; {@code question} is true when its terminator run holds a '?'. */
    record Sentence(int start, int end, boolean question) {
    }

    /** Words that are usually followed by a full stop that does not end the sentence. Case matters: "No." vs "no." */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Gov", "Sen", "Rep", "Lt",
            "Col", "Capt", "Sgt", "Cmdr", "Adm", "Maj", "Rev", "Hon", "Pres", "Supt", "Insp", "Det",
            "Inc", "Ltd", "Co", "Corp", "Bros", "Pty", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd",
            "No", "Nos", "Fig", "Figs", "Vol", "Vols", "Ch", "Art", "Sec", "Ed", "Eds", "pp", "para", "approx",
            "vs", "cf", "al", "ca", "viz", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
            "Nov", "Dec");

    /** How far back to look for the word before a full stop; abbreviations are short. */
    private static final int MAX_ABBREVIATION_LENGTH = 12;

    private SentenceSplitter() {
    }

    static List<Sentence> split(String text) {
        List<Sentence> sentences = new ArrayList<>();
        int start = skipWhitespace(text, 0);
        int i = start;
        while (i < text.length()) {
            if (!isTerminator(text.charAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            boolean question = false;
            while (i < text.length() && isTerminator(text.charAt(i))) {
                question |= isQuestionMark(text.charAt(i));
                i++;
            }
            while (i < text.length() && isCloser(text.charAt(i))) {
                i++;
            }
            int end = i;
            if (endsSentence(text, runStart, end)) {
                sentences.add(new Sentence(start, end, question));
                start = skipWhitespace(text, end);
                i = start;
            }
        }
        if (start < text.length()) {
            int end = trimEnd(text, start, text.length());
            sentences.add(new Sentence(start, end, false));
        }
        return sentences;
    }

    /** The terminator run {@code [runStart, end)} (closers included) ends a sentence when a new one visibly begins. */
    private static boolean endsSentence(String text, int runStart, int end) {
        if (end == text.length()) {
            return true;
        }
        if (!Character.isWhitespace(text.charAt(end))) {
            return false; // "2.0", "less.The", "?!" inside a word
        }
        int next = skipWhitespace(text, end);
        while (next < text.length() && isOpener(text.charAt(next))) {
            next++;
        }
        if (next < text.length() && !startsSentence(text.charAt(next))) {
            return false;
        }
        boolean singleFullStop = text.charAt(runStart) == '.'
                && (runStart + 1 == text.length() || text.charAt(runStart + 1) != '.');
        return !(singleFullStop && isAbbreviation(text, runStart));
    }

    /** Capitals, digits and letters of scripts without case can begin a sentence; lower-case letters cannot. */
    private static boolean startsSentence(char c) {
        return Character.isLetterOrDigit(c) && !Character.isLowerCase(c);
    }

    /** Is the word right before the full stop at {@code dot} an abbreviation, an initial or a dotted short form? */
    private static boolean isAbbreviation(String text, int dot) {
        int wordStart = dot;
        while (wordStart > 0 && dot - wordStart < MAX_ABBREVIATION_LENGTH) {
            char c = text.charAt(wordStart - 1);
            if (Character.isWhitespace(c) || isOpener(c)) {
                break;
            }
            wordStart--;
        }
        String word = text.substring(wordStart, dot);
        if (word.isEmpty()) {
            return false;
        }
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return true; // an initial: "C. Valverde", "J. R. R. Tolkien"
        }
        if (word.indexOf('.') > 0) {
            return isDottedShortForm(word); // "U.S", "e.g", "Ph.D"
        }
        return ABBREVIATIONS.contains(word);
    }

    /** "U.S", "e.g", "Ph.D": short letter groups joined by full stops. */
    private static boolean isDottedShortForm(String word) {
        for (String part : word.split("\\.", -1)) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isLetter)) {
                return false;
            }
        }
        return true;
    }

    static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '…' || isQuestionMark(c);
    }

    static boolean isQuestionMark(char c) {
        return c == '?' || c == '？';
    }

    static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == '»' || c == '›' || c == ')' || c == ']';
    }

    static boolean isOpener(char c) {
        return c == '"' || c == '\'' || c == '“' || c == '‘' || c == '„' || c == '«' || c == '‹' || c == '('
                || c == '[';
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String text, int start, int end) {
        int e = end;
        while (e > start && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }
}
