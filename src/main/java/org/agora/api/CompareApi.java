package org.agora.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.agora.member.CurrentMember;
import org.agora.seminar.SeminarService;
import org.agora.seminar.SeminarViews;

/** The compare view of an article as JSON: per question, the seminars the caller may compare side by side. */
@Path("/api/articles/{slug}/compare")
@Produces(MediaType.APPLICATION_JSON)
public class CompareApi {

    @Inject
    SeminarService seminars;

    @Inject
    CurrentMember currentMember;

    public record CompareView(String slug, String title, java.util.List<SeminarViews.SeminarColumn> seminars,
            java.util.List<SeminarViews.CompareQuestion> questions) {
    }

    @GET
    public CompareView compare(@PathParam("slug") String slug) {
        SeminarViews.Compare compare = seminars.compare(currentMember.viewer(), slug);
        return new CompareView(compare.article().slug, compare.article().title, compare.seminars(), compare.questions());
    }
}
