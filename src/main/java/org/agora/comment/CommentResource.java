package org.agora.comment;

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
import java.util.List;
import org.agora.i18n.CurrentLanguage;
import org.agora.member.CurrentMember;
import org.agora.moderation.ReportService;
import org.agora.question.QuestionService;
import org.agora.security.Guardian;
import org.agora.vote.VoteService;
import org.agora.web.AppException;
import org.agora.web.Flash;

/** Forms acting on one comment: edit (with its history), delete, vote, report. Each answers 303 back to the thread. */
@Path("/comments/{id}")
@Produces(MediaType.TEXT_HTML)
public class CommentResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(Comment comment, String threadPath, List<CommentRevision> revisions, String error, String draft);
    }

    @Inject
    CommentService comments;

    @Inject
    QuestionService questions;

    @Inject
    VoteService votes;

    @Inject
    ReportService reports;

    @Inject
    Guardian guardian;

    @Inject
    CurrentMember currentMember;

    @Inject
    CurrentLanguage language;

    @GET
    @Path("edit")
    public TemplateInstance editForm(@PathParam("id") long id) {
        Comment comment = comments.findVisible(currentMember.viewer(), id);
        guardian.ensureCanEditComment(currentMember.viewer(), comment);
        return Templates.edit(comment, threadPath(comment), comments.revisions(id), null, comment.body);
    }

    @POST
    @Path("edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@PathParam("id") long id, @FormParam("body") String body) {
        try {
            Comment comment = comments.edit(currentMember.viewer(), id, body);
            return Flash.redirect(questions.commentPath(comment), language.msg().flash_commentUpdated());
        } catch (AppException e) {
            if (e.status() != 400) {
                throw e;
            }
            Comment comment = comments.find(id);
            return Response.status(400).entity(Templates.edit(comment, threadPath(comment), comments.revisions(id), e.detail(language.msg()), body)).build();
        }
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") long id) {
        Comment comment = comments.delete(currentMember.viewer(), id);
        return Flash.redirect(questions.commentPath(comment), language.msg().flash_commentDeleted());
    }

    @POST
    @Path("report")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response report(@PathParam("id") long id, @FormParam("reason") String reason, @FormParam("note") String note) {
        String back = questions.commentPath(comments.findVisible(currentMember.viewer(), id));
        try {
            reports.report(currentMember.viewer(), id, reason, note);
        } catch (AppException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            // a missing note or a second report: back to the thread with the reason, nothing filed
            return Flash.redirect(back, e.detail(language.msg()));
        }
        return Flash.redirect(back, language.msg().flash_reported());
    }

    @POST
    @Path("vote")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response vote(@PathParam("id") long id, @FormParam("value") Integer value) {
        votes.voteOnComment(currentMember.viewer(), id, value);
        Comment comment = comments.find(id);
        return Flash.redirect(questions.commentPath(comment), value != null && value == 0 ? language.msg().flash_voteWithdrawn() : language.msg().flash_voteCounted());
    }

    private String threadPath(Comment comment) {
        return questions.threadPathOf(comment);
    }
}
