package org.agora.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.agora.profile.ProfileService;

/** Public profiles, as JSON. */
@Path("/api/members")
@Produces(MediaType.APPLICATION_JSON)
public class MemberApi {

    @Inject
    ProfileService profiles;

    /** A member's public profile: score, questions answered, recent public comments. */
    @GET
    @Path("{username}")
    public ProfileService.Profile profile(@PathParam("username") String username) {
        return profiles.profile(username);
    }
}
