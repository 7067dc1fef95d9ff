package org.agora.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.agora.i18n.Msg;
import org.agora.comment.Comment;
import org.agora.comment.CommentStatus;
import java.time.Instant;
import org.agora.question.Question;
import org.agora.seminar.SeminarAccess;
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

    /** Any signed-in member under no suspension or ban may write: comment, reply, edit, vote, react, report. */
    public boolean canWrite(Viewer viewer) {
        return viewer.signedIn() && !viewer.restricted();
    }

    /** Any signed-in member who may write may answer a question or reply to a visible comment. */
    public boolean canComment(Viewer viewer) {
        return canWrite(viewer);
    }

    /** A locked thread takes no new comments, except from moderators and admins; an archived article's take none. */
    public boolean canCommentOn(Viewer viewer, Question question) {
        return canComment(viewer) && (!question.locked || viewer.staff())
                && !org.agora.article.Article.ARCHIVED.equals(question.articleStatus);
    }

    /** A reply needs a parent that still shows its text: not deleted, removed, or held. */
    public boolean canReplyTo(Viewer viewer, Comment parent) {
        return canComment(viewer) && parent.status() == CommentStatus.PUBLISHED;
    }

    /** Only the author edits a comment, only while it still exists, and only while allowed to write. */
    public boolean canEditComment(Viewer viewer, Comment comment) {
        return canWrite(viewer) && viewer.is(comment.authorId) && isAuthorEditable(comment.status());
    }

    /** Only the author deletes their comment (moderators remove, which is a different action); a sanction doesn't stop it. */
    public boolean canDeleteComment(Viewer viewer, Comment comment) {
        return viewer.is(comment.authorId) && isAuthorEditable(comment.status());
    }

    /** Members who may write vote on others' published comments; voting on your own would skew ranking. */
    public boolean canVoteOnComment(Viewer viewer, Comment comment) {
        return canWrite(viewer) && !viewer.is(comment.authorId) && comment.status() == CommentStatus.PUBLISHED;
    }

    /** Members who may write vote on the article's questions, locked or not. */
    public boolean canVoteOnQuestion(Viewer viewer) {
        return canWrite(viewer);
    }

    /** Members who may write react to an article, one reaction each. */
    public boolean canReact(Viewer viewer) {
        return canWrite(viewer);
    }

    /** Members who may write report someone else's published comment (once each, which the database enforces). */
    public boolean canReport(Viewer viewer, Comment comment) {
        return canWrite(viewer) && !viewer.is(comment.authorId) && comment.status() == CommentStatus.PUBLISHED;
    }

    /** Published comments and tombstones are public; a held or rejected comment shows only to its author and staff. */
    public boolean canSeeComment(Viewer viewer, Comment comment) {
        return switch (comment.status()) {
            case PUBLISHED, DELETED, REMOVED -> true;
            case PENDING, REJECTED -> viewer.is(comment.authorId) || viewer.staff();
        };
    }

    /** A hidden question shows only to moderators and admins; a draft article's questions only to tutors and admins. */
    public boolean canSeeQuestion(Viewer viewer, Question question) {
        return (!question.hidden || viewer.staff())
                && (!org.agora.article.Article.DRAFT.equals(question.articleStatus) || canManageArticles(viewer));
    }

    /** A draft article shows only to tutors and admins; published and archived ones to everyone. */
    public boolean canSeeArticle(Viewer viewer, org.agora.article.Article article) {
        return !org.agora.article.Article.DRAFT.equals(article.status) || canManageArticles(viewer);
    }

    /** Moderators and admins moderate everywhere: queues, comment and question actions, word lists, the audit log. */
    public boolean canModerate(Viewer viewer) {
        return viewer.signedIn() && viewer.staff();
    }

    /** Moderators and admins sanction members, but never themselves. */
    public boolean canSanction(Viewer viewer, long memberId) {
        return canModerate(viewer) && !viewer.is(memberId);
    }

    /** Moderators and admins are not rate-limited: clearing a queue takes many quick actions. */
    public boolean isExemptFromRateLimits(Viewer viewer) {
        return viewer.staff();
    }

    /** Any signed-in member follows a question they can see; a sanction doesn't stop them reading along. */
    public boolean canFollow(Viewer viewer, Question question) {
        return viewer.signedIn() && canSeeQuestion(viewer, question);
    }

    /** Only the member themselves reads their notifications, export and profile settings, or deletes their account. */
    public boolean canManageAccount(Viewer viewer, long memberId) {
        return viewer.is(memberId);
    }

    /** A member's own event stream (their unread count) carries events about them alone, and only to them. */
    public boolean canHearNotificationsOf(Viewer viewer, long memberId) {
        return viewer.signedIn() && viewer.is(memberId);
    }

    /** Tutors and admins import, edit, publish, unpublish and archive articles. */
    public boolean canManageArticles(Viewer viewer) {
        return viewer.signedIn() && (viewer.hasRole(Viewer.TUTOR) || viewer.hasRole(Viewer.ADMIN));
    }

    public void ensureSignedIn(Viewer viewer) {
        if (!viewer.signedIn()) {
            throw AppException.notSignedIn();
        }
    }

    public void ensureCanWrite(Viewer viewer) {
        ensureSignedIn(viewer);
        if (viewer.restricted()) {
            throw AppException.forbidden(viewer.restriction().message()).localized(viewer.restriction()::message);
        }
    }

    public void ensureCanComment(Viewer viewer) {
        ensureCanWrite(viewer);
    }

    public void ensureCanCommentOn(Viewer viewer, Question question) {
        ensureCanComment(viewer);
        if (!canCommentOn(viewer, question)) {
            if (org.agora.article.Article.ARCHIVED.equals(question.articleStatus)) {
                throw AppException.forbidden("This article is archived: it takes no new comments.").localized(Msg::error_archived);
            }
            throw AppException.forbidden("This thread is locked: it takes no new comments.").localized(Msg::error_locked);
        }
    }

    public void ensureCanReplyTo(Viewer viewer, Comment parent) {
        ensureCanWrite(viewer);
        if (!canReplyTo(viewer, parent)) {
            throw AppException.invalid("parentId", "That comment can no longer be replied to.").localized(Msg::error_noReply);
        }
    }

    public void ensureCanEditComment(Viewer viewer, Comment comment) {
        ensureSignedIn(viewer);
        if (viewer.is(comment.authorId)) {
            ensureCanWrite(viewer);
        }
        if (!canEditComment(viewer, comment)) {
            throw AppException.forbidden("Only the author can edit this comment.").localized(Msg::error_onlyAuthorEdits);
        }
    }

    public void ensureCanDeleteComment(Viewer viewer, Comment comment) {
        ensureSignedIn(viewer);
        if (!canDeleteComment(viewer, comment)) {
            throw AppException.forbidden("Only the author can delete this comment.").localized(Msg::error_onlyAuthorDeletes);
        }
    }

    public void ensureCanVoteOnComment(Viewer viewer, Comment comment) {
        ensureCanWrite(viewer);
        if (!canVoteOnComment(viewer, comment)) {
            boolean own = viewer.is(comment.authorId);
            throw AppException.forbidden(own ? "You can't vote on your own comment." : "This comment can't be voted on.")
                    .localized(m -> own ? m.error_ownVote() : m.error_cantVote());
        }
    }

    public void ensureCanVoteOnQuestion(Viewer viewer) {
        ensureCanWrite(viewer);
    }

    public void ensureCanReact(Viewer viewer) {
        ensureCanWrite(viewer);
    }

    public void ensureCanReport(Viewer viewer, Comment comment) {
        ensureCanWrite(viewer);
        if (!canReport(viewer, comment)) {
            boolean own = viewer.is(comment.authorId);
            throw AppException.forbidden(own ? "You can't report your own comment." : "This comment can't be reported.")
                    .localized(m -> own ? m.error_ownReport() : m.error_cantReport());
        }
    }

    public void ensureCanModerate(Viewer viewer) {
        ensureSignedIn(viewer);
        if (!canModerate(viewer)) {
            throw AppException.forbidden("Only moderators and admins can do that.").localized(Msg::error_moderatorsOnly);
        }
    }

    public void ensureCanSanction(Viewer viewer, long memberId) {
        ensureCanModerate(viewer);
        if (!canSanction(viewer, memberId)) {
            throw AppException.forbidden("You can't sanction yourself.").localized(Msg::error_selfSanction);
        }
    }

    public void ensureCanFollow(Viewer viewer, Question question) {
        ensureSignedIn(viewer);
        if (!canFollow(viewer, question)) {
            throw AppException.notFound("question");
        }
    }

    public void ensureCanManageArticles(Viewer viewer) {
        ensureSignedIn(viewer);
        if (!canManageArticles(viewer)) {
            throw AppException.forbidden("Only tutors and admins can manage articles.");
        }
    }

    // --- Seminars: private discussions of a tutorial group. Anyone who may not see one gets a 404, never a 403. ---

    /** Tutors (realm role tutor) and admins create seminars, unless a sanction stops them writing. */
    public boolean canCreateSeminar(Viewer viewer) {
        return canWrite(viewer) && (viewer.hasRole(Viewer.TUTOR) || viewer.hasRole(Viewer.ADMIN));
    }

    /** A seminar's own tutor runs it (members, code, queue, pins, locks, report, freeze, reveal); moderators and admins run every seminar. */
    public boolean canTutor(Viewer viewer, SeminarAccess seminar) {
        return viewer.signedIn() && (viewer.is(seminar.tutorId()) || viewer.staff());
    }

    /** Tutors of a seminar, or moderators and admins: the people a seminar-wide moderation screen is for. */
    public boolean canModerateSomewhere(Viewer viewer) {
        return viewer.signedIn() && (viewer.staff() || viewer.hasRole(Viewer.TUTOR));
    }

    /** Its members and whoever runs it see a seminar; once revealed, so do members and tutors of seminars on the same article. */
    public boolean canSeeSeminar(Viewer viewer, SeminarAccess seminar) {
        return canTutor(viewer, seminar)
                || (viewer.signedIn() && seminar.member())
                || (viewer.signedIn() && seminar.revealed() && seminar.peer());
    }

    /**
     * Members and the tutor take part (answer, reply, vote, edit, delete, report, react) while the seminar is neither
     * frozen nor archived; students only from its opening time. Readers of a revealed seminar only read.
     */
    public boolean canTakePartIn(Viewer viewer, SeminarAccess seminar, Instant now) {
        boolean runs = canTutor(viewer, seminar);
        return canWrite(viewer) && (runs || seminar.member()) && !seminar.frozen() && !seminar.archived()
                && (runs || !seminar.notYetOpen(now));
    }

    /** A seminar thread the tutor locked takes no new comments, except from whoever runs the seminar. */
    public boolean canCommentInSeminar(Viewer viewer, SeminarAccess seminar, boolean locked, Instant now) {
        return canTakePartIn(viewer, seminar, now) && (!locked || canTutor(viewer, seminar));
    }

    /** In an anonymous seminar students see each other as "Student N"; its tutor, moderators and admins see real names. */
    public boolean canSeeRealNames(Viewer viewer, SeminarAccess seminar) {
        return !seminar.anonymous() || canTutor(viewer, seminar);
    }

    /** Whoever runs a seminar posts announcements to its members while it is not archived (archived is read-only). */
    public boolean canAnnounce(Viewer viewer, SeminarAccess seminar) {
        return canWrite(viewer) && canTutor(viewer, seminar) && !seminar.archived();
    }

    /** The participation report names students and grades them: only for whoever runs the seminar. */
    public boolean canSeeParticipation(Viewer viewer, SeminarAccess seminar) {
        return canTutor(viewer, seminar);
    }

    public void ensureCanCreateSeminar(Viewer viewer) {
        ensureCanWrite(viewer);
        if (!canCreateSeminar(viewer)) {
            throw AppException.forbidden("Only tutors and admins can create seminars.");
        }
    }

    /** 404 for anyone who may not see the seminar: its existence is not told. */
    public void ensureCanSeeSeminar(Viewer viewer, SeminarAccess seminar) {
        if (!canSeeSeminar(viewer, seminar)) {
            throw AppException.notFound("seminar");
        }
    }

    public void ensureCanTutor(Viewer viewer, SeminarAccess seminar) {
        ensureCanSeeSeminar(viewer, seminar);
        if (!canTutor(viewer, seminar)) {
            throw AppException.forbidden("Only the seminar's tutor can do that.");
        }
    }

    public void ensureCanAnnounce(Viewer viewer, SeminarAccess seminar) {
        ensureCanTutor(viewer, seminar);
        ensureCanWrite(viewer);
        if (!canAnnounce(viewer, seminar)) {
            throw AppException.conflict("This seminar is archived: it is read-only.");
        }
    }

    public void ensureCanSeeParticipation(Viewer viewer, SeminarAccess seminar) {
        ensureCanSeeSeminar(viewer, seminar);
        if (!canSeeParticipation(viewer, seminar)) {
            throw AppException.forbidden("Only the seminar's tutor can see the participation report.");
        }
    }

    public void ensureCanTakePartIn(Viewer viewer, SeminarAccess seminar, Instant now) {
        ensureCanSeeSeminar(viewer, seminar);
        ensureCanWrite(viewer);
        if (!canTakePartIn(viewer, seminar, now)) {
            throw AppException.forbidden(seminar.archived() ? "This seminar is archived: it is read-only."
                    : seminar.frozen() ? "This seminar is frozen: it is read-only."
                    : !seminar.member() && !canTutor(viewer, seminar) ? "This seminar's threads are revealed to you to read, not to join in."
                    : "This seminar opens for posting at " + seminar.opensAt() + ".");
        }
    }

    public void ensureCanCommentInSeminar(Viewer viewer, SeminarAccess seminar, boolean locked, Instant now) {
        ensureCanTakePartIn(viewer, seminar, now);
        if (!canCommentInSeminar(viewer, seminar, locked, now)) {
            throw AppException.forbidden("This thread is locked: it takes no new comments.");
        }
    }

    private static boolean isAuthorEditable(CommentStatus status) {
        return status != CommentStatus.DELETED && status != CommentStatus.REMOVED;
    }
}
