package org.agora.comment;

import java.time.Instant;

/**
 * A comment as a page or the API shows it to one viewer. Tombstones (deleted comments) keep their place in
 * the thread but carry no author or text. {@code displayDepth} caps indentation at {@link #MAX_NESTING};
 * deeper replies are shown flat with {@code inReplyTo}.
 */
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
        boolean canReply,
        boolean canEdit,
        boolean canDelete,
        boolean canVote) {

    public static final int MAX_NESTING = 5;

    public int score() {
        return ups - downs;
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
