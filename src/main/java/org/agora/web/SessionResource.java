package org.agora.web;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.agora.i18n.CurrentLanguage;

/**
 * Sign-in and sign-out. {@code /login} requires authentication, so an anonymous browser is sent through
 * Keycloak and comes back here, then on to the page it came from. OIDC handles {@code /logout} for signed-in
 * sessions (ending the Keycloak session too); the POST here only answers when there was no session left.
 */
@Path("/")
public class SessionResource {

    @Inject
    CurrentLanguage language;

    @GET
    @Path("login")
    @Authenticated
    public Response login(@QueryParam("redirect") String redirect) {
        return Flash.redirect(SafeRedirect.localPath(redirect), language.msg().flash_signedIn());
    }

    @POST
    @Path("logout")
    public Response logoutWithoutSession() {
        return Response.seeOther(URI.create("/")).build();
    }
}
