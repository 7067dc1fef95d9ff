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

    /** {@code quote}: a passage of the article to quote at the top of the comment. */
    record CommentInput(String body, Long parentId, QuoteInput quote) {
    }

    /** A passage of the article: block position (0 = first block of the body) and character offsets in its text. */
    record QuoteInput(Integer block, Integer start, Integer end) {
        org.agora.comment.CommentService.Quote toQuote() {
            if (block == null || start == null || end == null) {
                throw org.agora.web.AppException.invalid("quote", "A quote needs block, start and end.");
            }
            return new org.agora.comment.CommentService.Quote(block, start, end);
        }
    }

    record VoteInput(Integer value) {
    }

    record ReportInput(String reason, String note) {
    }

    record ReportCreated(long id, long commentId, String reason) {
    }

    record ReactionInput(String kind) {
    }

    record NotificationItem(long id, String kind, boolean read, Instant createdAt, String link, String text) {
        static NotificationItem of(org.agora.moderation.Notifications.Notification n) {
            return new NotificationItem(n.id(), n.kind(), n.read(), n.createdAt(), n.link(), n.text());
        }
    }

    /** Either {@code {"ids":[…]}} or {@code {"all":true}}. */
    record ReadInput(List<Long> ids, Boolean all) {
    }

    record Unread(long unread) {
    }

    record Following(long questionId, boolean following) {
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
