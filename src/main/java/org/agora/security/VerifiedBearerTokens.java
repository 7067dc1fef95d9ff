package org.agora.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.agora.AgoraConfig;
import org.agora.ops.AgoraMetrics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;

/**
 * Bearer access tokens that Quarkus OIDC has verified, kept until they expire (at most {@code agora.bearer-tokens.max-age}),
 * so that an API client or a signed-in page sending the same token again is not verified again.
 *
 * <p>Verifying a token was a third of a vote's CPU (bench/README.md "Verified bearer tokens"): jose4j decodes the
 * token, parses its JSON, checks its RSA signature and Quarkus parses the claims once more, on every request. The
 * result depends only on the token's exact bytes and the clock, so it is kept under the token's SHA-256 and reused
 * until the token's {@code exp}; a token that differs in one byte is a different key and goes through full verification.
 * What is kept is that identity with a slimmer principal ({@link #slim}: about 6 KiB a token instead of 12).
 *
 * <p>What still happens on every request: the sign-out check (security/SignedOutSessions, an identity augmentor, so it
 * runs after this provider whether the identity was kept or not) refuses tokens of signed-out sessions and deleted
 * accounts at once; and every identity gets the current request's routing context. What a kept token skips: a signing
 * key that Keycloak drops is noticed by a kept token only after {@code max-age} (5 minutes by default; each token is
 * kept for between three quarters of it and all of it, see {@link #keptFor}) or its expiry.
 *
 * <p>A token presented again is served by {@link KeptBearerTokenMechanism}, ahead of Quarkus OIDC's mechanism; this
 * provider verifies (through Quarkus OIDC's) and keeps the tokens that mechanism doesn't find here.
 *
 * <p>Only bearer JWTs are kept. The code flow's session cookies (ID token plus access token, refreshed when expired),
 * opaque tokens and DPoP-bound requests go to Quarkus OIDC unchanged.
 */
