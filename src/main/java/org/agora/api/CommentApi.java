package org.agora.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.agora.api.ApiViews.CommentInput;
import org.agora.api.ApiViews.CommentItem;
import org.agora.api.ApiViews.ReportCreated;
import org.agora.api.ApiViews.ReportInput;
import org.agora.api.ApiViews.Tally;
import org.agora.api.ApiViews.VoteInput;
import org.agora.comment.CommentService;
import org.agora.member.CurrentMember;
import org.agora.moderation.ReportService;
import org.agora.vote.VoteService;
import org.agora.vote.VoteTally;
import org.agora.web.AppException;

/** One comment, as JSON: read, edit and delete (author only), vote, report. */
@Path("/api/comments/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class CommentApi {

    @Inject
    CommentService comments;

    @Inject
    VoteService votes;

    @Inject
    ReportService reports;

    @Inject
    CurrentMember currentMember;

    @GET
    public CommentItem show(@PathParam("id") long id) {
        return CommentItem.of(comments.viewOf(currentMember.viewer(), id));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public CommentItem edit(@PathParam("id") long id, CommentInput input) {
        comments.edit(currentMember.viewer(), id, input == null ? null : input.body());
        return CommentItem.of(comments.viewOf(currentMember.viewer(), id));
    }

    @DELETE
    public Response delete(@PathParam("id") long id) {
        comments.delete(currentMember.viewer(), id);
        return Response.noContent().build();
    }

    /** Reports the comment: 201, or 409 when the caller already reported it. */
    @POST
    @Path("reports")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("id") long id, ReportInput input) {
        ReportInput in = input == null ? new ReportInput(null, null) : input;
        long reportId = reports.report(currentMember.viewer(), id, in.reason(), in.note());
        return Response.status(201).entity(new ReportCreated(reportId, id, in.reason())).build();
    }

    @PUT
    @Path("vote")
    @Consumes(MediaType.APPLICATION_JSON)
    public Tally vote(@PathParam("id") long id, VoteInput input) {
        VoteTally tally = votes.voteOnComment(currentMember.viewer(), id, input == null ? null : input.value());
        return new Tally(tally.score(), tally.ups(), tally.downs(), tally.myVote());
    }
}
