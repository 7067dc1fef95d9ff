package org.agora.seminar;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.agora.member.CurrentMember;

/** The compare page: an article's questions with the revealed seminars (and the viewer's own) side by side. */
@Path("/articles/{slug}/compare")
@Produces(MediaType.TEXT_HTML)
public class CompareResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance compare(SeminarViews.Compare compare);
    }

    @Inject
    SeminarService seminars;

    @Inject
    CurrentMember currentMember;

    @GET
    public TemplateInstance compare(@PathParam("slug") String slug) {
        return Templates.compare(seminars.compare(currentMember.viewer(), slug));
    }
}
