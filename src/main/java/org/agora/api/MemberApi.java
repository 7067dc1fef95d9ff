package org.agora.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.agora.profile.ProfileService;

/** Public profiles and @mention autocomplete, as JSON. */
@Path("/api/members")
@Produces(MediaType.APPLICATION_JSON)
public class MemberApi {

    @Inject
    ProfileService profiles;

    @Inject
    org.agora.notification.MentionCandidates mentions;

    @Inject
    org.agora.member.CurrentMember currentMember;

    /**
     * @mention autocomplete (signed-in members): up to 10 members whose username starts with {@code prefix} and who
     * have written publicly, those in {@code question}'s thread first; with {@code seminar}, that seminar's members and
     * tutor only (pseudonyms in an anonymous seminar): {@code [{"mention","username","name"}]}.
     */
    @GET
    public java.util.List<org.agora.notification.MentionCandidates.Candidate> candidates(
            @jakarta.ws.rs.QueryParam("prefix") String prefix, @jakarta.ws.rs.QueryParam("question") String question,
            @jakarta.ws.rs.QueryParam("seminar") String seminar) {
        Long seminarId = id("seminar", seminar);
        if (seminarId != null) {
            return mentions.inSeminar(currentMember.viewer(), prefix, seminarId);
        }
        return mentions.candidates(currentMember.viewer(), prefix, id("question", question));
    }

    private static Long id(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw org.agora.web.AppException.invalid(field, "The " + field + " must be a " + field + "'s id.");
        }
    }

    /** A member's public profile: score, questions answered, recent public comments. */
    @GET
    @Path("{username}")
    public ProfileService.Profile profile(@PathParam("username") String username) {
        return profiles.profile(username);
    }
}
