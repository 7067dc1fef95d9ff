package org.agora.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.agora.comment.Comment;
import org.agora.member.CurrentMember;
import org.agora.moderation.AuditLog;
import org.agora.moderation.CommentAction;
import org.agora.moderation.ModerationService;
import org.agora.moderation.QuestionAction;
import org.agora.moderation.QueueCounts;
import org.agora.moderation.QueueItem;
import org.agora.moderation.QueueState;
import org.agora.moderation.SanctionService;
import org.agora.moderation.WordListService;
import org.agora.moderation.WordLists;
import org.agora.question.Question;

/** The moderators' JSON API: queues, actions on comments and questions, sanctions, the audit log, word lists. */
@Path("/api/moderation")
@Produces(MediaType.APPLICATION_JSON)
public class ModerationApi {

    public record CommentActionInput(String action, String reason, String message) {
    }

    public record BulkActionInput(List<Long> ids, String action, String reason, String message) {
    }

    public record CommentState(long id, String status, boolean pinned, String moderationReason) {
        static CommentState of(Comment c) {
            return new CommentState(c.id, c.status, c.pinned, c.moderationReason);
        }
    }

    public record QuestionActionInput(String action, String reason) {
    }

    public record QuestionState(long id, boolean locked, boolean hidden, String label, int position) {
        static QuestionState of(Question q) {
            return new QuestionState(q.id, q.locked, q.hidden, q.label, q.position);
        }
    }

    public record QuestionEdit(String label, Integer position) {
    }

    public record SanctionInput(String kind, String until, String reason, Boolean rejectAll) {
    }

    public record Done(int count) {
    }

    @Inject
    ModerationService moderation;

    @Inject
    SanctionService sanctions;

    @Inject
    AuditLog audit;

    @Inject
    WordListService words;

    @Inject
    CurrentMember currentMember;

    @GET
    @Path("queue")
    public List<QueueItem> queue(@QueryParam("state") String state) {
        return moderation.queue(currentMember.viewer(), QueueState.parse(state == null ? "pending" : state));
    }

    @GET
    @Path("counts")
    public QueueCounts counts() {
        return moderation.counts(currentMember.viewer());
    }

    @POST
    @Path("comments/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    public CommentState actOnComment(@PathParam("id") long id, CommentActionInput input) {
        CommentActionInput in = input == null ? new CommentActionInput(null, null, null) : input;
        return CommentState.of(moderation.act(currentMember.viewer(), id, CommentAction.parse(in.action()), in.reason(), in.message()));
    }

    @POST
    @Path("comments/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Done actOnComments(BulkActionInput input) {
        BulkActionInput in = input == null ? new BulkActionInput(null, null, null, null) : input;
        return new Done(moderation.actOnMany(currentMember.viewer(), in.ids(), CommentAction.parse(in.action()), in.reason(), in.message()));
    }

    @POST
    @Path("questions/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    public QuestionState actOnQuestion(@PathParam("id") long id, QuestionActionInput input) {
        QuestionActionInput in = input == null ? new QuestionActionInput(null, null) : input;
        return QuestionState.of(moderation.act(currentMember.viewer(), id, QuestionAction.parse(in.action()), in.reason()));
    }

    /** Edits a question's label and/or its position in the article (1 = first). */
    @PATCH
    @Path("questions/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public QuestionState editQuestion(@PathParam("id") long id, QuestionEdit input) {
        QuestionEdit in = input == null ? new QuestionEdit(null, null) : input;
        return QuestionState.of(moderation.editQuestion(currentMember.viewer(), id, in.label(), in.position()));
    }

    @POST
    @Path("members/{username}/sanctions")
    @Consumes(MediaType.APPLICATION_JSON)
    public jakarta.ws.rs.core.Response sanction(@PathParam("username") String username, SanctionInput input) {
        SanctionInput in = input == null ? new SanctionInput(null, null, null, null) : input;
        SanctionService.Outcome outcome = sanctions.sanction(currentMember.viewer(), username, in.kind(), in.until(), in.reason(),
                Boolean.TRUE.equals(in.rejectAll()));
        return jakarta.ws.rs.core.Response.status(201).entity(outcome).build();
    }

    @GET
    @Path("log")
    public List<AuditLog.Entry> log(@QueryParam("actor") String actor, @QueryParam("member") String member,
            @QueryParam("action") String action) {
        return audit.entries(currentMember.viewer(), actor, member, action);
    }

    @GET
    @Path("words")
    public WordLists words() {
        return words.lists(currentMember.viewer());
    }

    @PUT
    @Path("words")
    @Consumes(MediaType.APPLICATION_JSON)
    public WordLists replaceWords(WordLists input) {
        WordLists in = input == null ? new WordLists(null, null) : input;
        return words.replace(currentMember.viewer(), in.banned(), in.suspect());
    }
}
