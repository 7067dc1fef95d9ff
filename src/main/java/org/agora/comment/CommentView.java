package org.agora.comment;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.Objects;

/**
 * A comment as a page or the API shows it to one viewer. Tombstones (deleted comments) keep their place in
 * the thread but carry no author or text; so do comments a moderator removed. A held or rejected comment is
 * shown only to its author (and staff), with the moderation reason. {@code displayDepth} caps indentation at {@link #MAX_NESTING};
 * deeper replies are shown flat with {@code inReplyTo}. {@code moreReplies} counts the replies a paged thread leaves out.
 *
 * <p>{@code @TemplateData}: the comment list is a user tag, whose expressions Qute can't type-check, so without it
 * every {@code c.…} in a thread is resolved by reflection after every generated resolver has been tried.
 *
 * <p>{@code equals} and {@code hashCode} are written out: the record is the key of kept comment markup
 * ({@link CommentList}), looked up for every comment of every signed-in thread page, and the generated versions,
 * which go through a method handle per component, were a quarter of that page's CPU in a profile (bench/README).
 * {@code CommentViewTest} checks that every component takes part in both.
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

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof CommentView that
                && id == that.id && depth == that.depth && displayDepth == that.displayDepth && ups == that.ups
                && downs == that.downs && deleted == that.deleted && myVote == that.myVote && pinned == that.pinned
                && canReply == that.canReply && canEdit == that.canEdit && canDelete == that.canDelete
                && canVote == that.canVote && canReport == that.canReport && canModerate == that.canModerate
                && moreReplies == that.moreReplies
                && Objects.equals(parentId, that.parentId) && Objects.equals(status, that.status)
                && Objects.equals(createdAt, that.createdAt) && Objects.equals(editedAt, that.editedAt)
                && Objects.equals(author, that.author) && Objects.equals(inReplyTo, that.inReplyTo)
                && Objects.equals(stance, that.stance) && Objects.equals(moderationReason, that.moderationReason)
                && Objects.equals(moderationMessage, that.moderationMessage) && Objects.equals(bodyHtml, that.bodyHtml);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(id);
        h = 31 * h + Objects.hashCode(parentId);
        h = 31 * h + depth;
        h = 31 * h + displayDepth;
        h = 31 * h + Objects.hashCode(author);
        h = 31 * h + Objects.hashCode(bodyHtml);
        h = 31 * h + ups;
        h = 31 * h + downs;
        h = 31 * h + Objects.hashCode(createdAt);
        h = 31 * h + Objects.hashCode(editedAt);
        h = 31 * h + Boolean.hashCode(deleted);
        h = 31 * h + Objects.hashCode(inReplyTo);
        h = 31 * h + myVote;
        h = 31 * h + Objects.hashCode(status);
        h = 31 * h + Boolean.hashCode(pinned);
        h = 31 * h + Objects.hashCode(moderationReason);
        h = 31 * h + Objects.hashCode(moderationMessage);
        h = 31 * h + Boolean.hashCode(canReply);
        h = 31 * h + Boolean.hashCode(canEdit);
        h = 31 * h + Boolean.hashCode(canDelete);
        h = 31 * h + Boolean.hashCode(canVote);
        h = 31 * h + Boolean.hashCode(canReport);
        h = 31 * h + Boolean.hashCode(canModerate);
        h = 31 * h + Objects.hashCode(stance);
        return 31 * h + moreReplies;
    }
}
