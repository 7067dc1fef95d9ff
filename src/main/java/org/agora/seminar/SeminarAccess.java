package org.agora.seminar;

import java.time.Instant;

/**
 * A seminar's settings and state together with the viewer's relation to it, read in one statement, so the
 * Guardian can decide every seminar rule from it and the {@link org.agora.security.Viewer} alone.
 *
 * @param member the viewer is a current member (joined, not removed)
 * @param peer the viewer is a member or the tutor of another seminar on one of this seminar's articles
 */
public record SeminarAccess(
        long id,
        String name,
        long tutorId,
        Instant opensAt,
        Instant deadline,
        boolean premoderation,
        boolean anonymous,
        boolean stances,
        boolean frozen,
        boolean revealed,
        boolean archived,
        boolean member,
        boolean peer) {

    public boolean pastDeadline(Instant now) {
        return deadline != null && !now.isBefore(deadline);
    }

    public boolean notYetOpen(Instant now) {
        return opensAt != null && now.isBefore(opensAt);
    }
}
