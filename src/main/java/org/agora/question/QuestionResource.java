package org.agora.question;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.agora.i18n.CurrentLanguage;
import org.agora.comment.CommentService;
import org.agora.member.CurrentMember;
import org.agora.vote.CommentSort;
import org.agora.vote.VoteService;
import org.agora.web.AppException;
import org.agora.web.ErrorPages;
import org.agora.web.Flash;
import org.agora.web.HtmlPage;
import org.agora.web.PageCache;
import org.agora.web.FormKeys;

/** A question's thread page, and the forms that answer the question and vote on it. */
@Path("/articles/{slug}/questions/{id}")
@Produces(MediaType.TEXT_HTML)
public class QuestionResource {

    @CheckedTemplate
    static class Templates {
        /** {@code error}, {@code draft} and {@code draftParent} refill a refused form; null otherwise. */
        static native TemplateInstance show(QuestionPage page, String error, String draft, Long draftParent);
    }

    @Inject
    QuestionService questions;

    @Inject
    CommentService comments;

    @Inject
    VoteService votes;

    @Inject
    CurrentMember currentMember;

    @Inject
    CurrentLanguage language;

    @Inject
    PageCache pageCache;

    @Inject
    org.agora.notification.FollowService follows;

    @Inject
    org.agora.feed.FeedService feeds;

    @GET
    public HtmlPage show(@PathParam("slug") String slug, @PathParam("id") long id, @QueryParam("sort") String sort,
            @QueryParam("page") @DefaultValue("1") int page, @QueryParam("branch") Long branch) {
        QuestionPage thread = questions.page(currentMember.viewer(), slug, id, questions.sort(sort), page, branch);
        return pageCache.render(Templates.show(thread, null, null, null), thread.article().id, thread.question().id());
    }

    @POST
    @Path("comments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response comment(@PathParam("slug") String slug, @PathParam("id") long id,
            @FormParam("body") String body, @FormParam("parentId") Long parentId, @FormParam("submissionKey") String submissionKey,
            @FormParam("quoteBlock") Integer quoteBlock, @FormParam("quoteStart") Integer quoteStart, @FormParam("quoteEnd") Integer quoteEnd) {
        questions.threadPath(slug, id); // 404 unless the question belongs to the article named in the address
        try {
            CommentService.Quote quote = quoteBlock == null || quoteStart == null || quoteEnd == null ? null
                    : new CommentService.Quote(quoteBlock, quoteStart, quoteEnd);
            long commentId = comments.post(currentMember.viewer(), id, parentId, body, FormKeys.parse(submissionKey), quote);
            return Flash.redirect(questions.commentPath(id, commentId),
                    parentId == null ? language.msg().flash_answerPosted() : language.msg().flash_replyPosted());
        } catch (AppException e) {
            if (e.status() != 400 && e.status() != 429) {
                throw e;
            }
            // back to the same page with the message, keeping what the person typed (429 adds Retry-After)
            QuestionPage page = refusedReplyPage(slug, id, parentId);
            return ErrorPages.withRetryAfter(Response.status(e.status()).entity(Templates.show(page, e.detail(language.msg()), body, parentId)).build(), e);
        }
    }

    /**
     * The page a refused answer or reply is shown again on: the thread's first page, or in a long thread whose first
     * page doesn't show the comment replied to, that comment's branch, so its reply form can reopen with the draft.
     */
    private QuestionPage refusedReplyPage(String slug, long id, Long parentId) {
        QuestionPage first = questions.page(currentMember.viewer(), slug, id, CommentSort.BEST);
        if (parentId == null || first.comments().stream().anyMatch(c -> c.id() == parentId)) {
            return first;
        }
        try {
            return questions.page(currentMember.viewer(), slug, id, CommentSort.BEST, 1, parentId);
        } catch (AppException notInThread) {
            return first; // a parent that is not (visible) in this thread: the refusal says so on the first page
        }
    }

    /** The Atom feed of this question's newest public comments. */
    @GET
    @Path("feed.atom")
    @Produces(org.agora.feed.FeedResource.ATOM_TYPE)
    public String feed(@PathParam("slug") String slug, @PathParam("id") long id) {
        return feeds.questionFeed(slug, id);
    }

    @POST
    @Path("follow")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response follow(@PathParam("slug") String slug, @PathParam("id") long id) {
        String thread = questions.threadPath(slug, id);
        follows.follow(currentMember.viewer(), id);
        return Flash.redirect(thread + "#question", language.msg().flash_following());
    }

    @POST
    @Path("unfollow")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unfollow(@PathParam("slug") String slug, @PathParam("id") long id) {
        String thread = questions.threadPath(slug, id);
        follows.unfollow(currentMember.viewer(), id);
        return Flash.redirect(thread + "#question", language.msg().flash_unfollowed());
    }

    @POST
    @Path("vote")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response vote(@PathParam("slug") String slug, @PathParam("id") long id, @FormParam("value") Integer value) {
        String thread = questions.threadPath(slug, id);
        votes.voteOnQuestion(currentMember.viewer(), id, value);
        return Flash.redirect(thread + "#question", value != null && value == 0 ? language.msg().flash_voteWithdrawn() : language.msg().flash_voteCounted());
    }
}
