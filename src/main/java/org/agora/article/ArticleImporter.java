package org.agora.article;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agora.article.ImportedArticle.Block;
import org.agora.article.ImportedArticle.BlockKind;
import org.agora.article.ImportedArticle.ExtractedQuestion;
import org.agora.article.ImportedArticle.QuestionKind;

/**
 * Reads an article from the plain text that republishing feeds produce. Pure JDK, stateless and thread-safe.
 *
 * <p>The text is taken line by line: every non-blank line is one unit (a paragraph, heading or field), so any number
 * of blank lines, CRLF/CR endings, a byte-order mark and trailing whitespace make no difference. In reading order:
 * <pre>
 * Title
 * Standfirst                                    (a paragraph)
 * Title (repeated)                              optional, then the image caption on the next line
 * Estimated reading time: 11 minutes            optional
 * Author Name, Affiliation                      optional byline
 * Body: paragraphs and headings
 * Author Name, Senior Lecturer, …               optional bio, starts with the author's name
 * This article is republished from …            optional attribution
 * What's Your Reaction?  like  love  wow …      optional reaction widget, one kind a line
 * </pre>
 * Everything is linear in the size of the text.
 */
public final class ArticleImporter {

    /** Matches the {@code article.title varchar(300)} column. */
    public static final int MAX_TITLE_LENGTH = 300;

    /** Matches the {@code question.text varchar(1000)} column; longer "questions" are run-on text, not questions. */
    static final int MAX_QUESTION_LENGTH = 1000;

    /** The reaction kinds the app knows, in the default widget order. */
    public static final List<String> REACTION_KINDS =
            List.of("like", "dislike", "love", "funny", "angry", "sad", "wow");

    /** Headings are short lines: longer unpunctuated lines are paragraphs that lost their full stop. */
    private static final int MAX_HEADING_CHARS = 120;
    private static final int MAX_HEADING_WORDS = 12;
    /** A standalone question counts as a heading only when it is as short as a heading usually is. */
    private static final int MAX_QUESTION_HEADING_WORDS = 10;

    private static final int MAX_BYLINE_LENGTH = 200;
    private static final int MAX_NAME_WORDS = 6;
    /** Bios are a sentence or two; a longer line at the end is body text that happens to start with a name. */
    private static final int MAX_BIO_LENGTH = 1000;

