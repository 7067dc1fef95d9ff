package org.agora.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Stream;
import org.agora.comment.Comment;
import org.agora.comment.CommentStatus;
import org.agora.web.AppException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The role × action × ownership matrix, one row per case, so a changed rule shows up as a changed row. */
class GuardianTest {

    private static final long AUTHOR_ID = 1;
    private static final Viewer ANONYMOUS = Viewer.ANONYMOUS;
    private static final Viewer AUTHOR = new Viewer(AUTHOR_ID, "alice", Set.of());
    private static final Viewer OTHER_MEMBER = new Viewer(2L, "bob", Set.of());
    private static final Viewer MODERATOR = new Viewer(3L, "mod", Set.of(Viewer.MODERATOR));
    private static final Viewer ADMIN = new Viewer(4L, "admin", Set.of(Viewer.ADMIN));

    private final Guardian guardian = new Guardian();

    enum Action { COMMENT, REPLY, EDIT, DELETE, VOTE_COMMENT, VOTE_QUESTION, REACT, READ }

    static Stream<Arguments> matrix() {
        return Stream.of(
                // viewer, action, comment status, allowed
                row(ANONYMOUS, Action.READ, CommentStatus.PUBLISHED, true),
                row(ANONYMOUS, Action.COMMENT, CommentStatus.PUBLISHED, false),
                row(ANONYMOUS, Action.REPLY, CommentStatus.PUBLISHED, false),
                row(ANONYMOUS, Action.EDIT, CommentStatus.PUBLISHED, false),
                row(ANONYMOUS, Action.DELETE, CommentStatus.PUBLISHED, false),
                row(ANONYMOUS, Action.VOTE_COMMENT, CommentStatus.PUBLISHED, false),
                row(ANONYMOUS, Action.VOTE_QUESTION, CommentStatus.PUBLISHED, false),
                row(ANONYMOUS, Action.REACT, CommentStatus.PUBLISHED, false),

                row(AUTHOR, Action.READ, CommentStatus.PUBLISHED, true),
                row(AUTHOR, Action.COMMENT, CommentStatus.PUBLISHED, true),
                row(AUTHOR, Action.REPLY, CommentStatus.PUBLISHED, true),
                row(AUTHOR, Action.REPLY, CommentStatus.DELETED, false),
                row(AUTHOR, Action.EDIT, CommentStatus.PUBLISHED, true),
                row(AUTHOR, Action.EDIT, CommentStatus.PENDING, true),
                row(AUTHOR, Action.EDIT, CommentStatus.DELETED, false),
                row(AUTHOR, Action.EDIT, CommentStatus.REMOVED, false),
                row(AUTHOR, Action.DELETE, CommentStatus.PUBLISHED, true),
                row(AUTHOR, Action.DELETE, CommentStatus.DELETED, false),
                row(AUTHOR, Action.VOTE_COMMENT, CommentStatus.PUBLISHED, false),
                row(AUTHOR, Action.VOTE_QUESTION, CommentStatus.PUBLISHED, true),
                row(AUTHOR, Action.REACT, CommentStatus.PUBLISHED, true),

                row(OTHER_MEMBER, Action.COMMENT, CommentStatus.PUBLISHED, true),
                row(OTHER_MEMBER, Action.REPLY, CommentStatus.PUBLISHED, true),
                row(OTHER_MEMBER, Action.REPLY, CommentStatus.REMOVED, false),
                row(OTHER_MEMBER, Action.EDIT, CommentStatus.PUBLISHED, false),
                row(OTHER_MEMBER, Action.DELETE, CommentStatus.PUBLISHED, false),
                row(OTHER_MEMBER, Action.VOTE_COMMENT, CommentStatus.PUBLISHED, true),
                row(OTHER_MEMBER, Action.VOTE_COMMENT, CommentStatus.DELETED, false),
                row(OTHER_MEMBER, Action.VOTE_QUESTION, CommentStatus.PUBLISHED, true),
                row(OTHER_MEMBER, Action.REACT, CommentStatus.PUBLISHED, true),

                // moderators and admins moderate (later issue); they never edit or delete someone else's words
                row(MODERATOR, Action.EDIT, CommentStatus.PUBLISHED, false),
                row(MODERATOR, Action.DELETE, CommentStatus.PUBLISHED, false),
                row(MODERATOR, Action.VOTE_COMMENT, CommentStatus.PUBLISHED, true),
                row(MODERATOR, Action.COMMENT, CommentStatus.PUBLISHED, true),
                row(ADMIN, Action.EDIT, CommentStatus.PUBLISHED, false),
                row(ADMIN, Action.DELETE, CommentStatus.PUBLISHED, false),
                row(ADMIN, Action.REACT, CommentStatus.PUBLISHED, true));
    }

    private static Arguments row(Viewer viewer, Action action, CommentStatus status, boolean allowed) {
        return Arguments.of(viewer, action, status, allowed);
    }

    @ParameterizedTest(name = "{0} {1} on a {2} comment: allowed={3}")
    @MethodSource("matrix")
    void decidesEveryRoleActionAndOwnership(Viewer viewer, Action action, CommentStatus status, boolean allowed) {
        Comment comment = comment(status);
        assertThat(can(viewer, action, comment)).isEqualTo(allowed);
        if (action != Action.READ) {
            if (allowed) {
                ensure(viewer, action, comment); // must not throw
            } else {
                assertThatThrownBy(() -> ensure(viewer, action, comment))
                        .isInstanceOf(AppException.class)
                        .satisfies(e -> assertThat(((AppException) e).status())
                                .isEqualTo(viewer.signedIn() ? (action == Action.REPLY ? 400 : 403) : 401));
            }
        }
    }

    private boolean can(Viewer viewer, Action action, Comment comment) {
        return switch (action) {
            case READ -> guardian.canReadPublic(viewer);
            case COMMENT -> guardian.canComment(viewer);
            case REPLY -> guardian.canReplyTo(viewer, comment);
            case EDIT -> guardian.canEditComment(viewer, comment);
            case DELETE -> guardian.canDeleteComment(viewer, comment);
            case VOTE_COMMENT -> guardian.canVoteOnComment(viewer, comment);
            case VOTE_QUESTION -> guardian.canVoteOnQuestion(viewer);
            case REACT -> guardian.canReact(viewer);
        };
    }

    private void ensure(Viewer viewer, Action action, Comment comment) {
        switch (action) {
            case COMMENT -> guardian.ensureCanComment(viewer);
            case REPLY -> guardian.ensureCanReplyTo(viewer, comment);
            case EDIT -> guardian.ensureCanEditComment(viewer, comment);
            case DELETE -> guardian.ensureCanDeleteComment(viewer, comment);
            case VOTE_COMMENT -> guardian.ensureCanVoteOnComment(viewer, comment);
            case VOTE_QUESTION -> guardian.ensureCanVoteOnQuestion(viewer);
            case REACT -> guardian.ensureCanReact(viewer);
            case READ -> { }
        }
    }

    private static Comment comment(CommentStatus status) {
        Comment comment = new Comment();
        comment.id = 10L;
        comment.authorId = AUTHOR_ID;
        comment.status = status.db();
        return comment;
    }
}
