package org.agora.web;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Post/redirect/get with a one-shot message. The message rides in a short-lived cookie rather than server
 * memory, so the next page can show it whichever replica serves it; {@link FlashFilter} clears it once shown.
 */
public final class Flash {

    public static final String COOKIE = "agora_flash";
    private static final int MAX_LENGTH = 300;

    private Flash() {
    }

    /** 303 See Other to a local path, carrying a message for the next page. */
    public static Response redirect(String location, String message) {
        return Response.seeOther(URI.create(location)).cookie(cookie(message)).build();
    }

    static NewCookie cookie(String message) {
        String text = message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) : message;
        return new NewCookie.Builder(COOKIE)
                .value(URLEncoder.encode(text, StandardCharsets.UTF_8))
                .path("/")
                .maxAge(60)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }

    static NewCookie expired() {
        return new NewCookie.Builder(COOKIE).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    static String decode(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return null;
        }
        try {
            String text = URLDecoder.decode(cookieValue, StandardCharsets.UTF_8);
            return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