    private static final Pattern READING_TIME = Pattern.compile(
            "(?i)^(?:estimated\\s+)?reading\\s+time\\b\\D{0,20}(\\d{1,4})?.*$");
    private static final Pattern MINUTES_READ = Pattern.compile("(?i)^(\\d{1,4})\\s*min(?:ute)?s?\\.?\\s+read$");
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "(?i)\\b(?:republished|originally\\s+published|first\\s+published|creative\\s+commons|"
            + "read\\s+the\\s+original\\s+article)\\b");
    private static final Pattern REACTION_HEADER = Pattern.compile("(?i)^what'?s\\s+your\\s+reactions?\\s*\\??$");
    private static final Pattern READ_MORE = Pattern.compile("(?i)^read\\s+more\\s*:.*");
    private static final Pattern BY = Pattern.compile("(?i)^by\\s+");
    /** Job words that mark a line as an author bio when the byline did not name the author. */
    private static final Pattern ROLE = Pattern.compile(
            "(?i)\\b(?:professor|lecturer|researcher|fellow|director|scientist|candidate|dean|chair|editor|student|"
            + "engineer|associate|postdoctoral|research|head|manager|analyst|economist|historian|teacher|curator)\\b");

    /** Lower-case words that may appear inside a personal name: "Ursula von der Leyen", "Jane Doe and John Roe". */
    private static final Set<String> NAME_PARTICLES = Set.of(
            "and", "&", "van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "bin", "binti",
            "al", "el", "y", "ter", "ten", "op");

    private static final String LOGO = "The Conversation";

    /**
     * Parses {@code text}. Throws {@link ArticleFormatException} when the text is empty, has no title, has a title over
     * {@value #MAX_TITLE_LENGTH} characters, or has no body paragraph.
     */
    public ImportedArticle parse(String text) {
        List<String> lines = nonBlankLines(text);
        if (lines.isEmpty()) {
            throw new ArticleFormatException("The article is empty: paste the title on the first line, then the text.");
        }
        int reactionHeader = findReactionHeader(lines);
        String title = title(lines, reactionHeader);
        int contentEnd = reactionHeader < 0 ? lines.size() : reactionHeader;
        Header header = readHeader(lines, title, contentEnd);
        Footer footer = readFooter(lines, header.bodyStart(), contentEnd, header.author());

        String standfirst = header.standfirst();
        List<String> bodyLines = bodyLines(lines.subList(header.bodyStart(), footer.bodyEnd()));
        if (bodyLines.isEmpty() && standfirst != null) {
            // "Title + one paragraph": that paragraph is the body, not a standfirst introducing nothing.
            bodyLines = List.of(standfirst);
            standfirst = null;
        }
        List<Block> blocks = toBlocks(bodyLines);
        if (blocks.stream().noneMatch(b -> b.kind() == BlockKind.PARAGRAPH)) {
            throw new ArticleFormatException("The article has no body: after the title there must be at least one "
                    + "paragraph of text.");
        }
        List<String> reactions = reactionHeader < 0
                ? REACTION_KINDS
                : reactionKinds(lines.subList(reactionHeader + 1, lines.size()));
        return new ImportedArticle(Slugs.slugify(title), title, standfirst, header.caption(), header.author(),
                header.affiliation(), header.readingMinutes(), blocks, footer.bio(), footer.attribution(), reactions,
                questions(title, blocks));
    }

    /** The first line, when it can be a title: it has a letter or digit and is not the reaction widget. */
    private static String title(List<String> lines, int reactionHeader) {
        String title = lines.get(0);
        if (reactionHeader == 0 || !hasLetterOrDigit(title)) {
            throw new ArticleFormatException("The article has no title: its first line must be the title.");
        }
        if (title.length() > MAX_TITLE_LENGTH) {
            throw new ArticleFormatException("The title is " + title.length() + " characters long; at most "
                    + MAX_TITLE_LENGTH + " are allowed. Is the first line really the title?");
        }
        return title;
    }

    // ---------------------------------------------------------------- lines

    /**
     * The non-blank lines, trimmed. A BOM (anywhere: concatenated files keep theirs), CR and CRLF endings and
     * non-breaking or zero-width spaces at either end are all dropped.
     */
    static List<String> nonBlankLines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : '\n';
            if (c == '\n' || c == '\r') {
                String line = clean(text.substring(start, i));
                if (!line.isEmpty()) {
                    lines.add(line);
                }
                start = i + 1;
            }
        }
        return lines;
    }

    private static String clean(String raw) {
        String line = raw.indexOf('\uFEFF') >= 0 ? raw.replace("\uFEFF", "") : raw;
        int s = 0;
        int e = line.length();
        while (s < e && isSpace(line.charAt(s))) {
            s++;
        }
        while (e > s && isSpace(line.charAt(e - 1))) {
            e--;
        }
        return line.substring(s, e);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B';
    }

    /** Lower case, one kind of apostrophe, single spaces: for comparing lines that may differ only in typography. */
    private static String normalized(String line) {
        return line.replaceAll("[’‘ʼ`´]", "'").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static boolean hasLetterOrDigit(String line) {
        return line.chars().anyMatch(Character::isLetterOrDigit);
    }

    // ---------------------------------------------------------------- header

    private record Header(String standfirst, String caption, Integer readingMinutes, String author, String affiliation,
                          int bodyStart) {
    }

    private record Byline(String author, String affiliation) {
    }

    /** Reads the optional fields between the title and the body, in any order, each at most once. */
    private static Header readHeader(List<String> lines, String title, int end) {
        int i = 1;
        String standfirst = null;
        if (i < end && !isHeaderMarker(lines.get(i), title)) {
            standfirst = lines.get(i++);
        }
        String caption = null;
        Integer minutes = null;
        Byline byline = null;
        boolean sawRepeat = false;
        boolean sawReadingTime = false;
        while (i < end) {
            String line = lines.get(i);
            if (!sawRepeat && byline == null && sameText(line, title)) {
                // The repeated title introduces the image: the next line is its caption, unless it is another field.
                sawRepeat = true;
                i++;
                if (i < end && !isHeaderMarker(lines.get(i), title)) {
                    caption = lines.get(i++);
                }
            } else if (!sawReadingTime && isReadingTime(line)) {
                sawReadingTime = true;
                minutes = readingMinutes(line);
                i++;
            } else if (byline == null && parseByline(line) != null) {
                byline = parseByline(line);
                i++;
            } else {
                break;
            }
        }
        return new Header(standfirst, caption, minutes, byline == null ? null : byline.author(),
                byline == null ? null : byline.affiliation(), i);
    }

    private static boolean isHeaderMarker(String line, String title) {
        return sameText(line, title) || isReadingTime(line) || parseByline(line) != null;
    }

    private static boolean sameText(String a, String b) {
        if (a.length() > 2 * b.length() + 10 || b.length() > 2 * a.length() + 10) {
            return false; // cheap exit: a long paragraph is never the title repeated
        }
        return normalized(a).equals(normalized(b));
    }

    private static boolean isReadingTime(String line) {
        return line.length() < 80 && (READING_TIME.matcher(line).matches() || MINUTES_READ.matcher(line).matches());
    }

    /** The minutes, or null for "less than a minute" and other wordings without a positive number. */
    private static Integer readingMinutes(String line) {
        Matcher m = READING_TIME.matcher(line);
        String digits = m.matches() ? m.group(1) : null;
        if (digits == null) {
            Matcher read = MINUTES_READ.matcher(line);
            digits = read.matches() ? read.group(1) : null;
        }
        if (digits == null) {
            return null;
        }
        int minutes = Integer.parseInt(digits);
        return minutes > 0 ? minutes : null;
    }

    /**
     * "Gorana Grgić, University of Sydney" → author and affiliation. The part before the first comma must look like
     * a name (capitalised words) and the line must not end like a sentence, which keeps body lines such as
     * "First, these countries…" out. An optional "By " prefix is dropped. A byline must have the comma.
     */
    private static Byline parseByline(String line) {
        if (line.length() > MAX_BYLINE_LENGTH || endsLikeSentence(line)) {
            return null;
        }
        String text = BY.matcher(line).replaceFirst("");
        int comma = text.indexOf(',');
        if (comma <= 0) {
            return null;
        }
        String name = text.substring(0, comma).strip();
        String affiliation = text.substring(comma + 1).strip();
        if (affiliation.isEmpty() || !looksLikeName(name)) {
            return null;
        }
        return new Byline(name, affiliation);
    }

    /** Two to six words, each capitalised or a name particle ("von", "de", "and"), no digits. */
    private static boolean looksLikeName(String name) {
        String[] words = name.split("\\s+");
        if (words.length < 2 || words.length > MAX_NAME_WORDS) {
            return false;
        }
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            boolean capitalised = Character.isUpperCase(word.charAt(0));
            boolean particle = w > 0 && NAME_PARTICLES.contains(word);
            boolean nameChars = word.chars().allMatch(c -> Character.isLetter(c) || c == '.' || c == '-' || c == '\''
                    || c == '’' || c == '&');
            if (!nameChars || !(capitalised || particle)) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsLikeSentence(String line) {
        int e = line.length();
        while (e > 0 && SentenceSplitter.isCloser(line.charAt(e - 1))) {
            e--;
        }
        return e > 0 && (SentenceSplitter.isTerminator(line.charAt(e - 1)) || ":;,".indexOf(line.charAt(e - 1)) >= 0);
    }

    // ---------------------------------------------------------------- footer

    private record Footer(String bio, String attribution, int bodyEnd) {
    }

    /**
     * Peels the bio, the attribution and a stand-alone logo line off the end of the body, in either order. The body
     * keeps at least its first line, so a one-paragraph article is never eaten by a footer that looks alike.
     */
    private static Footer readFooter(List<String> lines, int bodyStart, int end, String author) {
        String bio = null;
        String attribution = null;
        int e = end;
        while (e - 1 > bodyStart) {
            String last = lines.get(e - 1);
            if (attribution == null && isAttribution(last)) {
                int first = e - 1;
                // "…under a Creative Commons license." / "Read the original article." may come as two lines.
                while (first - 1 > bodyStart && e - first < 3 && isAttribution(lines.get(first - 1))) {
                    first--;
                }
                attribution = String.join(" ", lines.subList(first, e));
                e = first;
            } else if (bio == null && isBio(last, author)) {
                bio = last;
                e--;
            } else if (isLogo(last)) {
                e--;
            } else {
                break;
            }
        }
        return new Footer(bio, attribution, e);
    }

    private static boolean isAttribution(String line) {
        return line.length() < 500 && ATTRIBUTION.matcher(line).find();
    }

    /**
     * A bio starts with the author's name: "Gorana Grgić, Senior Lecturer, …". Without a byline to take the name
     * from, a line "Capitalised Name, role words…" (professor, lecturer…) is a bio.
     */
    private static boolean isBio(String line, String author) {
        if (line.length() > MAX_BIO_LENGTH) {
            return false;
        }
        if (author != null) {
            if (!normalized(line).startsWith(normalized(author))) {
                return false;
            }
            String rest = line.substring(Math.min(author.length(), line.length()));
            return rest.startsWith(",") || rest.startsWith(" is ") || rest.startsWith(" (") || rest.startsWith(" –");
        }
        Byline asByline = parseNameAndRest(line);
        return asByline != null && ROLE.matcher(asByline.affiliation()).find();
    }

    /** Like a byline without the length and sentence-ending limits: bios are longer and may end with a full stop. */
    private static Byline parseNameAndRest(String line) {
        int comma = line.indexOf(',');
        if (comma <= 0) {
            return null;
        }
        String name = line.substring(0, comma).strip();
        return looksLikeName(name) ? new Byline(name, line.substring(comma + 1).strip()) : null;
    }

    private static boolean isLogo(String line) {
        return line.equalsIgnoreCase(LOGO);
    }

    // ---------------------------------------------------------------- body

    /** Drops "Read more: …" links to other articles, and the publisher's logo glued to the last paragraph. */
    private static List<String> bodyLines(List<String> lines) {
        List<String> body = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (!READ_MORE.matcher(line).matches() && !isLogo(line)) {
                body.add(line);
            }
        }
        if (!body.isEmpty()) {
            int last = body.size() - 1;
            String stripped = stripGluedLogo(body.get(last));
            if (stripped.isEmpty()) {
                body.remove(last);
            } else {
                body.set(last, stripped);
            }
        }
        return body;
    }

    /**
     * "…not less.The Conversation" → "…not less.": the feed glues the logo's alt text to the last paragraph. Only
     * after sentence punctuation, so a sentence that merely ends with the words "The Conversation" keeps them.
     */
    static String stripGluedLogo(String paragraph) {
        if (!paragraph.endsWith(LOGO)) {
            return paragraph;
        }
        int e = paragraph.length() - LOGO.length();
        while (e > 0 && Character.isWhitespace(paragraph.charAt(e - 1))) {
            e--;
        }
        int p = e;
        while (p > 0 && SentenceSplitter.isCloser(paragraph.charAt(p - 1))) {
            p--;
        }
        boolean afterSentence = p > 0 && SentenceSplitter.isTerminator(paragraph.charAt(p - 1));
        return afterSentence ? paragraph.substring(0, e) : paragraph;
    }

    private static List<Block> toBlocks(List<String> bodyLines) {
        List<Block> blocks = new ArrayList<>(bodyLines.size());
        for (String line : bodyLines) {
            BlockKind kind = isHeading(line) ? BlockKind.HEADING : BlockKind.PARAGRAPH;
            blocks.add(new Block(blocks.size(), kind, line));
        }
        return blocks;
    }

    /**
     * Headings are short standalone lines that start with a capital and either have no final punctuation
     * ("NATO’s interest in the Asia-Pacific") or are a short question ("Why is this happening now?"). Paragraphs
     * end with a full stop; a line ending with ':' introduces what follows and is a paragraph too.
     */
    static boolean isHeading(String line) {
        if (line.length() > MAX_HEADING_CHARS || !startsWithCapital(line)) {
            return false;
        }
        int words = line.split("\\s+").length;
        if (words > MAX_HEADING_WORDS) {
            return false;
        }
        if (endsWithQuestionMark(line)) {
            return words <= MAX_QUESTION_HEADING_WORDS;
        }
        return !endsLikeSentence(line);
    }

    private static boolean startsWithCapital(String line) {
        int i = 0;
        while (i < line.length() && SentenceSplitter.isOpener(line.charAt(i))) {
            i++;
        }
        return i < line.length() && Character.isLetterOrDigit(line.charAt(i)) && !Character.isLowerCase(line.charAt(i));
    }

    /** Ends with '?' possibly followed by closing quotes or brackets. */
    private static boolean endsWithQuestionMark(String text) {
        int e = text.length();
        while (e > 0 && SentenceSplitter.isCloser(text.charAt(e - 1))) {
            e--;
        }
        return e > 0 && SentenceSplitter.isQuestionMark(text.charAt(e - 1));
    }

    // ---------------------------------------------------------------- reactions

    /** The last "What's Your Reaction?" line, or -1. The last, because the widget closes the text. */
    private static int findReactionHeader(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.length() < 40 && REACTION_HEADER.matcher(normalized(line)).matches()) {
                return i;
            }
        }
        return -1;
    }

    /** Known kinds in the order listed, each once; unknown words are ignored; none known means the default widget. */
    private static List<String> reactionKinds(List<String> blockLines) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String line : blockLines) {
            String word = line.split("\\s+", 2)[0].replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT);
            if (REACTION_KINDS.contains(word)) {
                kinds.add(word);
            }
        }
        return kinds.isEmpty() ? REACTION_KINDS : List.copyOf(kinds);
    }

    // ---------------------------------------------------------------- questions

    /**
     * The title if it asks something, question headings, and body sentences ending with '?', in reading order. The
     * same question twice (say a heading that repeats the title) is kept once, where it first appears.
     */
    private static List<ExtractedQuestion> questions(String title, List<Block> blocks) {
        List<ExtractedQuestion> questions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        QuestionLabeler labeler = new QuestionLabeler();
        if (endsWithQuestionMark(title) && seen.add(normalized(title))) {
            questions.add(new ExtractedQuestion(1, QuestionKind.TITLE, title, labeler.label(title), null, 0,
                    title.length()));
        }
        for (Block block : blocks) {
            String text = block.text();
            if (block.kind() == BlockKind.HEADING) {
                if (endsWithQuestionMark(text) && seen.add(normalized(text))) {
                    questions.add(new ExtractedQuestion(questions.size() + 1, QuestionKind.HEADING, text,
                            labeler.label(text), block.position(), 0, text.length()));
                }
                continue;
            }
            for (SentenceSplitter.Sentence sentence : SentenceSplitter.split(text)) {
                if (!isQuestionSentence(text, sentence)) {
                    continue;
                }
                String question = text.substring(sentence.start(), sentence.end());
                if (seen.add(normalized(question))) {
                    questions.add(new ExtractedQuestion(questions.size() + 1, QuestionKind.SENTENCE, question,
                            labeler.label(question), block.position(), sentence.start(), sentence.end()));
                }
            }
        }
        return questions;
    }

    /** A sentence ending with '?', of at least two words ("Really?" is an aside, not a question to discuss). */
    private static boolean isQuestionSentence(String text, SentenceSplitter.Sentence sentence) {
        if (!sentence.question() || sentence.end() - sentence.start() > MAX_QUESTION_LENGTH) {
            return false;
        }
        int words = 0;
        boolean inWord = false;
        for (int i = sentence.start(); i < sentence.end() && words < 2; i++) {
            boolean wordChar = Character.isLetterOrDigit(text.charAt(i));
            if (wordChar && !inWord) {
                words++;
            }
            inWord = wordChar || (inWord && !Character.isWhitespace(text.charAt(i)));
        }
        return words >= 2;
    }
}
