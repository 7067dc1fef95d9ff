package org.agora.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jsoup.Connection;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

/**
 * Signs in through the real Keycloak login page the way a browser does, without a browser: GET a page of the app
 * that needs a signed-in user, follow every redirect by hand (so each hop is visible and every cookie is kept, for
 * the app and for Keycloak), fill in Keycloak's login form ({@code #kc-form-login}), and follow the redirects back.
 *
 * <pre>{@code
 * Session alice = BrowserlessLogin.signIn("http://localhost:8081", "/login", "alice", "alice");
 * Page thread = alice.get("/articles/" + slug + "/questions/" + id);
 * Page posted = alice.submit(thread, "form.answer", Map.of("body", "My answer"));   // hidden fields (CSRF) included
 * }</pre>
 *
 * Cookies are kept in a small jar of its own rather than {@link java.net.CookieManager}, which never sends
 * {@code Secure} cookies over http; Keycloak marks its cookies {@code Secure} even on http://localhost, and browsers
 * send those to localhost, so this jar does too (for loopback hosts only).
 */
public final class BrowserlessLogin {

    private static final int MAX_REDIRECTS = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BrowserlessLogin() {
    }

    /** A new browser-like session on the app, signed in as nobody. */
    public static Session open(String appBaseUrl) {
        return new Session(URI.create(appBaseUrl));
    }

    /**
     * Opens {@code appBaseUrl + startPath} (a page that requires sign-in), signs in on Keycloak's login page and
     * follows the redirects back to the app. Fails with Keycloak's message when the sign-in does not get back to the app.
     */
    public static Session signIn(String appBaseUrl, String startPath, String username, String password) {
        return open(appBaseUrl).signIn(startPath, username, password);
    }

    /** One redirect that was followed: the request and where its answer pointed. */
    public record Hop(String method, URI uri, int status, URI location) {
    }

    /** An answer at the end of its redirects. */
    public record Page(URI uri, int status, String body, HttpHeaders headers, List<Hop> redirects) {

        public Document document() {
            return Jsoup.parse(body, uri.toString());
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The first answer's status: the 303 of a form post, say, even though its redirect was followed. */
        public int firstStatus() {
            return redirects.isEmpty() ? status : redirects.get(0).status();
        }
    }

    /** A browser-like session: one cookie jar for every host, the last page seen, and requests that carry the cookies. */
    public static final class Session {

        private final URI appBase;
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        private final CookieJar jar = new CookieJar();
        private final List<String> appSetCookies = new ArrayList<>();
        private Page page;

        private Session(URI appBase) {
            this.appBase = appBase;
        }

        /** Signs in through Keycloak, starting from {@code startPath}; see {@link BrowserlessLogin#signIn}. */
        public Session signIn(String startPath, String username, String password) {
            Page login = get(startPath);
            Element form = login.document().selectFirst("#kc-form-login");
            if (form == null) {
                throw new IllegalStateException("Expected Keycloak's login form after GET " + startPath + ", but got HTTP "
                        + login.status() + " at " + login.uri() + ": " + excerpt(login));
            }
            Map<String, String> credentials = new LinkedHashMap<>();
            credentials.put("username", username);
            credentials.put("password", password);
            Page landed = submit(login, "#kc-form-login", credentials);
            if (!sameOrigin(landed.uri(), appBase)) {
                Document doc = landed.document();
                String problem = doc.select("#input-error, #input-error-username, .kc-feedback-text, .alert-error")
                        .eachText().stream().distinct().collect(Collectors.joining(" "));
                throw new IllegalStateException("Sign-in of '" + username + "' stopped at " + landed.uri() + " (HTTP "
                        + landed.status() + ", page \"" + doc.title() + "\")"
                        + (problem.isBlank() ? ": " + excerpt(landed) : ": " + problem));
            }
            return this;
        }

        /** The last page seen (after sign-in: the app page the sign-in came back to). */
        public Page page() {
            return page;
        }

        public URI finalUrl() {
            return page.uri();
        }

        public int status() {
            return page.status();
        }

        public String body() {
            return page.body();
        }

        public Document document() {
            return page.document();
        }

        /** The app's cookies (name to value), e.g. the OIDC session cookie. */
        public Map<String, String> cookies() {
            return jar.values(appBase.resolve("/"));
        }

