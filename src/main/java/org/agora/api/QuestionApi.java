package org.agora.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.agora.api.ApiViews.CommentInput;
import org.agora.api.ApiViews.CommentItem;
import org.agora.api.ApiViews.Tally;
import org.agora.api.ApiViews.VoteInput;
import org.agora.comment.CommentService;
import org.agora.member.CurrentMember;
import org.agora.question.QuestionService;
import org.agora.vote.CommentSort;
import org.agora.vote.VoteService;
import org.agora.vote.VoteTally;
import org.agora.web.AppException;

/** A question's thread and votes, as JSON. */
@Path("/api/questions/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class QuestionApi {

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    /** At most this many comments per answer, however long the thread. */
    public static final int MAX_PAGE = 500;

    @Inject
    QuestionService questions;

    @Inject
    CommentService comments;

    @Inject
    VoteService votes;

    @Inject
    CurrentMember currentMember;

    @Inject
    org.agora.notification.FollowService follows;

    /**
     * The thread in display order, one page at a time: {@code limit} comments (default and maximum
     * {@value #MAX_PAGE}) from {@code offset}, paged in the database; {@code X-Total-Count} says how many there are
     * in all.
     */
    @GET
    @Path("comments")
    public Response comments(@PathParam("id") long id, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        CommentSort order = questions.sort(sort);
        int pageSize = whole("limit", limit, MAX_PAGE, 1, MAX_PAGE);
        int from = whole("offset", offset, 0, 0, Integer.MAX_VALUE);
        questions.find(id);
        CommentService.ThreadSlice slice = comments.threadSlice(currentMember.viewer(), id, order, from, pageSize);
        List<CommentItem> page = slice.comments().stream().map(CommentItem::of).toList();
        return Response.ok(page).header("X-Total-Count", slice.total()).build();
    }

    /** A query parameter that must be a whole number in [min, max]; a clear 400 otherwise. */
    private static int whole(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min && number <= max) {
                return (int) number;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw AppException.invalid(name, max == Integer.MAX_VALUE
                ? "'" + name + "' must be a whole number of at least " + min + "."
                : "'" + name + "' must be a whole number from " + min + " to " + max + ".");
    }

    /** Posts an answer or reply; a repeated {@code Idempotency-Key} returns the first comment instead of a copy. */
    @POST
    @Path("comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("id") long id, @HeaderParam("Idempotency-Key") String idempotencyKey, CommentInput input) {
        if (input == null) {
            throw AppException.invalid("body", "Send {\"body\": \"…\"} with the comment's text.");
        }
        long commentId = comments.post(currentMember.viewer(), id, input.parentId(), input.body(), submissionKey(idempotencyKey),
                input.quote() == null ? null : input.quote().toQuote());
        return Response.created(URI.create("/api/comments/" + commentId))
                .entity(CommentItem.of(comments.viewOf(currentMember.viewer(), commentId)))
                .build();
    }

    @PUT
    @Path("vote")
    @Consumes(MediaType.APPLICATION_JSON)
    public Tally vote(@PathParam("id") long id, VoteInput input) {
        VoteTally tally = votes.voteOnQuestion(currentMember.viewer(), id, input == null ? null : input.value());
        return new Tally(tally.score(), tally.ups(), tally.downs(), tally.myVote());
    }

    /** Follows the question: its new answers notify the caller. Idempotent. */
    @PUT
    @Path("follow")
    public ApiViews.Following follow(@PathParam("id") long id) {
        follows.follow(currentMember.viewer(), id);
        return new ApiViews.Following(id, true);
    }

    /** Stops following the question. Idempotent. */
    @jakarta.ws.rs.DELETE
    @Path("follow")
    public ApiViews.Following unfollow(@PathParam("id") long id) {
        follows.unfollow(currentMember.viewer(), id);
        return new ApiViews.Following(id, false);
    }

    /** The submission key for an {@code Idempotency-Key} header (null without one); shared by the seminar API. */
    static UUID submissionKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return null;
        }
        if (idempotencyKey.length() > MAX_IDEMPOTENCY_KEY) {
            throw AppException.invalid("Idempotency-Key", "The Idempotency-Key header is limited to 200 characters.");
        }
        return UUID.nameUUIDFromBytes(("api:" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}
