package org.agora.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.agora.seminar.SeminarAccess;
import org.agora.web.AppException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The seminar rules as a table: viewer × relation × seminar state × action, one row per case. */
class SeminarGuardianTest {

    private static final long TUTOR_ID = 7;
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Viewer ANONYMOUS = Viewer.ANONYMOUS;
    private static final Viewer STUDENT = new Viewer(1L, "alice", Set.of());
    private static final Viewer TUTOR = new Viewer(TUTOR_ID, "tutor", Set.of(Viewer.TUTOR));
    private static final Viewer OTHER_TUTOR = new Viewer(9L, "tutor2", Set.of(Viewer.TUTOR));
    private static final Viewer MODERATOR = new Viewer(3L, "mod", Set.of(Viewer.MODERATOR));
    private static final Viewer ADMIN = new Viewer(4L, "admin", Set.of(Viewer.ADMIN));
    private static final Viewer BANNED_STUDENT = new Viewer(1L, "alice", Set.of(), new Restriction(Restriction.Kind.BANNED, null, "spam"));

    enum Relation { NONE, MEMBER, PEER }

    enum State { OPEN, NOT_YET_OPEN, FROZEN, ARCHIVED, REVEALED, ANONYMOUS }

    enum Action { SEE, TAKE_PART, TUTOR, REAL_NAMES, PARTICIPATION, CREATE, ANNOUNCE }

    private final Guardian guardian = new Guardian();

    static Stream<Arguments> matrix() {
        return Stream.of(
                row(STUDENT, Relation.MEMBER, State.OPEN, Action.SEE, true),
                row(STUDENT, Relation.MEMBER, State.OPEN, Action.TAKE_PART, true),
                row(STUDENT, Relation.MEMBER, State.OPEN, Action.TUTOR, false),
                row(STUDENT, Relation.MEMBER, State.OPEN, Action.PARTICIPATION, false),
                row(STUDENT, Relation.MEMBER, State.OPEN, Action.CREATE, false),
                row(STUDENT, Relation.MEMBER, State.NOT_YET_OPEN, Action.SEE, true),
                row(STUDENT, Relation.MEMBER, State.NOT_YET_OPEN, Action.TAKE_PART, false),
                row(STUDENT, Relation.MEMBER, State.FROZEN, Action.TAKE_PART, false),
                row(STUDENT, Relation.MEMBER, State.ARCHIVED, Action.TAKE_PART, false),
                row(STUDENT, Relation.MEMBER, State.ANONYMOUS, Action.REAL_NAMES, false),
                row(STUDENT, Relation.MEMBER, State.OPEN, Action.REAL_NAMES, true),
                row(BANNED_STUDENT, Relation.MEMBER, State.OPEN, Action.SEE, true),
                row(BANNED_STUDENT, Relation.MEMBER, State.OPEN, Action.TAKE_PART, false),
                // another seminar's member: nothing, until the seminar is revealed, and then reading only
                row(STUDENT, Relation.NONE, State.OPEN, Action.SEE, false),
                row(STUDENT, Relation.PEER, State.OPEN, Action.SEE, false),
                row(STUDENT, Relation.PEER, State.REVEALED, Action.SEE, true),
                row(STUDENT, Relation.PEER, State.REVEALED, Action.TAKE_PART, false),
                row(STUDENT, Relation.NONE, State.REVEALED, Action.SEE, false),
                row(ANONYMOUS, Relation.NONE, State.REVEALED, Action.SEE, false),
                row(ANONYMOUS, Relation.NONE, State.OPEN, Action.TAKE_PART, false),
                // the seminar's tutor runs it, sees names, may post before it opens; another tutor sees nothing
                row(TUTOR, Relation.NONE, State.OPEN, Action.SEE, true),
                row(TUTOR, Relation.NONE, State.OPEN, Action.TUTOR, true),
                row(TUTOR, Relation.NONE, State.NOT_YET_OPEN, Action.TAKE_PART, true),
                row(TUTOR, Relation.NONE, State.FROZEN, Action.TAKE_PART, false),
                row(TUTOR, Relation.NONE, State.ANONYMOUS, Action.REAL_NAMES, true),
                row(TUTOR, Relation.NONE, State.OPEN, Action.PARTICIPATION, true),
                row(TUTOR, Relation.NONE, State.OPEN, Action.CREATE, true),
                row(OTHER_TUTOR, Relation.NONE, State.OPEN, Action.SEE, false),
                row(OTHER_TUTOR, Relation.NONE, State.OPEN, Action.TUTOR, false),
                row(OTHER_TUTOR, Relation.PEER, State.REVEALED, Action.SEE, true),
                row(OTHER_TUTOR, Relation.PEER, State.REVEALED, Action.TUTOR, false),
                row(OTHER_TUTOR, Relation.PEER, State.ANONYMOUS, Action.REAL_NAMES, false),
                // moderators and admins keep their global powers
                row(MODERATOR, Relation.NONE, State.OPEN, Action.SEE, true),
                row(MODERATOR, Relation.NONE, State.OPEN, Action.TUTOR, true),
                row(MODERATOR, Relation.NONE, State.ANONYMOUS, Action.REAL_NAMES, true),
                row(MODERATOR, Relation.NONE, State.OPEN, Action.CREATE, false),
                row(ADMIN, Relation.NONE, State.OPEN, Action.TUTOR, true),
                row(ADMIN, Relation.NONE, State.OPEN, Action.PARTICIPATION, true),
                row(ADMIN, Relation.NONE, State.OPEN, Action.CREATE, true),
                // announcements: whoever runs the seminar, while it isn't archived (frozen is fine: news about grades)
                row(STUDENT, Relation.MEMBER, State.OPEN, Action.ANNOUNCE, false),
                row(OTHER_TUTOR, Relation.PEER, State.REVEALED, Action.ANNOUNCE, false),
                row(TUTOR, Relation.NONE, State.OPEN, Action.ANNOUNCE, true),
                row(TUTOR, Relation.NONE, State.FROZEN, Action.ANNOUNCE, true),
                row(TUTOR, Relation.NONE, State.ARCHIVED, Action.ANNOUNCE, false),
                row(MODERATOR, Relation.NONE, State.OPEN, Action.ANNOUNCE, true),
                row(ADMIN, Relation.NONE, State.OPEN, Action.ANNOUNCE, true));
    }

