package org.agora.article;

import java.util.List;

/**
 * An article as read from its plain-text form, before it is stored. Nullable fields are null when the text
 * has no such part; lists are never null and cannot be modified.
 *
 * @param slug           URL name derived from the title, see {@link Slugs#slugify(String)}
 * @param blocks         the body only (headings and paragraphs), numbered 0..n-1 in reading order
 * @param reactionKinds  the reaction widget, in the order the text lists it (all seven when it lists none)
 * @param questions      the discussion questions, numbered 1..n in reading order (title first)
 */
public record ImportedArticle(
        String slug,
        String title,
        String standfirst,
        String imageCaption,
        String author,
        String affiliation,
        Integer readingMinutes,
        List<Block> blocks,
        String authorBio,
        String attribution,
        List<String> reactionKinds,
        List<ExtractedQuestion> questions) {

    public ImportedArticle {
        blocks = List.copyOf(blocks);
        reactionKinds = List.copyOf(reactionKinds);
        questions = List.copyOf(questions);
    }

    /** One heading or paragraph of the body. */
    public record Block(int position, BlockKind kind, String text) {
    }

    public enum BlockKind {
        HEADING, PARAGRAPH
    }

    /**
     * A question found in the article. For {@link QuestionKind#TITLE} {@code blockPosition} is null and the offsets
     * are in the title; otherwise {@code block.text().substring(start, end)} equals {@code text}.
     */
    public record ExtractedQuestion(int order, QuestionKind kind, String text, String label, Integer blockPosition,
                                    int start, int end) {
    }

    public enum QuestionKind {
        TITLE, HEADING, SENTENCE
    }
}
