package org.agora.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.agora.member.CurrentMember;

/** What every page's layout needs: who is signed in, the flash message, and where "sign in" should return to. */
@Named("page")
@RequestScoped
public class PageContext {

    @Inject
    CurrentMember currentMember;

    @Inject
    HttpServerRequest request;

    public boolean signedIn() {
        return currentMember.viewer().signedIn();
    }

    public String username() {
        return currentMember.viewer().username();
    }

    public String flash() {
        Cookie cookie = request.getCookie(Flash.COOKIE);
        return cookie == null ? null : Flash.decode(cookie.getValue());
    }

    /** The sign-in link that brings the person back to this very page. */
    public String signInHref() {
        return signInHref(request.uri());
    }

    public static String signInHref(String returnTo) {
        return "/login?redirect=" + URLEncoder.encode(SafeRedirect.localPath(returnTo), StandardCharsets.UTF_8);
    }
}
