package org.agora.seminar;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.agora.article.Article;
import org.agora.article.ArticleService;
import org.agora.member.CurrentMember;
import org.agora.moderation.CommentAction;
import org.agora.moderation.ModerationService;
import org.agora.moderation.QueueCounts;
import org.agora.moderation.QueueItem;
import org.agora.moderation.QueueState;
import org.agora.moderation.ReasonCode;
import org.agora.security.Guardian;
import org.agora.web.AppException;
import org.agora.web.Flash;
import org.agora.web.FormKeys;

/**
 * The seminar pages: my seminars (with the create and join forms), a seminar's home, its view of an article, its
 * threads, its moderation queue and its participation report. Every form answers 303 with a flash message; a
 * refused input (400/409) comes back as a 303 with the reason, and nothing changes.
 */
@Path("/seminars")
@Produces(MediaType.TEXT_HTML)
public class SeminarResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<SeminarViews.Summary> seminars, boolean canCreate, List<Article> articles);

        static native TemplateInstance join(String code);

        static native TemplateInstance show(SeminarViews.Overview seminar, SeminarViews.Announcements announcements);

        static native TemplateInstance article(SeminarViews.ArticleView view);

        static native TemplateInstance thread(SeminarViews.ThreadPage page, String error, String draft, Long draftParent);

        static native TemplateInstance queue(SeminarViews.Overview seminar, String state, QueueCounts counts, List<QueueItem> items,
                List<ReasonCode> reasons);

        static native TemplateInstance participation(ParticipationReport report, List<ParticipationReport.StudentRow> rows,
                List<ParticipationReport.Column> columns, String sort, boolean descending);
    }

    @Inject
    SeminarService seminars;

    @Inject
    SeminarGate gate;

    @Inject
    ModerationService moderation;

    @Inject
    ArticleService articles;

    @Inject
    Guardian guardian;

    @Inject
    CurrentMember currentMember;

    @Inject
    org.agora.i18n.CurrentLanguage language;

    @GET
    public TemplateInstance index() {
        var viewer = currentMember.viewer();
        guardian.ensureSignedIn(viewer);
        return Templates.index(seminars.mine(viewer), guardian.canCreateSeminar(viewer), articles.list());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name, @FormParam("articles") List<String> slugs, @FormParam("opensAt") String opensAt,
            @FormParam("deadline") String deadline, @FormParam("premoderation") String premoderation,
            @FormParam("anonymous") String anonymous, @FormParam("stances") String stances) {
        return refusedOr("/seminars", () -> {
            SeminarService.Created created = seminars.create(currentMember.viewer(), name, slugs, opensAt, deadline, premoderation != null,
                    anonymous != null, stances != null);
            return Flash.redirect("/seminars/" + created.id(), SeminarMessages.of(language).flashCreated());
        });
    }

    /** The join link: a page with the code filled in and one button (joining is a POST, never a GET). */
    @GET
    @Path("join")
    public TemplateInstance joinForm(@QueryParam("code") String code) {
        return Templates.join(code == null ? "" : code.strip());
    }

    @POST
    @Path("join")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response join(@FormParam("code") String code) {
        try {
            long id = seminars.join(currentMember.viewer(), code);
            return Flash.redirect("/seminars/" + id, SeminarMessages.of(language).flashWelcome());
        } catch (AppException e) {
            if (e.status() == 401) {
                throw e;
            }
            return Flash.redirect("/seminars/join", e.detail(language.msg()));
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") long id) {
        var viewer = currentMember.viewer();
        return Templates.show(seminars.overview(viewer, id), seminars.announcements(viewer, id));
    }

    @POST
    @Path("{id}/announcements")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response announce(@PathParam("id") long id, @FormParam("body") String body) {
        return refusedOr("/seminars/" + id + "#announcements", () -> {
            long announcement = seminars.announce(currentMember.viewer(), id, body);
            return Flash.redirect("/seminars/" + id + "#announcement-" + announcement, SeminarMessages.of(language).flashAnnounced());
        });
    }

    @POST
    @Path("{id}/code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotateCode(@PathParam("id") long id) {
        seminars.rotateCode(currentMember.viewer(), id);
        return Flash.redirect("/seminars/" + id + "#join", SeminarMessages.of(language).flashCodeRotated());
    }

    @POST
    @Path("{id}/members/{memberId}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeMember(@PathParam("id") long id, @PathParam("memberId") long memberId) {
        return refusedOr("/seminars/" + id + "#members", () -> {
            seminars.removeMember(currentMember.viewer(), id, memberId);
            return Flash.redirect("/seminars/" + id + "#members", SeminarMessages.of(language).flashMemberRemoved());
        });
    }

    @POST
    @Path("{id}/archive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response archive(@PathParam("id") long id) {
        return refusedOr("/seminars/" + id, () -> {
            seminars.archive(currentMember.viewer(), id);
            return Flash.redirect("/seminars/" + id, SeminarMessages.of(language).flashArchived());
        });
    }

    @POST
    @Path("{id}/freeze")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response freeze(@PathParam("id") long id, @FormParam("action") String action) {
        boolean freeze = !"unfreeze".equals(action);
        return refusedOr("/seminars/" + id, () -> {
            seminars.freeze(currentMember.viewer(), id, freeze);
            return Flash.redirect("/seminars/" + id, freeze ? SeminarMessages.of(language).flashFrozen() : SeminarMessages.of(language).flashUnfrozen());
        });
    }

    @POST
    @Path("{id}/reveal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reveal(@PathParam("id") long id) {
        return refusedOr("/seminars/" + id, () -> {
            seminars.reveal(currentMember.viewer(), id);
            return Flash.redirect("/seminars/" + id, SeminarMessages.of(language).flashRevealed());
        });
    }

    @GET
    @Path("{id}/articles/{slug}")
    public TemplateInstance article(@PathParam("id") long id, @PathParam("slug") String slug) {
        return Templates.article(seminars.article(currentMember.viewer(), id, slug));
    }

    @GET
    @Path("{id}/questions/{qid}")
    public TemplateInstance thread(@PathParam("id") long id, @PathParam("qid") long qid, @QueryParam("sort") String sort) {
        return Templates.thread(seminars.thread(currentMember.viewer(), id, qid, sort), null, null, null);
    }

    @POST
    @Path("{id}/questions/{qid}/comments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response comment(@PathParam("id") long id, @PathParam("qid") long qid, @FormParam("body") String body,
            @FormParam("parentId") Long parentId, @FormParam("stance") String stance, @FormParam("submissionKey") String submissionKey) {
        String thread = "/seminars/" + id + "/questions/" + qid;
        try {
            long commentId = seminars.post(currentMember.viewer(), id, qid, parentId, body, FormKeys.parse(submissionKey), stance);
            return Flash.redirect(thread + "#c-" + commentId, parentId == null ? language.msg().flash_answerPosted() : language.msg().flash_replyPosted());
        } catch (AppException e) {
            if (e.status() != 400 && e.status() != 429) {
                throw e;
            }
            SeminarViews.ThreadPage page = seminars.thread(currentMember.viewer(), id, qid, null);
            return org.agora.web.ErrorPages.withRetryAfter(
                    Response.status(e.status()).entity(Templates.thread(page, e.detail(language.msg()), body, parentId)).build(), e);
        }
    }

    @POST
    @Path("{id}/questions/{qid}/claim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response claim(@PathParam("id") long id, @PathParam("qid") long qid, @FormParam("claim") String claim) {
        String thread = "/seminars/" + id + "/questions/" + qid;
        return refusedOr(thread, () -> {
            seminars.setClaim(currentMember.viewer(), id, qid, claim);
            return Flash.redirect(thread, SeminarMessages.of(language).flashClaimSaved());
        });
    }

    @POST
    @Path("{id}/questions/{qid}/lock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response lock(@PathParam("id") long id, @PathParam("qid") long qid, @FormParam("action") String action) {
        String thread = "/seminars/" + id + "/questions/" + qid;
        boolean lock = !"unlock".equals(action);
        return refusedOr(thread, () -> {
            seminars.lock(currentMember.viewer(), id, qid, lock);
            return Flash.redirect(thread, lock ? SeminarMessages.of(language).flashLocked() : SeminarMessages.of(language).flashUnlocked());
        });
    }

    @GET
    @Path("{id}/moderation")
    public TemplateInstance queue(@PathParam("id") long id, @QueryParam("state") String state) {
        var viewer = currentMember.viewer();
        gate.tutored(viewer, id);
        QueueState queue = QueueState.parse(state == null ? "pending" : state);
        if (queue == null) {
            throw AppException.invalid("state", "The state must be one of reported, pending, rejected.");
        }
        return Templates.queue(seminars.overview(viewer, id), queue.db(), moderation.seminarCounts(id), moderation.queue(queue, id),
                List.of(ReasonCode.values()));
    }

    @POST
    @Path("{id}/moderation/bulk")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response bulk(@PathParam("id") long id, @FormParam("state") String state, @FormParam("ids") List<Long> ids,
            @FormParam("action") String action, @FormParam("reason") String reason, @FormParam("message") String message) {
        gate.tutored(currentMember.viewer(), id);
        QueueState back = QueueState.parse(state);
        String queue = "/seminars/" + id + "/moderation?state=" + (back == null ? "pending" : back.db());
        return refusedOr(queue, () -> {
            int done = moderation.actOnManyInSeminar(currentMember.viewer(), id, ids, CommentAction.parse(action), reason, message);
            return Flash.redirect(queue, language.msg().flash_bulkDone(done, CommentAction.REJECT.name().equalsIgnoreCase(action)));
        });
    }

    @GET
    @Path("{id}/participation")
    public TemplateInstance participation(@PathParam("id") long id, @QueryParam("sort") String sort, @QueryParam("dir") String dir) {
        ParticipationReport report = seminars.participation(currentMember.viewer(), id);
        ParticipationReport.Column column = ParticipationReport.Column.parse(sort);
        boolean descending = "desc".equalsIgnoreCase(dir);
        return Templates.participation(report, report.sorted(column, descending), List.of(ParticipationReport.Column.values()),
                column.key(), descending);
    }

    @GET
    @Path("{id}/participation.csv")
    @Produces("text/csv")
    public Response participationCsv(@PathParam("id") long id) {
        ParticipationReport report = seminars.participation(currentMember.viewer(), id);
        return Response.ok(ParticipationCsv.write(report).getBytes(StandardCharsets.UTF_8))
                .type("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + ParticipationCsv.fileName(report) + "\"")
                .build();
    }

    /** Runs a form's action; an invalid input (400) or a state that doesn't allow it (409) comes back as a 303 with the reason. */
    private Response refusedOr(String back, Supplier<Response> action) {
        try {
            return action.get();
        } catch (AppException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Flash.redirect(back, language.msg().flash_nothingChanged(e.detail(language.msg())));
        }
    }
}
