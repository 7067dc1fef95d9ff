package org.agora.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agora.comment.CommentView;
import org.agora.question.QuestionSummary;
import org.agora.reaction.ReactionKind;
import org.agora.reaction.ReactionSummary;

/** The JSON shapes of the public API, kept apart from the page views so either can change alone. */
final class ApiViews {

    private ApiViews() {
    }

    record ArticleListItem(String slug, String title) {
    }

    record ArticleDetail(String slug, String title, List<QuestionItem> questions, Map<String, Integer> reactions, String myReaction) {
    }

    record QuestionItem(long id, String label, String text, int score, int commentCount) {
        static QuestionItem of(QuestionSummary q) {
            return new QuestionItem(q.id(), q.label(), q.text(), q.score(), q.commentCount());
        }
    }

    record Reactions(Map<String, Integer> reactions, String myReaction) {
        static Reactions of(ReactionSummary summary) {
            return new Reactions(counts(summary), summary.mine());
        }
    }

    record CommentItem(long id, Long parentId, int depth, String author, String bodyHtml, int score, int ups, int downs,
            Instant createdAt, Instant editedAt, boolean deleted, int myVote, String status, boolean pinned,
            String moderationReason, String moderationMessage, String stance) {
        static CommentItem of(CommentView c) {
            return new CommentItem(c.id(), c.parentId(), c.depth(), c.author(), c.bodyHtml(), c.score(), c.ups(), c.downs(),
                    c.createdAt(), c.editedAt(), c.deleted(), c.myVote(), c.status(), c.pinned(), c.moderationReason(),
                    c.moderationMessage(), c.stance());
        }
    }

    record Tally(int score, int ups, int downs, int myVote) {
    }

    record CommentInput(String body, Long parentId) {
    }

    record VoteInput(Integer value) {
    }

    record ReportInput(String reason, String note) {
    }

    record ReportCreated(long id, long commentId, String reason) {
    }

    record ReactionInput(String kind) {
    }

    /** Every reaction kind, in the widget's canonical order, with 0 for kinds the article does not offer. */
    static Map<String, Integer> counts(ReactionSummary summary) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ReactionKind kind : ReactionKind.values()) {
            counts.put(kind.db(), 0);
        }
        summary.counts().forEach(c -> counts.put(c.kind(), c.count()));
        return counts;
    }
}
