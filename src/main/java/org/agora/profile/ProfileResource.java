package org.agora.profile;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.agora.member.CurrentMember;
import org.agora.web.AppException;
import org.agora.web.Flash;

/** Public profile pages, and the signed-in person's own settings form. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ProfileResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance profile(ProfileService.Profile profile);

        /** {@code error} refills a refused form; null otherwise. */
        static native TemplateInstance settings(ProfileService.Settings settings, String error);
    }

    @Inject
    ProfileService profiles;

    @Inject
    CurrentMember currentMember;

    @Inject
    org.agora.i18n.CurrentLanguage language;

    @GET
    @Path("members/{username}")
    public TemplateInstance profile(@PathParam("username") String username) {
        return Templates.profile(profiles.profile(username));
    }

    @GET
    @Path("me/settings")
    public TemplateInstance settings() {
        return Templates.settings(profiles.settings(currentMember.viewer()), null);
    }

    @POST
    @Path("me/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@FormParam("displayName") String displayName, @FormParam("bio") String bio,
            @FormParam("emailDigest") String emailDigest) {
        try {
            profiles.update(currentMember.viewer(), displayName, bio, "on".equals(emailDigest) || "true".equals(emailDigest));
            return Flash.redirect("/me/settings", language.msg().flash_profileSaved());
        } catch (AppException e) {
            if (e.status() != 400) {
                throw e;
            }
            var current = profiles.settings(currentMember.viewer());
            var typed = new ProfileService.Settings(current.username(), current.displayName(), displayName, bio, current.email(),
                    current.emailDigest());
            return Response.status(400).entity(Templates.settings(typed, e.detail())).build();
        }
    }
}
