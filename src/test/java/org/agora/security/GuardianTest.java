package org.agora.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Stream;
import org.agora.comment.Comment;
import org.agora.comment.CommentStatus;
import org.agora.question.Question;
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
    private static final Viewer TUTOR = new Viewer(7L, "tutor", Set.of(Viewer.TUTOR));
    private static final Viewer SUSPENDED = new Viewer(5L, "carol", Set.of(),
            new Restriction(Restriction.Kind.SUSPENDED, java.time.Instant.parse("2030-01-01T00:00:00Z"), "flaming"));
    private static final Viewer BANNED = new Viewer(6L, "dave", Set.of(),
            new Restriction(Restriction.Kind.BANNED, null, "spam"));
    private static final Viewer SUSPENDED_AUTHOR = new Viewer(AUTHOR_ID, "alice", Set.of(),
            new Restriction(Restriction.Kind.SUSPENDED, java.time.Instant.parse("2030-01-01T00:00:00Z"), "flaming"));
    private static final Viewer SUSPENDED_MODERATOR = new Viewer(8L, "mod2", Set.of(Viewer.MODERATOR),
            new Restriction(Restriction.Kind.SUSPENDED, java.time.Instant.parse("2030-01-01T00:00:00Z"), "test"));

    private final Guardian guardian = new Guardian();

    enum Action {
        COMMENT, REPLY, EDIT, DELETE, VOTE_COMMENT, VOTE_QUESTION, REACT, READ,
        REPORT, SEE_COMMENT, COMMENT_ON_LOCKED, SEE_HIDDEN_QUESTION, MODERATE, SANCTION_AUTHOR, SANCTION_SELF, NO_RATE_LIMIT
    }

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

                // moderators and admins moderate; they never edit or delete someone else's words
                row(MODERATOR, Action.EDIT, CommentStatus.PUBLISHED, false),
                row(MODERATOR, Action.DELETE, CommentStatus.PUBLISHED, false),
                row(MODERATOR, Action.VOTE_COMMENT, CommentStatus.PUBLISHED, true),
                row(MODERATOR, Action.COMMENT, CommentStatus.PUBLISHED, true),
                row(ADMIN, Action.EDIT, CommentStatus.PUBLISHED, false),
                row(ADMIN, Action.DELETE, CommentStatus.PUBLISHED, false),
                row(ADMIN, Action.REACT, CommentStatus.PUBLISHED, true),

                // reports: signed-in writers, on someone else's published comment
                row(ANONYMOUS, Action.REPORT, CommentStatus.PUBLISHED, false),
                row(AUTHOR, Action.REPORT, CommentStatus.PUBLISHED, false),
                row(OTHER_MEMBER, Action.REPORT, CommentStatus.PUBLISHED, true),
                row(OTHER_MEMBER, Action.REPORT, CommentStatus.PENDING, false),
                row(OTHER_MEMBER, Action.REPORT, CommentStatus.REMOVED, false),
                row(MODERATOR, Action.REPORT, CommentStatus.PUBLISHED, true),
                row(ADMIN, Action.REPORT, CommentStatus.PUBLISHED, true),

                // who sees a comment in each state
                row(ANONYMOUS, Action.SEE_COMMENT, CommentStatus.PUBLISHED, true),
                row(ANONYMOUS, Action.SEE_COMMENT, CommentStatus.REMOVED, true),
                row(ANONYMOUS, Action.SEE_COMMENT, CommentStatus.DELETED, true),
                row(ANONYMOUS, Action.SEE_COMMENT, CommentStatus.PENDING, false),
                row(ANONYMOUS, Action.SEE_COMMENT, CommentStatus.REJECTED, false),
                row(OTHER_MEMBER, Action.SEE_COMMENT, CommentStatus.PENDING, false),
                row(OTHER_MEMBER, Action.SEE_COMMENT, CommentStatus.REJECTED, false),
                row(AUTHOR, Action.SEE_COMMENT, CommentStatus.PENDING, true),
                row(AUTHOR, Action.SEE_COMMENT, CommentStatus.REJECTED, true),
                row(MODERATOR, Action.SEE_COMMENT, CommentStatus.PENDING, true),
                row(ADMIN, Action.SEE_COMMENT, CommentStatus.REJECTED, true),
                row(TUTOR, Action.SEE_COMMENT, CommentStatus.PENDING, false),

                // locked threads and hidden questions
                row(ANONYMOUS, Action.COMMENT_ON_LOCKED, CommentStatus.PUBLISHED, false),
                row(AUTHOR, Action.COMMENT_ON_LOCKED, CommentStatus.PUBLISHED, false),
                row(OTHER_MEMBER, Action.COMMENT_ON_LOCKED, CommentStatus.PUBLISHED, false),
                row(MODERATOR, Action.COMMENT_ON_LOCKED, CommentStatus.PUBLISHED, true),
                row(ADMIN, Action.COMMENT_ON_LOCKED, CommentStatus.PUBLISHED, true),
                row(ANONYMOUS, Action.SEE_HIDDEN_QUESTION, CommentStatus.PUBLISHED, false),
                row(OTHER_MEMBER, Action.SEE_HIDDEN_QUESTION, CommentStatus.PUBLISHED, false),
                row(TUTOR, Action.SEE_HIDDEN_QUESTION, CommentStatus.PUBLISHED, false),
                row(MODERATOR, Action.SEE_HIDDEN_QUESTION, CommentStatus.PUBLISHED, true),
                row(ADMIN, Action.SEE_HIDDEN_QUESTION, CommentStatus.PUBLISHED, true),

                // moderation itself: moderators and admins only, everywhere; nobody sanctions themselves
                row(ANONYMOUS, Action.MODERATE, CommentStatus.PUBLISHED, false),
                row(AUTHOR, Action.MODERATE, CommentStatus.PUBLISHED, false),
                row(OTHER_MEMBER, Action.MODERATE, CommentStatus.PUBLISHED, false),
                row(TUTOR, Action.MODERATE, CommentStatus.PUBLISHED, false),
                row(MODERATOR, Action.MODERATE, CommentStatus.PUBLISHED, true),
                row(ADMIN, Action.MODERATE, CommentStatus.PUBLISHED, true),
                row(ANONYMOUS, Action.SANCTION_AUTHOR, CommentStatus.PUBLISHED, false),
                row(OTHER_MEMBER, Action.SANCTION_AUTHOR, CommentStatus.PUBLISHED, false),
                row(TUTOR, Action.SANCTION_AUTHOR, CommentStatus.PUBLISHED, false),
                row(MODERATOR, Action.SANCTION_AUTHOR, CommentStatus.PUBLISHED, true),
                row(ADMIN, Action.SANCTION_AUTHOR, CommentStatus.PUBLISHED, true),
                row(MODERATOR, Action.SANCTION_SELF, CommentStatus.PUBLISHED, false),
                row(ADMIN, Action.SANCTION_SELF, CommentStatus.PUBLISHED, false),
                row(ANONYMOUS, Action.NO_RATE_LIMIT, CommentStatus.PUBLISHED, false),
                row(OTHER_MEMBER, Action.NO_RATE_LIMIT, CommentStatus.PUBLISHED, false),
                row(TUTOR, Action.NO_RATE_LIMIT, CommentStatus.PUBLISHED, false),
                row(MODERATOR, Action.NO_RATE_LIMIT, CommentStatus.PUBLISHED, true),
                row(ADMIN, Action.NO_RATE_LIMIT, CommentStatus.PUBLISHED, true),

                // suspended and banned people read but write nothing (deleting their own words stays allowed)
                row(SUSPENDED, Action.READ, CommentStatus.PUBLISHED, true),
                row(SUSPENDED, Action.SEE_COMMENT, CommentStatus.PUBLISHED, true),
                row(SUSPENDED, Action.COMMENT, CommentStatus.PUBLISHED, false),
                row(SUSPENDED, Action.REPLY, CommentStatus.PUBLISHED, false),
                row(SUSPENDED, Action.VOTE_COMMENT, CommentStatus.PUBLISHED, false),
                row(SUSPENDED, Action.VOTE_QUESTION, CommentStatus.PUBLISHED, false),
                row(SUSPENDED, Action.REACT, CommentStatus.PUBLISHED, false),
                row(SUSPENDED, Action.REPORT, CommentStatus.PUBLISHED, false),
                row(BANNED, Action.READ, CommentStatus.PUBLISHED, true),
                row(BANNED, Action.COMMENT, CommentStatus.PUBLISHED, false),
                row(BANNED, Action.REPLY, CommentStatus.PUBLISHED, false),
                row(BANNED, Action.VOTE_COMMENT, CommentStatus.PUBLISHED, false),
                row(BANNED, Action.VOTE_QUESTION, CommentStatus.PUBLISHED, false),
                row(BANNED, Action.REACT, CommentStatus.PUBLISHED, false),
                row(BANNED, Action.REPORT, CommentStatus.PUBLISHED, false),
                row(BANNED, Action.MODERATE, CommentStatus.PUBLISHED, false),
                row(SUSPENDED_AUTHOR, Action.EDIT, CommentStatus.PUBLISHED, false),
                row(SUSPENDED_AUTHOR, Action.DELETE, CommentStatus.PUBLISHED, true),
                row(SUSPENDED_AUTHOR, Action.SEE_COMMENT, CommentStatus.REJECTED, true),
                row(SUSPENDED_MODERATOR, Action.COMMENT, CommentStatus.PUBLISHED, false),
                row(SUSPENDED_MODERATOR, Action.MODERATE, CommentStatus.PUBLISHED, true));
    }

    private static Arguments row(Viewer viewer, Action action, CommentStatus status, boolean allowed) {
        return Arguments.of(viewer, action, status, allowed);
    }

    @ParameterizedTest(name = "{0} {1} on a {2} comment: allowed={3}")
    @MethodSource("matrix")
    void decidesEveryRoleActionAndOwnership(Viewer viewer, Action action, CommentStatus status, boolean allowed) {
        Comment comment = comment(status);
        assertThat(can(viewer, action, comment)).isEqualTo(allowed);
        if (action != Action.READ && action != Action.SEE_COMMENT && action != Action.SEE_HIDDEN_QUESTION
                && action != Action.NO_RATE_LIMIT) {
            if (allowed) {
                ensure(viewer, action, comment); // must not throw
            } else {
                assertThatThrownBy(() -> ensure(viewer, action, comment))
                        .isInstanceOf(AppException.class)
                        .satisfies(e -> assertThat(((AppException) e).status()).isEqualTo(expectedStatus(viewer, action)));
            }
        }
    }

    enum CommunityAction { FOLLOW, FOLLOW_HIDDEN, MANAGE_OWN_ACCOUNT, MANAGE_OTHERS_ACCOUNT, MANAGE_ARTICLES, HEAR_OWN_NOTIFICATIONS,
        HEAR_OTHERS_NOTIFICATIONS }

    static Stream<Arguments> communityMatrix() {
        return Stream.of(
                // following is reading along: any signed-in member, sanctioned or not, on a question they can see
                Arguments.of(ANONYMOUS, CommunityAction.FOLLOW, false),
                Arguments.of(OTHER_MEMBER, CommunityAction.FOLLOW, true),
                Arguments.of(SUSPENDED, CommunityAction.FOLLOW, true),
                Arguments.of(BANNED, CommunityAction.FOLLOW, true),
                Arguments.of(OTHER_MEMBER, CommunityAction.FOLLOW_HIDDEN, false),
                Arguments.of(TUTOR, CommunityAction.FOLLOW_HIDDEN, false),
                Arguments.of(MODERATOR, CommunityAction.FOLLOW_HIDDEN, true),
                // one's own account (export, delete, settings) only; staff included
                Arguments.of(ANONYMOUS, CommunityAction.MANAGE_OWN_ACCOUNT, false),
                Arguments.of(AUTHOR, CommunityAction.MANAGE_OWN_ACCOUNT, true),
                Arguments.of(SUSPENDED_AUTHOR, CommunityAction.MANAGE_OWN_ACCOUNT, true),
                Arguments.of(OTHER_MEMBER, CommunityAction.MANAGE_OTHERS_ACCOUNT, false),
                Arguments.of(MODERATOR, CommunityAction.MANAGE_OTHERS_ACCOUNT, false),
                Arguments.of(ADMIN, CommunityAction.MANAGE_OTHERS_ACCOUNT, false),
                // articles: tutors and admins
                Arguments.of(ANONYMOUS, CommunityAction.MANAGE_ARTICLES, false),
                Arguments.of(OTHER_MEMBER, CommunityAction.MANAGE_ARTICLES, false),
                Arguments.of(MODERATOR, CommunityAction.MANAGE_ARTICLES, false),
                Arguments.of(TUTOR, CommunityAction.MANAGE_ARTICLES, true),
                Arguments.of(ADMIN, CommunityAction.MANAGE_ARTICLES, true),
                // the live unread count: one's own only, whoever asks (staff included, sanctioned or not)
                Arguments.of(ANONYMOUS, CommunityAction.HEAR_OWN_NOTIFICATIONS, false),
                Arguments.of(AUTHOR, CommunityAction.HEAR_OWN_NOTIFICATIONS, true),
                Arguments.of(BANNED, CommunityAction.HEAR_OWN_NOTIFICATIONS, true),
                Arguments.of(ANONYMOUS, CommunityAction.HEAR_OTHERS_NOTIFICATIONS, false),
                Arguments.of(OTHER_MEMBER, CommunityAction.HEAR_OTHERS_NOTIFICATIONS, false),
                Arguments.of(MODERATOR, CommunityAction.HEAR_OTHERS_NOTIFICATIONS, false),
                Arguments.of(ADMIN, CommunityAction.HEAR_OTHERS_NOTIFICATIONS, false));
    }

    @ParameterizedTest(name = "{0} {1}: allowed={2}")
    @MethodSource("communityMatrix")
    void decidesFollowingAccountsAndArticleManagement(Viewer viewer, CommunityAction action, boolean allowed) {
        boolean decided = switch (action) {
            case FOLLOW -> guardian.canFollow(viewer, question(false, false));
            case FOLLOW_HIDDEN -> guardian.canFollow(viewer, question(false, true));
            case MANAGE_OWN_ACCOUNT -> viewer.signedIn() && guardian.canManageAccount(viewer, viewer.memberId());
            case MANAGE_OTHERS_ACCOUNT -> guardian.canManageAccount(viewer, AUTHOR_ID);
            case MANAGE_ARTICLES -> guardian.canManageArticles(viewer);
            case HEAR_OWN_NOTIFICATIONS -> viewer.signedIn() && guardian.canHearNotificationsOf(viewer, viewer.memberId());
            case HEAR_OTHERS_NOTIFICATIONS -> guardian.canHearNotificationsOf(viewer, AUTHOR_ID);
        };
        assertThat(decided).isEqualTo(allowed);
    }

    @org.junit.jupiter.api.Test
    void aRestrictedPersonIsToldWhyAndUntilWhen() {
        assertThatThrownBy(() -> guardian.ensureCanComment(SUSPENDED))
                .hasMessageContaining("suspended until 1 January 2030").hasMessageContaining("flaming");
        assertThatThrownBy(() -> guardian.ensureCanVoteOnQuestion(BANNED))
                .hasMessageContaining("banned").hasMessageContaining("spam");
    }

    /** 401 for anonymous, 400 for a reply to a comment that can't take one, 403 for everything else refused. */
    private static int expectedStatus(Viewer viewer, Action action) {
        if (!viewer.signedIn()) {
            return 401;
        }
        return action == Action.REPLY && !viewer.restricted() ? 400 : 403;
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
            case REPORT -> guardian.canReport(viewer, comment);
            case SEE_COMMENT -> guardian.canSeeComment(viewer, comment);
            case COMMENT_ON_LOCKED -> guardian.canCommentOn(viewer, question(true, false));
            case SEE_HIDDEN_QUESTION -> guardian.canSeeQuestion(viewer, question(false, true));
            case MODERATE -> guardian.canModerate(viewer);
            case SANCTION_AUTHOR -> guardian.canSanction(viewer, AUTHOR_ID);
            case SANCTION_SELF -> guardian.canSanction(viewer, viewer.memberId());
            case NO_RATE_LIMIT -> guardian.isExemptFromRateLimits(viewer);
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
            case REPORT -> guardian.ensureCanReport(viewer, comment);
            case COMMENT_ON_LOCKED -> guardian.ensureCanCommentOn(viewer, question(true, false));
            case MODERATE -> guardian.ensureCanModerate(viewer);
            case SANCTION_AUTHOR -> guardian.ensureCanSanction(viewer, AUTHOR_ID);
            case SANCTION_SELF -> guardian.ensureCanSanction(viewer, viewer.memberId());
            case READ, SEE_COMMENT, SEE_HIDDEN_QUESTION, NO_RATE_LIMIT -> { }
        }
    }

    private static Question question(boolean locked, boolean hidden) {
        Question question = new Question();
        question.id = 20L;
        question.locked = locked;
        question.hidden = hidden;
        return question;
    }

    private static Comment comment(CommentStatus status) {
        Comment comment = new Comment();
        comment.id = 10L;
        comment.authorId = AUTHOR_ID;
        comment.status = status.db();
        return comment;
    }
}
