package org.agora.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.agora.i18n.CurrentLanguage;
import org.agora.member.CurrentMember;
import org.agora.moderation.ModerationService;
import org.agora.moderation.QueueCounts;
import org.agora.moderation.SanctionService;
import org.agora.security.Guardian;

/** What every page's layout needs: who is signed in, the flash message, and where "sign in" should return to. */
@Named("page")
@RequestScoped
public class PageContext {

    @Inject
    CurrentMember currentMember;

    @Inject
    HttpServerRequest request;

    @Inject
    Guardian guardian;

    @Inject
    ModerationService moderation;

    @Inject
    CurrentLanguage language;

    private QueueCounts queueCounts;

    public boolean signedIn() {
        return currentMember.viewer().signedIn();
    }

    public String username() {
        return currentMember.viewer().username();
    }

    /** Moderators and admins get the moderation link, with live queue counts. */
    public boolean moderator() {
        return guardian.canModerate(currentMember.viewer());
    }

    /** Tutors and admins get the link to article management. */
    public boolean articleManager() {
        return guardian.canManageArticles(currentMember.viewer());
    }

    /** Computed only for moderators, once per page. */
    public QueueCounts queueCounts() {
        if (queueCounts == null) {
            queueCounts = moderator() ? moderation.counts(currentMember.viewer()) : new QueueCounts(0, 0, 0);
        }
        return queueCounts;
    }

    /** A warning the person has not acknowledged yet: shown on every page until they do. */
    public SanctionService.Warning warning() {
        // anonymous pages (404s rendered on the IO thread among them) must not open a transaction
        return currentMember.standing().warning();
    }

    /** Why the person can read but not write, and until when; null when they can write. */
    public String restriction() {
        var viewer = currentMember.viewer();
        return viewer.restricted() ? viewer.restriction().message(language.msg()) : null;
    }

    public long unreadNotifications() {
        return currentMember.unreadNotifications();
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
