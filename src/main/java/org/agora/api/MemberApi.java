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
     * have written publicly, those in {@code question}'s thread first: {@code [{"username","name"}]}.
     */
    @GET
    public java.util.List<org.agora.notification.MentionCandidates.Candidate> candidates(
            @jakarta.ws.rs.QueryParam("prefix") String prefix, @jakarta.ws.rs.QueryParam("question") String question) {
        Long questionId = null;
        if (question != null && !question.isBlank()) {
            try {
                questionId = Long.parseLong(question.strip());
            } catch (NumberFormatException e) {
                throw org.agora.web.AppException.invalid("question", "The question must be a question's id.");
            }
        }
        return mentions.candidates(currentMember.viewer(), prefix, questionId);
    }

    /** A member's public profile: score, questions answered, recent public comments. */
    @GET
    @Path("{username}")
    public ProfileService.Profile profile(@PathParam("username") String username) {
        return profiles.profile(username);
    }
}