    private static Arguments row(Viewer viewer, Relation relation, State state, Action action, boolean allowed) {
        return Arguments.of(viewer, relation, state, action, allowed);
    }

    @ParameterizedTest(name = "{0} ({1}) in a seminar {2}: {3} allowed={4}")
    @MethodSource("matrix")
    void decidesEverySeminarRule(Viewer viewer, Relation relation, State state, Action action, boolean allowed) {
        SeminarAccess seminar = seminar(relation, state);
        boolean decided = switch (action) {
            case SEE -> guardian.canSeeSeminar(viewer, seminar);
            case TAKE_PART -> guardian.canTakePartIn(viewer, seminar, NOW);
            case TUTOR -> guardian.canTutor(viewer, seminar);
            case REAL_NAMES -> guardian.canSeeRealNames(viewer, seminar);
            case PARTICIPATION -> guardian.canSeeParticipation(viewer, seminar);
            case CREATE -> guardian.canCreateSeminar(viewer);
            case ANNOUNCE -> guardian.canAnnounce(viewer, seminar);
        };
        assertThat(decided).isEqualTo(allowed);
        if (action == Action.SEE && !allowed) {
            // whoever may not see a seminar is told it doesn't exist, never that it is forbidden
            assertThatThrownBy(() -> guardian.ensureCanSeeSeminar(viewer, seminar))
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> guardian.ensureCanTutor(viewer, seminar))
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @org.junit.jupiter.api.Test
    void aLockedSeminarThreadTakesCommentsOnlyFromWhoeverRunsIt() {
        SeminarAccess seminar = seminar(Relation.MEMBER, State.OPEN);
        assertThat(guardian.canCommentInSeminar(STUDENT, seminar, true, NOW)).isFalse();
        assertThat(guardian.canCommentInSeminar(STUDENT, seminar, false, NOW)).isTrue();
        assertThat(guardian.canCommentInSeminar(TUTOR, seminar, true, NOW)).isTrue();
        assertThatThrownBy(() -> guardian.ensureCanTakePartIn(STUDENT, seminar(Relation.MEMBER, State.FROZEN), NOW))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.detail()).contains("frozen"));
    }

    private static SeminarAccess seminar(Relation relation, State state) {
        return new SeminarAccess(1, "Tutorial", TUTOR_ID,
                state == State.NOT_YET_OPEN ? NOW.plusSeconds(3600) : null, null, false, state == State.ANONYMOUS, false,
                state == State.FROZEN, state == State.REVEALED, state == State.ARCHIVED,
                relation == Relation.MEMBER, relation == Relation.PEER);
    }
}
