package org.agora.web;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSRF token and cookie a GET gets, decided and made exactly as Quarkus' CSRF filter does (quarkus-rest-csrf
 * 3.33, {@code CsrfRequestResponseReactiveFilter}), for kept pages, which are answered before JAX-RS
 * ({@link PageCacheRoute}). {@code PageCacheTest} checks that each visitor's token works with their own cookie only
 * and that the cookie's attributes are those of a rendered page's.
 */
@Singleton
public class CsrfTokens {

    /** Where quarkus-rest-csrf leaves a request's token (for {@code {inject:csrf.token}}). */
    static final String TOKEN = "csrf_token";

    private final SecureRandom random = new SecureRandom();

    /**
     * This request's CSRF token as the pages' forms carry it, when it is long enough to be cut out of kept markup
     * unambiguously (random, at least 16 characters); null otherwise.
     */
    public static String current(RoutingContext routing) {
        String token = routing.get(TOKEN);
        return token != null && token.length() >= 16 ? token : null;
    }

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token")
    String cookieName;

    @ConfigProperty(name = "quarkus.rest-csrf.token-size", defaultValue = "16")
    int tokenSize;

    @ConfigProperty(name = "quarkus.rest-csrf.token-header-name", defaultValue = "X-CSRF-TOKEN")
    String headerName;

    @ConfigProperty(name = "quarkus.rest-csrf.token-signature-key")
    Optional<String> signatureKey;

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-http-only", defaultValue = "true")
    boolean httpOnly;

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-force-secure", defaultValue = "false")
    boolean forceSecure;

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-max-age", defaultValue = "2H")
    java.time.Duration maxAge;

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-path", defaultValue = "/")
    String cookiePath;

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-domain")
    Optional<String> cookieDomain;

    /** The token for this GET, or null when Quarkus' filter must decide (a token header, or a cookie it refuses). */
    String tokenFor(RoutingContext routing) {
        if (routing.request().getHeader(headerName) != null) {
            return null;
        }
        Cookie cookie = routing.request().getCookie(cookieName);
        if (cookie == null || signed()) {
            if (cookie != null && !validSize(cookie.getValue(), 32)) {
                return null;
            }
            byte[] bytes = new byte[tokenSize];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return validSize(cookie.getValue(), tokenSize) ? cookie.getValue() : null;
    }

    /**
     * Sets the CSRF cookie for {@code token} as Quarkus' response filter does ({@code createCookie}): the token signed
     * with HMAC-SHA256 when a signature key is set, the token itself otherwise, with the configured attributes (the
     * SameSite attribute is added to every cookie by Quarkus' HTTP layer, {@code quarkus.http.same-site-cookie}).
     */
    void setCookie(RoutingContext routing, String token) {
        String value = signed() ? sign(Base64.getUrlDecoder().decode(token)) : token;
        io.vertx.core.http.Cookie cookie = io.vertx.core.http.Cookie.cookie(cookieName, value)
                .setHttpOnly(httpOnly)
                .setSecure(forceSecure || routing.request().isSSL())
                .setMaxAge(maxAge.toSeconds())
                .setPath(cookiePath);
        cookieDomain.ifPresent(cookie::setDomain);
        routing.response().addCookie(cookie);
    }

    private boolean signed() {
        return signatureKey.isPresent() && !signatureKey.get().isEmpty();
    }

    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signatureKey.orElseThrow().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    /** As {@code CsrfTokenUtils.signCsrfToken(byte[], key)}, with one Mac per thread rather than one per call. */
    String sign(byte[] token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(macs.get().doFinal(token));
    }

    private static boolean validSize(String value, int size) {
        try {
            return Base64.getUrlDecoder().decode(value).length == size;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
