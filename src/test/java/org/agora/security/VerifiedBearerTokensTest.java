package org.agora.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.agora.testing.AgoraStack;
import org.agora.testing.KeycloakTokens;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bearer token verified once is reused until it expires: the identity rebuilt from the cache must be the one Quarkus
 * OIDC built (less the claims a kept principal leaves out), with the current request's context, and any other token,
 * even one byte away, is verified in full.
 * (Sign-out still refusing a kept token: SignedOutSessionsTest, whose tokens are kept by their first request.)
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class VerifiedBearerTokensTest {

    @Inject
    MeterRegistry registry;

    @Inject
    KeptBearerTokenMechanism shortWay;

    @AfterEach
    void stopRecording() {
        RecordingAugmentor.recording = false;
        RecordingAugmentor.SEEN.clear();
    }

    @Test
    void aKeptTokenGivesTheIdentityQuarkusOidcBuiltWithTheCurrentRequest() {
        String token = KeycloakTokens.accessToken("carol", "carol"); // a token no other test has sent
        double hits = count("hit");
        double misses = count("miss");
        long servedShortWay = shortWay.served();
        RecordingAugmentor.recording = true;

        me(token);
        me(token);

        assertThat(count("miss") - misses).isEqualTo(1);
        assertThat(count("hit") - hits).isEqualTo(1);
        // the kept token took the short way, past Quarkus OIDC's mechanism, and still met every augmentor
        assertThat(shortWay.served() - servedShortWay).isEqualTo(1);
        assertThat(RecordingAugmentor.SEEN).hasSize(2);
        SecurityIdentity verified = RecordingAugmentor.SEEN.get(0);
        SecurityIdentity kept = RecordingAugmentor.SEEN.get(1);
        assertThat(kept).isNotSameAs(verified);
        assertThat(kept.getPrincipal()).isInstanceOf(JsonWebToken.class);
        assertThat(((JsonWebToken) kept.getPrincipal()).getRawToken()).isEqualTo(token);
        assertThat(kept.getPrincipal().getName()).isEqualTo(verified.getPrincipal().getName()).isEqualTo("carol");
        // the same claims, less the ones a kept principal leaves out (Keycloak's role claims and allowed origins)
        JsonWebToken keptToken = (JsonWebToken) kept.getPrincipal();
        JsonWebToken verifiedToken = (JsonWebToken) verified.getPrincipal();
        assertThat(verifiedToken.getClaimNames()).contains("realm_access", "sub", "sid", "preferred_username", "exp");
        java.util.Set<String> expected = new java.util.HashSet<>(verifiedToken.getClaimNames());
        expected.removeAll(VerifiedBearerTokens.DROPPED_CLAIMS);
        assertThat(keptToken.getClaimNames()).isEqualTo(expected);
        for (String claim : expected) {
            assertThat((Object) keptToken.getClaim(claim)).as(claim).isEqualTo(verifiedToken.getClaim(claim));
        }
        assertThat(keptToken.getSubject()).isEqualTo(verifiedToken.getSubject());
        assertThat(keptToken.getExpirationTime()).isEqualTo(verifiedToken.getExpirationTime());
        assertThat(keptToken.getGroups()).isEqualTo(verifiedToken.getGroups());
        assertThat(kept.getRoles()).isEqualTo(verified.getRoles()).isNotEmpty();
        assertThat(kept.getCredentials()).isEqualTo(verified.getCredentials());
        assertThat(kept.isAnonymous()).isFalse();
        // every attribute the same, except the request each was built for
        String routing = RoutingContext.class.getName();
        assertThat(kept.getAttributes().keySet()).isEqualTo(verified.getAttributes().keySet()).contains(routing);
        assertThat(withoutRequest(kept.getAttributes())).isEqualTo(withoutRequest(verified.getAttributes()));
        assertThat((Object) kept.getAttribute(routing)).isNotNull().isNotSameAs(verified.getAttribute(routing));
        // the same permissions: the token's scopes, and nothing else
        String scope = ((JsonWebToken) verified.getPrincipal()).getClaim("scope").toString().replace("\"", "");
        assertThat(scope).isNotBlank();
        for (String granted : scope.split(" ")) {
            assertThat(kept.checkPermissionBlocking(new StringPermission(granted))).as(granted).isTrue();
            assertThat(verified.checkPermissionBlocking(new StringPermission(granted))).as(granted).isTrue();
        }
        assertThat(kept.checkPermissionBlocking(new StringPermission("admin"))).isFalse();
        assertThat(verified.checkPermissionBlocking(new StringPermission("admin"))).isFalse();
    }

    @Test
    void aTokenOneByteAwayFromAKeptOneIsVerifiedAndRefused() {
        String token = KeycloakTokens.accessToken("carol", "carol");
        me(token); // kept now
        String[] parts = token.split("\\.");
        String signature = parts[2];
        char last = signature.charAt(signature.length() / 2);
        String forgedSignature = parts[0] + "." + parts[1] + "."
                + signature.substring(0, signature.length() / 2) + (last == 'A' ? 'B' : 'A')
                + signature.substring(signature.length() / 2 + 1);
        String payload = parts[1];
        char first = payload.charAt(10);
        String forgedClaims = parts[0] + "." + payload.substring(0, 10) + (first == 'A' ? 'B' : 'A') + payload.substring(11)
                + "." + parts[2];
        double hits = count("hit");
        double misses = count("miss");

        for (String forged : new String[] {forgedSignature, forgedClaims}) {
            given().auth().oauth2(forged).accept("application/json").get("/api/me/profile")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        // the forged signature went to full verification; claims that no longer decode as a JWT go to Quarkus OIDC directly
        assertThat(count("miss") - misses).isGreaterThanOrEqualTo(1);
        assertThat(count("hit")).isEqualTo(hits);
        long servedShortWay = shortWay.served();
        me(token); // the genuine one still works, from the cache
        assertThat(shortWay.served() - servedShortWay).isEqualTo(1);
        assertThat(count("hit") - hits).isEqualTo(1);
    }

    private static void me(String token) {
        given().auth().oauth2(token).accept("application/json").get("/api/me/profile").then().statusCode(200);
    }

    private double count(String result) {
        var counter = registry.find("agora.bearer_tokens.requests").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, Object> withoutRequest(Map<String, Object> attributes) {
        Map<String, Object> rest = new HashMap<>(attributes);
        rest.remove(RoutingContext.class.getName());
        rest.remove(io.quarkus.security.identity.AuthenticationRequestContext.class.getName());
        return rest;
    }
}