        /** Every Set-Cookie header the app (not Keycloak) has sent this session so far, attributes included. */
        public List<String> appSetCookieHeaders() {
            return List.copyOf(appSetCookies);
        }

        /** The cookies a browser would send to this URL (any host, e.g. Keycloak's). */
        public Map<String, String> cookies(String url) {
            return jar.values(URI.create(url));
        }

        /** GET, following redirects. */
        public Page get(String pathOrUrl) {
            return request("GET", pathOrUrl, null, true);
        }

        /** POST a form (application/x-www-form-urlencoded), following redirects (a 303 becomes a GET). */
        public Page post(String pathOrUrl, Map<String, String> form) {
            return request("POST", pathOrUrl, new ArrayList<>(form.entrySet()), true);
        }

        /** Submits the form {@code formSelector} of the last page; see {@link #submit(Page, String, Map)}. */
        public Page submit(String formSelector, Map<String, String> values) {
            return submit(page, formSelector, values);
        }

        /**
         * Submits a form of {@code from} like a browser: its fields with their current values (hidden ones such as a
         * CSRF token included; unchecked boxes left out), with {@code values} replacing or adding fields, to the form's
         * action with its method, following redirects.
         */
        public Page submit(Page from, String formSelector, Map<String, String> values) {
            Element element = from.document().selectFirst(formSelector);
            if (!(element instanceof FormElement form)) {
                throw new IllegalStateException("No form '" + formSelector + "' at " + from.uri() + ": " + excerpt(from));
            }
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            for (Connection.KeyVal field : form.formData()) {
                if (!values.containsKey(field.key())) {
                    fields.add(Map.entry(field.key(), field.value()));
                }
            }
            fields.addAll(values.entrySet());
            String action = form.attr("action").isBlank() ? from.uri().toString() : form.absUrl("action");
            String method = form.attr("method").isBlank() ? "GET" : form.attr("method").toUpperCase(Locale.ROOT);
            if (method.equals("GET")) {
                URI target = URI.create(action);
                String query = encode(fields);
                String base = target.getRawQuery() == null ? action : action.substring(0, action.indexOf('?'));
                return request("GET", base + (query.isEmpty() ? "" : "?" + query), null, true);
            }
            return request(method, action, fields, true);
        }

