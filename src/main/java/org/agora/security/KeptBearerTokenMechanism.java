package org.agora.security;

import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The short way for a bearer token that {@link VerifiedBearerTokens} already keeps: its identity, without Quarkus
 * OIDC's mechanism. Any other request (no bearer token, a token not kept, DPoP) goes on to Quarkus OIDC as before.
 *
 * <p>Why: with verified tokens kept, what remained of a vote's authentication was Quarkus OIDC's mechanism itself:
 * it decodes the token's claims into JSON on every request only to tell whether the token is opaque
 * ({@code AccessTokenCredential}'s constructor, 9 % of a vote's CPU in JFR), and resolves the tenant. A kept token
 * has been verified as a JWT already, so both answers are known.
 *
 * <p>The identity still goes through Quarkus' {@link IdentityProviderManager}, so every augmentor runs as for a
 * token Quarkus OIDC verified: the sign-out check (SignedOutSessions) refuses a signed-out session's or a deleted
 * account's kept token at once. Challenges and failures stay Quarkus OIDC's (it is named as the mechanism that
 * handled the request, as it names itself), so a refused token gets the same 401.
 */
@ApplicationScoped
public class KeptBearerTokenMechanism implements HttpAuthenticationMechanism {

    @Inject
    VerifiedBearerTokens verified;

    @Inject
    OidcAuthenticationMechanism oidc;

    private final AtomicLong served = new AtomicLong();

    /** A kept token's identity, to be rebuilt for the request by {@link Provider}. */
    static final class KeptToken extends BaseAuthenticationRequest {
        final SecurityIdentity identity;

        KeptToken(SecurityIdentity identity) {
            this.identity = identity;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearerToken(context);
        SecurityIdentity kept = token == null ? null : verified.kept(token);
        if (kept == null) {
            return Uni.createFrom().nullItem(); // Quarkus OIDC's mechanism, next in priority, handles it
        }
        served.incrementAndGet();
        context.put(HttpAuthenticationMechanism.class.getName(), oidc); // as Quarkus OIDC does: its challenge applies
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new KeptToken(kept), context));
    }

    /**
     * The token of an {@code Authorization: Bearer} header, taken as Quarkus OIDC takes it (scheme in any case, the rest
     * of the header as it is), so that it is the same key; null for anything else, and for DPoP-bound requests.
     */
    static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || context.request().getHeader("DPoP") != null) {
            return null;
        }
        int space = header.indexOf(' ');
        return space == "Bearer".length() && header.regionMatches(true, 0, "Bearer", 0, space) ? header.substring(space + 1) : null;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem(); // Quarkus OIDC's
    }

    @Override
    public Set<Class<? extends io.quarkus.security.identity.request.AuthenticationRequest>> getCredentialTypes() {
        return Set.of(KeptToken.class);
    }

    /** Ahead of Quarkus OIDC's mechanism (its default priority: 1001). */
    @Override
    public int getPriority() {
        return 2000;
    }

    /** For tests: how many requests this mechanism has authenticated. */
    public long served() {
        return served.get();
    }

    /** Rebuilds a kept identity for the request that presents its token. */
    @ApplicationScoped
    public static class Provider implements IdentityProvider<KeptToken> {

        @Override
        public Class<KeptToken> getRequestType() {
            return KeptToken.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(KeptToken request, AuthenticationRequestContext context) {
            return Uni.createFrom().item(VerifiedBearerTokens.reuse(request.identity,
                    HttpSecurityUtils.getRoutingContextAttribute(request), context));
        }
    }
}
