package org.agora.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.agora.moderation.SanctionService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Sign-out that holds across replicas: the Keycloak session id ({@code sid} claim) of a signed-out session is
 * recorded in PostgreSQL, and every request that presents tokens of that session (a replayed session cookie, or
 * a bearer token issued to it) fails authentication, on any replica, at once.
 *
 * <p>A member who deleted their account is signed out everywhere the same way, by subject ({@code sub} claim, in
 * {@code revoked_subject}, written by account/KeycloakDeletions), whichever session a token belongs to.
 *
 * <p>The check runs on a worker thread during authentication, in one statement with the lookup of the member and
 * their standing that every signed-in request needs next (member/CurrentMember reads it from the identity). When the database can't be
 * reached the check is skipped rather than failing the request as "not signed in": every page and API call then
 * needs the database anyway and answers 503, so nothing can be read or written with a revoked session.
 */
@ApplicationScoped
public class SignedOutSessions implements SecurityIdentityAugmentor {

    /**
     * How long a row must be kept: no token of a session outlives Keycloak's SSO session max lifespan
     * ({@code ssoSessionMaxLifespan}, 10 h in the demo realm; RealmSettingsTest keeps the two in step).
     */
    public static final Duration RETENTION = Duration.ofHours(10);

    private static final Logger LOG = Logger.getLogger(SignedOutSessions.class);

    @Inject
    AgroalDataSource dataSource;

    /** Records that this identity's session signed out; returns false when the tokens name no session. */
    public boolean signOut(SecurityIdentity identity) {
        String sid = sessionId(identity);
        if (sid == null) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into signed_out_session (sid, expires_at) values (?, now() + make_interval(secs => ?))
                        on conflict (sid) do nothing""");
                PreparedStatement prune = connection.prepareStatement(
                        "delete from signed_out_session where expires_at < now()")) {
            insert.setString(1, sid);
            insert.setLong(2, RETENTION.toSeconds());
            insert.executeUpdate();
            prune.executeUpdate();
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the sign-out", e);
        }
    }

    /**
     * The name of the identity attribute holding the {@link MemberLookup} this check read in the same statement, so
     * that member/CurrentMember needn't ask again.
     */
    public static final String MEMBER_LOOKUP = "org.agora.member-lookup";

    /**
     * What the sign-out check read about the token's subject: the member and their standing as stored, or null
     * when the subject is not a member yet. Read at authentication, in the request it serves.
     */
    public record MemberLookup(SanctionService.KnownMember member) {
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        String sid = sessionId(identity);
        String subject = subject(identity);
        if (sid == null && subject == null) {
            return Uni.createFrom().item(identity);
        }
        // pages show the unread notifications; JSON API requests don't, so they skip the count
        RoutingContext request = HttpSecurityUtils.getRoutingContextAttribute(identity);
        boolean withUnread = request == null || !request.normalizedPath().startsWith("/api/");
        return context.runBlocking(() -> {
            MemberLookup lookup = signedOutOrMember(sid, subject, withUnread);
            if (lookup == SIGNED_OUT) {
                throw new AuthenticationFailedException("This session has signed out");
            }
            return lookup == null ? identity
                    : QuarkusSecurityIdentity.builder(identity).addAttribute(MEMBER_LOOKUP, lookup).build();
        });
    }

    private static final MemberLookup SIGNED_OUT = new MemberLookup(null);

    /**
     * One statement: signed out (this session, or every session of a member who deleted their account:
     * revoked_subject) → {@link #SIGNED_OUT}; else the member with the subject and their standing. Null when the
     * database can't be reached.
     */
    private MemberLookup signedOutOrMember(String sid, String subject, boolean withUnread) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(SanctionService.signedOutOrKnownMemberSql(withUnread))) {
            query.setString(1, sid);
            query.setString(2, subject);
            query.setString(3, subject);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                if (rows.getBoolean(1)) {
                    return SIGNED_OUT;
                }
                Object[] row = new Object[rows.getMetaData().getColumnCount() - 1];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rows.getObject(i + 2);
                }
                return subject == null ? null : new MemberLookup(SanctionService.knownMember(row, 0));
            }
        } catch (SQLException e) {
            LOG.debugf("Sign-out list unavailable (%s); the request will meet the database outage itself", e.getMessage());
            return null;
        }
    }

    private static String subject(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        String subject = token.getSubject();
        return subject == null || subject.isBlank() ? null : subject;
    }

    private static String sessionId(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Object sid = token.getClaim("sid");
        String text = sid instanceof jakarta.json.JsonString json ? json.getString() : sid == null ? null : sid.toString();
        return text == null || text.isBlank() ? null : text;
    }
}
