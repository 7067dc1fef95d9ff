package org.agora.i18n;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.agora.web.AppException;
import org.agora.web.SafeRedirect;

/** The language switcher in every page's header: remembers the choice in a cookie and goes back to the page. */
@Path("/language")
public class LanguageResource {

    static final int ONE_YEAR = 365 * 24 * 3600;

    @Inject
    CurrentLanguage current;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response choose(@FormParam("lang") String tag, @FormParam("return") String returnTo) {
        Languages.Language language = Languages.find(tag);
        if (language == null) {
            throw AppException.invalid("lang", current.msg().language_unknown());
        }
        NewCookie cookie = new NewCookie.Builder(CurrentLanguage.COOKIE)
                .value(language.tag())
                .path("/")
                .maxAge(ONE_YEAR)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        return Response.seeOther(URI.create(SafeRedirect.localPath(returnTo))).cookie(cookie).build();
    }
}
