package org.agora.security;

import java.util.Set;

/**
 * Who is asking: a signed-in member with their realm roles (and any sanction that stops them writing), or nobody.
 * Built once per request by {@link org.agora.member.CurrentMember}; the Guardian decides from it alone.
 */
public record Viewer(Long memberId, String username, Set<String> roles, Restriction restriction) {

    public static final Viewer ANONYMOUS = new Viewer(null, null, Set.of());

    public static final String TUTOR = "tutor";
    public static final String MODERATOR = "moderator";
    public static final String ADMIN = "admin";

    public Viewer {
        roles = Set.copyOf(roles);
    }

    /** A viewer under no sanction. */
    public Viewer(Long memberId, String username, Set<String> roles) {
        this(memberId, username, roles, null);
    }

    /** Suspended or banned: may read but not write. */
    public boolean restricted() {
        return restriction != null;
    }

    /** Moderators and admins moderate everywhere. */
    public boolean staff() {
        return hasRole(MODERATOR) || hasRole(ADMIN);
    }

    public boolean signedIn() {
        return memberId != null;
    }

    public boolean is(long otherMemberId) {
        return memberId != null && memberId == otherMemberId;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
