package org.agora.testing;

import io.quarkus.csrf.reactive.runtime.CsrfTokenUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One person (or a visitor) talking to the app both ways a client can: as a browser (the session cookie from a real
 * Keycloak sign-in, forms with a CSRF token) and as an API client (a bearer token from Keycloak). Redirects are not
 * followed, so a test sees the app's own answer.
 *
 * <p>The CSRF pair is made the way the app makes it (a random token, and the cookie signed with the test profile's
 * DEMO signing key), so that a visitor, who never sees a form, can still send a well-formed one: authorization tests
 * then test authorization, not CSRF.
 */
public final class RoleClient {

    /** The test profile's DEMO key (application.properties, %test.quarkus.rest-csrf.token-signature-key). */
    private static final String CSRF_KEY = "agora-DEMO-csrf-signing-key-not-for-production";
    public static final String CSRF_FIELD = "csrf-token";
    public static final String CSRF_COOKIE = "agora-csrf";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public final String username;
    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    public final String csrfToken;
    private final String bearer;

    private RoleClient(URI base, String username, Map<String, String> sessionCookies, String bearer) {
        this.base = base;
        this.username = username;
        this.cookies.putAll(sessionCookies);
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        this.csrfToken = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        this.cookies.put(CSRF_COOKIE, CsrfTokenUtils.signCsrfToken(csrfToken, CSRF_KEY));
        this.bearer = bearer;
    }

    public static RoleClient anonymous(String base) {
        return new RoleClient(URI.create(base), null, Map.of(), null);
    }

    /** Signs in through the real Keycloak login page (session cookie) and fetches a bearer token (API). */
    public static RoleClient signIn(String base, String username) {
        BrowserlessLogin.Session session = BrowserlessLogin.signIn(base, "/login?redirect=/", username, username);
        return new RoleClient(URI.create(base), username, session.cookies(), Api.token(username));
    }

    /** An API-only client with a bearer token (no browser session). */
    public static RoleClient withToken(String base, String username, String token) {
        return new RoleClient(URI.create(base), username, Map.of(), token);
    }

    public boolean signedIn() {
        return username != null;
    }

    /** The session cookies without the CSRF cookie, as a Cookie header. */
    public String sessionCookieHeader() {
        Map<String, String> session = new LinkedHashMap<>(cookies);
        session.remove(CSRF_COOKIE);
        return cookieHeader(session);
    }

    /** The session cookies plus a CSRF cookie signed for {@code token} (with {@code key}: a forged one when wrong). */
    public String cookieHeaderWithCsrf(String token, String key) {
        Map<String, String> all = new LinkedHashMap<>(cookies);
        all.put(CSRF_COOKIE, CsrfTokenUtils.signCsrfToken(token, key));
        return cookieHeader(all);
    }

    public static String signingKey() {
        return CSRF_KEY;
    }

    /** The session cookies, e.g. to replay them elsewhere. */
    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    /** An answer: status, Location, the flash message it set (if any) and the body. */
    public record Answer(int status, String location, String flash, String body) {

        public boolean redirectsToSignIn() {
            if (location == null) {
                return false;
            }
            String path = URI.create(location).getRawPath();
            return "/login".equals(path) || location.contains("/protocol/openid-connect/auth");
        }
    }

    /** A browser form post: the fields plus a valid CSRF token, with the session cookie. */
    public Answer form(String method, String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent(CSRF_FIELD, csrfToken);
        return html(method, path, "application/x-www-form-urlencoded", encode(all), cookieHeader(cookies));
    }

    /** A browser GET with the session cookie. */
    public Answer page(String path) {
        return html("GET", path, null, null, cookieHeader(cookies));
    }

    /** A browser GET of a download (a feed, a CSV file) that isn't HTML. */
    public Answer page(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Accept", accept);
        String cookie = cookieHeader(cookies);
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return send(request.GET().build());
    }

    /** A multipart browser form (a file upload form), with a valid CSRF token. */
    public Answer multipart(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent(CSRF_FIELD, csrfToken);
        String boundary = "agora" + Long.toHexString(new SecureRandom().nextLong());
        StringBuilder body = new StringBuilder();
        all.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return html("POST", path, "multipart/form-data; boundary=" + boundary, body.toString(), cookieHeader(cookies));
    }

    /** Any request as a browser would send it: raw body and content type, and exactly these cookies. */
    public Answer html(String method, String path, String contentType, String body, String cookieHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html");
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    /** A JSON API call with the bearer token (none for a visitor). */
    public Answer api(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(request.build());
    }

    public static String cookieHeader(Map<String, String> cookies) {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String flash = response.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("agora_flash="))
                    .map(c -> URLDecoder.decode(c.substring("agora_flash=".length()).split(";", 2)[0], StandardCharsets.UTF_8))
                    .findFirst().orElse(null);
            return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null), flash, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
