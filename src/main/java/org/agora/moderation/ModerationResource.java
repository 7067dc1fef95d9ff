package org.agora.moderation;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.agora.i18n.CurrentLanguage;
import org.agora.comment.CommentService;
import org.agora.member.CurrentMember;
import org.agora.question.QuestionService;
import org.agora.security.Guardian;
import org.agora.web.Flash;

/** The moderators' pages: queues with bulk decisions, the audit log, the word lists, and sanctions. */
@Path("/moderation")
@Produces(MediaType.TEXT_HTML)
public class ModerationResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(String state, QueueCounts counts, List<QueueItem> items, List<ReasonCode> reasons);

        static native TemplateInstance log(List<AuditLog.Entry> entries, String actor, String member, String action,
                List<ModActionKind> actions);

        static native TemplateInstance words(WordLists lists);

        static native TemplateInstance member(String username);
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
    QuestionService questions;

    @Inject
    CommentService comments;

    @Inject
    Guardian guardian;

    @Inject
    CurrentMember currentMember;

    @Inject
    CurrentLanguage language;

    @GET
    public TemplateInstance queue(@QueryParam("state") String state) {
        QueueState queue = QueueState.parse(state == null ? "pending" : state);
        List<QueueItem> items = moderation.queue(currentMember.viewer(), queue);
        return Templates.queue(queue.db(), moderation.counts(currentMember.viewer()), items, List.of(ReasonCode.values()));
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response bulk(@FormParam("state") String state, @FormParam("ids") List<Long> ids, @FormParam("action") String action,
            @FormParam("reason") String reason, @FormParam("message") String message) {
        QueueState back = QueueState.parse(state);
        String queue = "/moderation?state=" + (back == null ? "pending" : back.db());
        return refusedOr(queue, () -> {
            int done = moderation.actOnMany(currentMember.viewer(), ids, CommentAction.parse(action), reason, message);
            return Flash.redirect(queue, language.msg().flash_bulkDone(done, CommentAction.REJECT.name().equalsIgnoreCase(action)));
        });
    }

    @POST
    @Path("comments/{id}/actions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response actOnComment(@PathParam("id") long id, @FormParam("action") String action, @FormParam("reason") String reason,
            @FormParam("message") String message) {
        String thread = questions.commentPath(comments.findVisible(currentMember.viewer(), id));
        return refusedOr(thread, () -> {
            moderation.act(currentMember.viewer(), id, CommentAction.parse(action), reason, message);
            return Flash.redirect(thread, language.msg().flash_done(language.msg().modaction(action)));
        });
    }

    @POST
    @Path("questions/{id}/actions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response actOnQuestion(@PathParam("id") long id, @FormParam("action") String action, @FormParam("reason") String reason) {
        String thread = questions.threadPathOf(id);
        return refusedOr(thread, () -> {
            moderation.act(currentMember.viewer(), id, QuestionAction.parse(action), reason);
            return Flash.redirect(thread, language.msg().flash_done(language.msg().modaction(action)));
        });
    }

    @POST
    @Path("questions/{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editQuestion(@PathParam("id") long id, @FormParam("label") String label, @FormParam("position") Integer position) {
        String thread = questions.threadPathOf(id);
        return refusedOr(thread, () -> {
            moderation.editQuestion(currentMember.viewer(), id, label, position);
            return Flash.redirect(thread, language.msg().flash_questionUpdated());
        });
    }

    @GET
    @Path("log")
    public TemplateInstance log(@QueryParam("actor") String actor, @QueryParam("member") String member, @QueryParam("action") String action) {
        return Templates.log(audit.entries(currentMember.viewer(), actor, member, action), actor, member, action,
                List.of(ModActionKind.values()));
    }

    @GET
    @Path("words")
    public TemplateInstance words() {
        return Templates.words(words.lists(currentMember.viewer()));
    }

    @POST
    @Path("words")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replaceWords(@FormParam("banned") String banned, @FormParam("suspect") String suspect) {
        return refusedOr("/moderation/words", () -> {
            words.replace(currentMember.viewer(), lines(banned), lines(suspect));
            return Flash.redirect("/moderation/words", language.msg().flash_wordsSaved());
        });
    }

    @GET
    @Path("members/{username}")
    public TemplateInstance member(@PathParam("username") String username) {
        guardian.ensureCanModerate(currentMember.viewer());
        return Templates.member(username);
    }

    @POST
    @Path("members/{username}/sanctions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sanction(@PathParam("username") String username, @FormParam("kind") String kind, @FormParam("until") String until,
            @FormParam("reason") String reason, @FormParam("rejectAll") String rejectAll) {
        String form = "/moderation/members/" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8);
        return refusedOr(form, () -> {
            SanctionService.Outcome outcome = sanctions.sanction(currentMember.viewer(), username, kind, until, reason, rejectAll != null);
            return Flash.redirect("/moderation/log?member=" + java.net.URLEncoder.encode(outcome.member(), java.nio.charset.StandardCharsets.UTF_8),
                    language.msg().flash_sanctioned(outcome.kind(), outcome.member(), outcome.rejectedComments()));
        });
    }

    /**
     * Runs a form's action; an invalid input (400) or a state that doesn't allow it (409) comes back to the page
     * as a 303 with the reason, and nothing is changed. Permission and sign-in refusals still get their own page.
     */
    private Response refusedOr(String back, java.util.function.Supplier<Response> action) {
        try {
            return action.get();
        } catch (org.agora.web.AppException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Flash.redirect(back, language.msg().flash_nothingChanged(e.detail(language.msg())));
        }
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : List.of(text.split("\\R"));
    }
}