        /**
         * Sends one request with the session's cookies; {@code form} (may be null) is sent url-encoded. With
         * {@code followRedirects} it follows 301/302/303 (as GET) and 307/308 (same method and body) like a browser.
         */
        public Page request(String method, String pathOrUrl, List<Map.Entry<String, String>> form, boolean followRedirects) {
            URI uri = appBase.resolve(pathOrUrl);
            String body = form == null ? null : encode(form);
            List<Hop> hops = new ArrayList<>();
            while (true) {
                HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                        .timeout(TIMEOUT)
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                        .header("User-Agent", "agora-browserless-login");
                String cookieHeader = jar.header(uri);
                if (!cookieHeader.isEmpty()) {
                    builder.header("Cookie", cookieHeader);
                }
                if (body != null) {
                    builder.header("Content-Type", "application/x-www-form-urlencoded")
                            .method(method, HttpRequest.BodyPublishers.ofString(body));
                } else {
                    builder.method(method, HttpRequest.BodyPublishers.noBody());
                }
                HttpResponse<String> response = send(builder.build());
                jar.store(uri, response.headers().allValues("Set-Cookie"));
                if (sameOrigin(uri, appBase)) {
                    appSetCookies.addAll(response.headers().allValues("Set-Cookie"));
                }
                int status = response.statusCode();
                String location = response.headers().firstValue("Location").orElse(null);
                if (followRedirects && location != null && isRedirect(status)) {
                    if (hops.size() >= MAX_REDIRECTS) {
                        throw new IllegalStateException("More than " + MAX_REDIRECTS + " redirects from " + pathOrUrl + ": " + hops);
                    }
                    URI next = uri.resolve(location);
                    hops.add(new Hop(method, uri, status, next));
                    if (status != 307 && status != 308) {
                        method = "GET";
                        body = null;
                    }
                    uri = next;
                    continue;
                }
                page = new Page(uri, status, response.body(), response.headers(), List.copyOf(hops));
                return page;
            }
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted: " + request.method() + " " + request.uri(), e);
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String encode(List<Map.Entry<String, String>> fields) {
        return fields.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String excerpt(Page page) {
        String text = Jsoup.parse(page.body()).text();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** Just enough of RFC 6265 for the app and Keycloak: host, path, expiry and Secure (loopback counts as secure). */
    static final class CookieJar {

        private record Cookie(String name, String value, String domain, boolean hostOnly, String path, Instant expires,
                boolean secure) {

            boolean expired(Instant now) {
                return expires != null && !expires.isAfter(now);
            }

            boolean matches(URI uri, Instant now) {
                String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                boolean hostOk = hostOnly ? host.equals(domain) : host.equals(domain) || host.endsWith("." + domain);
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                boolean pathOk = path.equals(this.path) || path.startsWith(this.path)
                        && (this.path.endsWith("/") || path.charAt(this.path.length()) == '/');
                boolean secureOk = !secure || "https".equalsIgnoreCase(uri.getScheme()) || isLoopback(host);
                return hostOk && pathOk && secureOk && !expired(now);
            }
        }

        private final List<Cookie> cookies = new ArrayList<>();

        synchronized void store(URI uri, List<String> setCookieHeaders) {
            for (String header : setCookieHeaders) {
                Cookie cookie = parse(uri, header);
                if (cookie == null) {
                    continue;
                }
                cookies.removeIf(c -> c.name().equals(cookie.name()) && c.domain().equals(cookie.domain())
                        && c.path().equals(cookie.path()));
                if (!cookie.expired(Instant.now())) {
                    cookies.add(cookie);
                }
            }
        }

        synchronized String header(URI uri) {
            Instant now = Instant.now();
            return cookies.stream()
                    .filter(c -> c.matches(uri, now))
                    .sorted(Comparator.comparingInt((Cookie c) -> c.path().length()).reversed())
                    .map(c -> c.name() + "=" + c.value())
                    .collect(Collectors.joining("; "));
        }

        synchronized Map<String, String> values(URI uri) {
            Instant now = Instant.now();
            Map<String, String> values = new LinkedHashMap<>();
            cookies.stream().filter(c -> c.matches(uri, now)).forEach(c -> values.putIfAbsent(c.name(), c.value()));
            return values;
        }

        private static Cookie parse(URI uri, String header) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String domain = null;
            String path = null;
            Instant expires = null;
            Long maxAge = null;
            boolean secure = false;
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].trim();
                int at = attribute.indexOf('=');
                String key = (at < 0 ? attribute : attribute.substring(0, at)).trim().toLowerCase(Locale.ROOT);
                String val = at < 0 ? "" : attribute.substring(at + 1).trim();
                switch (key) {
                    case "domain" -> domain = val.startsWith(".") ? val.substring(1).toLowerCase(Locale.ROOT) : val.toLowerCase(Locale.ROOT);
                    case "path" -> path = val;
                    case "secure" -> secure = true;
                    case "max-age" -> {
                        try {
                            maxAge = Long.parseLong(val);
                        } catch (NumberFormatException ignored) {
                            // a malformed Max-Age is ignored, as browsers do
                        }
                    }
                    case "expires" -> {
                        try {
                            expires = ZonedDateTime.parse(val, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                        } catch (DateTimeParseException ignored) {
                            // an unparseable date is ignored
                        }
                    }
                    default -> {
                        // HttpOnly, SameSite, Version, ...: nothing to do without JavaScript
                    }
                }
            }
            if (maxAge != null) {
                expires = Instant.now().plusSeconds(Math.max(maxAge, -1));
            }
            boolean hostOnly = domain == null || domain.isEmpty();
            if (hostOnly) {
                domain = host;
            } else if (!host.equals(domain) && !host.endsWith("." + domain)) {
                return null; // a cookie for another site
            }
            if (path == null || !path.startsWith("/")) {
                String uriPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                int slash = uriPath.lastIndexOf('/');
                path = slash <= 0 ? "/" : uriPath.substring(0, slash);
            }
            return new Cookie(name, value, domain, hostOnly, path, expires, secure);
        }

        private static boolean isLoopback(String host) {
            return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                    || host.equals("[::1]") || host.equals("::1");
        }
    }
}
