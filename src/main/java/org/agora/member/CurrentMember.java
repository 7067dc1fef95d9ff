package org.agora.member;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import org.agora.moderation.SanctionService;
import org.agora.security.SignedOutSessions;
import org.agora.security.Viewer;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Viewer} of the current request, resolved from the OIDC identity at most once per request. */
@RequestScoped
public class CurrentMember {

    private static final int MAX_NAME = 100;

    @Inject
    SecurityIdentity identity;

    @Inject
    MemberService members;

    @Inject
    SanctionService sanctions;

    private Viewer viewer;

    private SanctionService.Standing standing = SanctionService.Standing.CLEAR;

    public Viewer viewer() {
        if (viewer == null) {
            viewer = resolve();
        }
        return viewer;
    }

    /**
     * The signed-in member's restriction and pending warning, and the unread count if it was read with them (see
     * {@link #unreadNotifications}); clear for visitors.
     */
    public SanctionService.Standing standing() {
        viewer();
        return standing;
    }

    /** The signed-in member's unread notifications (0 for visitors), counted now unless read with their standing. */
    public long unreadNotifications() {
        Viewer current = viewer();
        if (standing.unreadNotifications() == null) {
            standing = new SanctionService.Standing(standing.restriction(), standing.warning(),
                    current.signedIn() ? sanctions.unreadNotifications(current.memberId()) : 0L);
        }
        return standing.unreadNotifications();
    }

    private Viewer resolve() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
            return Viewer.ANONYMOUS;
        }
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            // Unmatched addresses (404s) are answered on the I/O thread, which must never wait on the database:
            // such error pages render as for a visitor instead of failing.
            return Viewer.ANONYMOUS;
        }
        String username = clip(firstNonBlank(token.getClaim("preferred_username"), token.getName(), token.getSubject()));
        String displayName = clip(firstNonBlank(token.getClaim("name"), username));
        String email = text(token.getClaim("email"));
        String validEmail = email == null || email.length() > 254 || !email.contains("@") ? null : email;
        // security/SignedOutSessions read the member and their standing in the statement of its sign-out check
        var lookup = identity.<SignedOutSessions.MemberLookup>getAttribute(SignedOutSessions.MEMBER_LOOKUP);
        var known = lookup != null ? lookup.member() : sanctions.knownMember(token.getSubject()).orElse(null);
        long id;
        if (known != null && known.username().equals(username) && known.displayName().equals(displayName)
                && java.util.Objects.equals(known.email(), validEmail)) {
            // the usual case: one statement for the member and their standing
            id = known.id();
            standing = known.standing();
        } else {
            id = members.memberIdFor(token.getSubject(), username, displayName, validEmail);
            standing = sanctions.standingOf(id);
        }
        return new Viewer(id, username, identity.getRoles(), standing.restriction());
    }

    private static String firstNonBlank(Object... candidates) {
        for (Object candidate : candidates) {
            String text = text(candidate);
            if (text != null) {
                return text;
            }
        }
        return "member";
    }

    /** A claim's text, stripped; null when absent or blank. Custom claims arrive as JSON values, standard ones as strings. */
    private static String text(Object claim) {
        String text = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String clip(String value) {
        return value.length() <= MAX_NAME ? value : value.substring(0, MAX_NAME);
    }
}
