package org.agora.web;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.smallrye.health.api.Wellness;
import org.agora.i18n.CurrentLanguage;
import org.agora.ops.OidcProviderCheck;
import org.agora.security.SignedOutSessions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in and sign-out. {@code /login} sends a visitor through Keycloak, back here, then on to the page it came
 * from; when Keycloak is down it answers with a "sign-in unavailable" page (503) instead.
 *
 * <p>Sign-out is ours rather than Quarkus OIDC's logout path, because a session cookie holds all its state: clearing
 * it in one browser does not stop a copy of it. So sign-out (a CSRF-checked POST) first records the session as
 * signed out in PostgreSQL ({@link SignedOutSessions}, checked by every replica on every request), then clears the
 * cookie and sends the browser to Keycloak's end-session endpoint, which ends the Keycloak session too and comes
 * back to the home page.
 */
@Path("/")
public class SessionResource {

    /**
     * How old an answer about Keycloak the sign-in page accepts before probing again: the health checks' cache of a few
     * seconds sent browsers to a stopped Keycloak when a probe had found it up just before (OidcProviderReadinessTest).
     */
    private static final Duration SIGN_IN_PROBE_FRESHNESS = Duration.ofSeconds(1);

    @Inject
    CurrentLanguage language;

    @Inject
    SecurityIdentity identity;

    @Inject
    SignedOutSessions signedOutSessions;

    @Inject
    OidcSession oidcSession;

    @Inject
    OidcConfigurationMetadata provider;

    @Inject
    @Wellness // health checks carry their kind as a CDI qualifier
    OidcProviderCheck identityProvider;

    @ConfigProperty(name = "quarkus.oidc.client-id")
    String clientId;

    @Context
    UriInfo uriInfo;

    /**
     * Signs in: a visitor is sent through Keycloak (the challenge of {@link UnauthorizedException}) and comes back
     * here. When Keycloak can't be reached, a page says so instead of sending the browser to a dead login page.
     */
    @GET
    @Path("login")
    public Response login(@QueryParam("redirect") String redirect) {
        if (identity.isAnonymous()) {
            if (!identityProvider.reachable(SIGN_IN_PROBE_FRESHNESS)) {
                return Response.fromResponse(ErrorPages.page(503, language.msg().error_signInUnavailable(), null, 30))
                        .header("Retry-After", "30").build();
            }
            throw new UnauthorizedException();
        }
        return Flash.redirect(SafeRedirect.localPath(redirect), language.msg().flash_signedIn());
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED) // only a form carries the CSRF token, so only a form may sign out
    public Response logout() {
        if (identity.isAnonymous()) {
            return Response.seeOther(URI.create("/")).build();
        }
        signedOutSessions.signOut(identity);
        IdTokenCredential browserSession = identity.getCredential(IdTokenCredential.class);
        if (browserSession == null) {
            return Response.seeOther(URI.create("/")).build(); // a bearer-token client: its session is revoked, nothing to clear
        }
        oidcSession.logout().await().indefinitely();
        String home = uriInfo.getBaseUriBuilder().replacePath("/").build().toString();
        String endSession = provider.getEndSessionUri();
        if (endSession == null) {
            return Response.seeOther(URI.create("/")).build();
        }
        return Response.seeOther(URI.create(endSession
                + "?client_id=" + encode(clientId)
                + "&post_logout_redirect_uri=" + encode(home)
                + "&id_token_hint=" + encode(browserSession.getToken()))).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
