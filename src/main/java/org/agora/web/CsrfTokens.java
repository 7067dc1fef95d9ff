package org.agora.web;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSRF token a GET gets, decided exactly as Quarkus' CSRF filter decides it (quarkus-rest-csrf 3.33,
 * {@code CsrfRequestResponseReactiveFilter}), for pages the page cache answers before that filter runs. Quarkus'
 * response filter then sets the cookie as for any page; {@code PageCacheTest} checks that each token works with its
 * own cookie only.
 */
@Singleton
public class CsrfTokens {

    /** The routing-context keys quarkus-rest-csrf uses (the last one is its "new cookie needed" flag). */
    static final String TOKEN = "csrf_token";
    static final String TOKEN_BYTES = "csrf_token_bytes";
    static final String NEW_COOKIE = "true";

    private final SecureRandom random = new SecureRandom();

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token")
    String cookieName;

    @ConfigProperty(name = "quarkus.rest-csrf.token-size", defaultValue = "16")
    int tokenSize;

    @ConfigProperty(name = "quarkus.rest-csrf.token-header-name", defaultValue = "X-CSRF-TOKEN")
    String headerName;

    @ConfigProperty(name = "quarkus.rest-csrf.token-signature-key")
    Optional<String> signatureKey;

    /** The token for this GET, or null when Quarkus' filter must decide (a token header, or a cookie it refuses). */
    String tokenFor(RoutingContext routing) {
        if (routing.request().getHeader(headerName) != null) {
            return null;
        }
        Cookie cookie = routing.request().getCookie(cookieName);
        boolean signed = signatureKey.isPresent() && !signatureKey.get().isEmpty();
        if (cookie == null || signed) {
            if (cookie != null && !validSize(cookie.getValue(), 32)) {
                return null;
            }
            byte[] bytes = new byte[tokenSize];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return validSize(cookie.getValue(), tokenSize) ? cookie.getValue() : null;
    }

    /** Leaves the token where Quarkus' template parameter and CSRF response filter (the cookie) look for it. */
    void issue(RoutingContext routing, String token) {
        routing.put(TOKEN, token);
        routing.put(TOKEN_BYTES, Base64.getUrlDecoder().decode(token));
        routing.put(NEW_COOKIE, Boolean.TRUE);
    }

    private static boolean validSize(String value, int size) {
        try {
            return Base64.getUrlDecoder().decode(value).length == size;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
