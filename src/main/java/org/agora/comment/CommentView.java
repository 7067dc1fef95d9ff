package org.agora.comment;

import io.quarkus.qute.TemplateData;
import java.time.Instant;

/**
 * A comment as a page or the API shows it to one viewer. Tombstones (deleted comments) keep their place in
 * the thread but carry no author or text; so do comments a moderator removed. A held or rejected comment is
 * shown only to its author (and staff), with the moderation reason. {@code displayDepth} caps indentation at {@link #MAX_NESTING};
 * deeper replies are shown flat with {@code inReplyTo}. {@code moreReplies} counts the replies a paged thread leaves out.
 *
 * <p>{@code @TemplateData}: the comment list is a user tag, whose expressions Qute can't type-check, so without it
 * every {@code c.…} in a thread is resolved by reflection after every generated resolver has been tried.
 */
@TemplateData
public record CommentView(
        long id,
        Long parentId,
        int depth,
        int displayDepth,
        String author,
        String bodyHtml,
        int ups,
        int downs,
        Instant createdAt,
        Instant editedAt,
        boolean deleted,
        String inReplyTo,
        int myVote,
        String status,
        boolean pinned,
        String moderationReason,
        String moderationMessage,
        boolean canReply,
        boolean canEdit,
        boolean canDelete,
        boolean canVote,
        boolean canReport,
        boolean canModerate,
        String stance,
        int moreReplies) {

    public static final int MAX_NESTING = 5;

    /** Replies this comment has that the page doesn't show (a long thread shows the first few; "show more"). */
    public boolean hasMoreReplies() {
        return moreReplies > 0;
    }

    public int score() {
        return ups - downs;
    }

    public boolean removed() {
        return "removed".equals(status);
    }

    public boolean held() {
        return "pending".equals(status);
    }

    public boolean rejected() {
        return "rejected".equals(status);
    }

    public boolean canRemove() {
        return canModerate && !deleted;
    }

    public boolean canRestore() {
        return canModerate && removed();
    }

    public boolean canPin() {
        return canModerate && "published".equals(status) && !pinned;
    }

    public boolean canUnpin() {
        return canModerate && pinned;
    }

    public boolean edited() {
        return editedAt != null;
    }

    public boolean upvoted() {
        return myVote == 1;
    }

    public boolean downvoted() {
        return myVote == -1;
    }
}