@ApplicationScoped
public class VerifiedBearerTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** Attributes that belong to the request an identity was built in: set afresh from the request that reuses it. */
    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();

    @Inject
    OidcIdentityProvider oidc;

    @Inject
    AgoraConfig config;

    @Inject
    AgoraMetrics metrics;

    /** The claim that names the principal, if configured: the kept principal names it the same way. */
    @ConfigProperty(name = "quarkus.oidc.token.principal-claim")
    Optional<String> principalClaim;

    private Clock clock = Clock.systemUTC();
    private Cache<String, Verified> verified;
    private Counter hits;
    private Counter misses;

    /** A token's identity as Quarkus OIDC built it, without the request it was built in, and when it stops being valid. */
    record Verified(SecurityIdentity identity, long expiresAtMillis) {
    }

    @PostConstruct
    void init() {
        int size = config.bearerTokens().cacheSize();
        verified = size > 0 ? cache(size, config.bearerTokens().maxAge(), clock) : null;
        hits = metrics.bearerTokenCache("hit");
        misses = metrics.bearerTokenCache("miss");
    }

    static Cache<String, Verified> cache(int size, Duration maxAge, Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(size)
                .executor(Runnable::run) // evict on the caller's thread: no pool thread for it on a one-CPU replica
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified value, long now) {
                        return Math.max(0, Math.min(keptFor(key, maxAge).toNanos(), (value.expiresAtMillis() - clock.millis()) * 1_000_000L));
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified value, long now, long remaining) {
                        return expireAfterCreate(key, value, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Verified value, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
    }

    /**
     * How long a token is kept at most: between three quarters of {@code maxAge} and all of it, spread evenly by the
     * token's key. Tokens first seen together (every member's after a replica starts, or the benchmark's) would
     * otherwise all expire together and be verified again in one burst of RSA checks.
     */
    static Duration keptFor(String key, Duration maxAge) {
        long quarter = maxAge.toNanos() / 4;
        return Duration.ofNanos(maxAge.toNanos() - quarter + quarter * Math.floorMod(key.hashCode(), 1024) / 1024);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of Quarkus OIDC's provider (the default priority, 1001), which this one calls for tokens it hasn't seen. */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (verified == null || !(request.getToken() instanceof AccessTokenCredential bearer) || bearer.isOpaque()
                || routing == null || routing.request().getHeader("DPoP") != null) {
            return Uni.createFrom().nullItem(); // Quarkus OIDC, the next provider, handles it as before
        }
        String key = key(bearer.getToken());
        SecurityIdentity kept = keptUnder(key);
        if (kept != null) {
            return Uni.createFrom().item(reuse(kept, routing, context));
        }
        misses.increment();
        return oidc.authenticate(request, context).invoke(identity -> {
            Verified keep = keepable(identity, principalClaim.orElse(null));
            if (keep != null) {
                verified.put(key, keep);
            }
        });
    }

    /**
     * The kept identity of exactly this token, or null when it isn't kept (never seen, expired, or the cache is off).
     * A hit is counted. For {@link KeptBearerTokenMechanism}, which then has the identity {@link #reuse}d.
     */
    SecurityIdentity kept(String token) {
        return verified == null ? null : keptUnder(key(token));
    }

    private SecurityIdentity keptUnder(String key) {
        Verified kept = verified.getIfPresent(key);
        if (kept == null || kept.expiresAtMillis() <= clock.millis()) {
            return null;
        }
        hits.increment();
        return kept.identity();
    }

    /** A kept identity for the request that presents its token again. */
    static SecurityIdentity reuse(SecurityIdentity kept, RoutingContext routing, AuthenticationRequestContext context) {
        routing.put(REQUEST_CONTEXT, context); // as Quarkus OIDC does before verifying
        return forRequest(kept, routing, context);
    }

    /**
     * The identity without the request it was built in (so that a kept token doesn't keep that request alive), and its
     * expiry; null when it can't be kept (not a JWT principal, no expiry).
     */
    static Verified keepable(SecurityIdentity identity, String principalClaim) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof OidcJwtCallerPrincipal token)
                || token.getExpirationTime() <= 0) {
            return null;
        }
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder()
                .setPrincipal(slim(token, principalClaim))
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addPermissionsAsString(scopes(token));
        identity.getAttributes().forEach((name, value) -> {
            if (!ROUTING_CONTEXT.equals(name) && !REQUEST_CONTEXT.equals(name)) {
                copy.addAttribute(name, value);
            }
        });
        return new Verified(copy.build(), token.getExpirationTime() * 1000);
    }

    /**
     * The principal without the claims nobody reads once the identity is built, which are most of a kept token's heap:
     * the parsed token's JSON text, Keycloak's role claims (already the identity's roles) and its allowed origins (for
     * Keycloak's own adapters' CORS checks; nothing in Agora or Quarkus reads them). Every other claim, the token itself and the name are as Quarkus OIDC
     * gave them.
     */
    static OidcJwtCallerPrincipal slim(OidcJwtCallerPrincipal token, String principalClaim) {
        JwtClaims kept = new JwtClaims();
        token.getClaims().getClaimsMap().forEach((name, value) -> {
            if (!DROPPED_CLAIMS.contains(name)) {
                kept.setClaim(name, value);
            }
        });
        return new OidcJwtCallerPrincipal(kept, token.getCredential(), principalClaim);
    }

    /** Claims a kept principal leaves out (see {@link #slim}). */
    static final Set<String> DROPPED_CLAIMS = Set.of("realm_access", "resource_access", "allowed-origins");

    /** The permissions Quarkus OIDC grants a bearer token: its scopes (OidcUtils.setSecurityIdentityPermissions). */
    private static Set<String> scopes(JsonWebToken token) {
        Object scope = token.getClaim("scope");
        String text = scope instanceof jakarta.json.JsonString json ? json.getString() : scope == null ? "" : scope.toString();
        return text.isBlank() ? Set.of() : new HashSet<>(Arrays.asList(text.trim().split("\\s+")));
    }

    static SecurityIdentity forRequest(SecurityIdentity kept, RoutingContext routing, AuthenticationRequestContext context) {
        return QuarkusSecurityIdentity.builder(kept)
                .addAttribute(ROUTING_CONTEXT, routing)
                .addAttribute(REQUEST_CONTEXT, context)
                .build();
    }

    /** The cache key: the token's SHA-256, so the cache compares digests rather than tokens and holds no token as a key. */
    static String key(String token) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
