package org.agora.i18n;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.agora.web.SafeRedirect;
import java.util.List;
import java.util.Locale;

/**
 * The language of the current request, for templates ({@code {inject:lang.tag}}) and for messages made in Java
 * ({@link #msg()}): flash messages and form errors.
 */
@Named("lang")
@RequestScoped
public class CurrentLanguage {

    public static final String COOKIE = "agora_lang";

    @Inject
    HttpServerRequest request;

    @Inject
    RoutingContext routing;

    private Languages.Language language;

    public Languages.Language language() {
        if (language == null) {
            Cookie cookie = request.getCookie(COOKIE);
            language = Languages.choose(cookie == null ? null : cookie.getValue(), request.getHeader("Accept-Language"));
        }
        return language;
    }

    public String tag() {
        return language().tag();
    }

    public Locale locale() {
        return language().locale();
    }

    /**
     * Whether this page can offer the switcher: its form needs the CSRF token, which Quarkus makes only for requests
     * that reached a resource (the 404 page of an unknown address did not).
     */
    public boolean switchable() {
        return routing.get("csrf_token") != null;
    }

    /** Every shipped language, for the switcher. */
    public List<Languages.Language> choices() {
        return Languages.SHIPPED;
    }

    /** Where the switcher returns to: this page (for a refused form re-rendered by a POST, the form's page). */
    public String returnTo() {
        return SafeRedirect.pageOf(request);
    }

    /** The message bundle in this request's language. */
    public Msg msg() {
        return language().msg();
    }
}
