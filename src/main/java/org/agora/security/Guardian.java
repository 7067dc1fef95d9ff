package org.agora.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.agora.comment.Comment;
import org.agora.comment.CommentStatus;
import org.agora.web.AppException;

/**
 * Every permission rule of Agora, one small method each. Resources and services call {@code ensure…};
 * views ask {@code can…} so the UI never offers what the server would refuse.
 */
@ApplicationScoped
public class Guardian {

    /** Anyone, signed in or not, may read public articles and their threads. */
    public boolean canReadPublic(Viewer viewer) {
        return true;
    }

    /** Any signed-in member may answer a question or reply to a visible comment. */
    public boolean canComment(Viewer viewer) {
        return viewer.signedIn();
    }

    /** A reply needs a parent that still shows its text: not deleted, removed, or held. */
    public boolean canReplyTo(Viewer viewer, Comment parent) {
        return canComment(viewer) && parent.status() == CommentStatus.PUBLISHED;
    }

    /** Only the author edits a comment, and only while it still exists. */
    public boolean canEditComment(Viewer viewer, Comment comment) {
        return viewer.is(comment.authorId) && isAuthorEditable(comment.status());
    }

    /** Only the author deletes their comment (moderators remove, which is a different action). */
    public boolean canDeleteComment(Viewer viewer, Comment comment) {
        return viewer.is(comment.authorId) && isAuthorEditable(comment.status());
    }

    /** Signed-in members vote on others' published comments; voting on your own would skew ranking. */
    public boolean canVoteOnComment(Viewer viewer, Comment comment) {
        return viewer.signedIn() && !viewer.is(comment.authorId) && comment.status() == CommentStatus.PUBLISHED;
    }

    /** Signed-in members vote on the article's questions. */
    public boolean canVoteOnQuestion(Viewer viewer) {
        return viewer.signedIn();
    }

    /** Signed-in members react to an article, one reaction each. */
    public boolean canReact(Viewer viewer) {
        return viewer.signedIn();
    }

    public void ensureSignedIn(Viewer viewer) {
        if (!viewer.signedIn()) {
            throw AppException.notSignedIn();
        }
    }

    public void ensureCanComment(Viewer viewer) {
        ensureSignedIn(viewer);
    }

    public void ensureCanReplyTo(Viewer viewer, Comment parent) {
        ensureSignedIn(viewer);
        if (!canReplyTo(viewer, parent)) {
            throw AppException.invalid("parentId", "That comment can no longer be replied to.");
        }
    }

    public void ensureCanEditComment(Viewer viewer, Comment comment) {
        ensureSignedIn(viewer);
        if (!canEditComment(viewer, comment)) {
            throw AppException.forbidden("Only the author can edit this comment.");
        }
    }

    public void ensureCanDeleteComment(Viewer viewer, Comment comment) {
        ensureSignedIn(viewer);
        if (!canDeleteComment(viewer, comment)) {
            throw AppException.forbidden("Only the author can delete this comment.");
        }
    }

    public void ensureCanVoteOnComment(Viewer viewer, Comment comment) {
        ensureSignedIn(viewer);
        if (!canVoteOnComment(viewer, comment)) {
            throw AppException.forbidden(viewer.is(comment.authorId)
                    ? "You can't vote on your own comment."
                    : "This comment can't be voted on.");
        }
    }

    public void ensureCanVoteOnQuestion(Viewer viewer) {
        ensureSignedIn(viewer);
    }

    public void ensureCanReact(Viewer viewer) {
        ensureSignedIn(viewer);
    }

    private static boolean isAuthorEditable(CommentStatus status) {
        return status != CommentStatus.DELETED && status != CommentStatus.REMOVED;
    }
}
