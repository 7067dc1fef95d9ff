package org.agora.web;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;

/** Keeps "return to" addresses on this site, so a crafted link cannot bounce a signed-in user elsewhere. */
public final class SafeRedirect {

    private SafeRedirect() {
    }

    /**
     * The page a request was made from, as a safe local path: the address itself for a GET; for a POST (a form),
     * the page in its {@code Referer}, since a GET of the form's target would not show that page; else "/".
     */
    public static String pageOf(HttpServerRequest request) {
        if ("GET".equals(request.method().name())) {
            return localPath(request.uri());
        }
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                URI uri = URI.create(referer);
                if (uri.getRawPath() != null) {
                    return localPath(uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : ""));
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed Referer just means the home page
            }
        }
        return "/";
    }

    /** The path itself when it is a plain local path, otherwise "/". */
    public static String localPath(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 2000
                || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) {
            return "/";
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return "/";
            }
        }
        try {
            URI.create(candidate); // a Location must be a valid URI: "/a¿'\"(" is not (wapiti found it answering 500)
        } catch (IllegalArgumentException e) {
            return "/";
        }
        return candidate;
    }
}
