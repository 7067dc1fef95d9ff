package org.agora.article;

import java.util.List;
import org.agora.question.QuestionSummary;
import org.agora.reaction.ReactionSummary;

/** Everything the article page shows, prepared for one viewer. */
public record ArticlePage(
        Article article,
        List<BlockView> blocks,
        List<QuestionSummary> questions,
        QuestionSummary titleQuestion,
        ReactionSummary reactions,
        boolean canReact) {

    /** A heading or paragraph split into plain text and the questions highlighted in place. */
    public record BlockView(boolean heading, List<Segment> segments, int quotes, int heat) {

        /** A block nobody quoted. */
        public BlockView(boolean heading, List<Segment> segments) {
            this(heading, segments, 0, 0);
        }
    }

    /** A run of text; {@code question} is set when the run is a question the article asks. */
    public record Segment(String text, QuestionSummary question) {
    }
}
