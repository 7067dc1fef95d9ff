package org.agora.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.agora.api.ApiViews.CommentItem;
import org.agora.member.CurrentMember;
import org.agora.reaction.ReactionSummary;
import org.agora.seminar.ParticipationCsv;
import org.agora.seminar.ParticipationReport;
import org.agora.seminar.SeminarService;
import org.agora.seminar.SeminarViews;
import org.agora.web.AppException;

/**
 * Seminars as JSON: create (tutors and admins), join with a code, read (members and tutors; everyone else gets a
 * 404), the seminar's threads, the participation report (JSON or CSV) and the tutor's actions.
 */
@Path("/api/seminars")
@Produces(MediaType.APPLICATION_JSON)
public class SeminarApi {

    public record SeminarInput(String name, List<String> articles, String opensAt, String deadline, Boolean premoderation,
            Boolean anonymous, Boolean stances) {
    }

    public record Created(long id, String joinCode, String joinLink) {
    }

    public record JoinInput(String code) {
    }

    public record Joined(long id, String name, String pseudonym) {
    }

    public record SeminarDetail(long id, String name, String tutor, List<SeminarViews.ArticleRef> articles, Instant opensAt,
            Instant deadline, boolean premoderation, boolean anonymous, boolean stances, boolean frozen, boolean revealed,
            boolean archived, String joinCode, String you, List<MemberItem> members) {
    }

    /** {@code username} and {@code pseudonym} only for whoever runs the seminar; {@code name} is what the caller may see. */
    public record MemberItem(String name, String username, Integer pseudonym, Instant joinedAt, Boolean removed) {
    }

    public record ArticleActivity(long seminarId, String slug, String title, List<QuestionItem> questions,
            Map<String, Integer> reactionsOverall, Map<String, Integer> reactionsSeminar) {
    }

    public record QuestionItem(long id, String label, String text, int answers, int comments, SeminarViews.StanceSplit stances,
            String claim, boolean locked) {
    }

    public record CommentInput(String body, Long parentId, String stance) {
    }

    public record State(long id, boolean frozen, boolean revealed, boolean archived) {
    }

    public record Code(long id, String joinCode, String joinLink) {
    }

    public record FreezeInput(Boolean frozen) {
    }

    public record AnnouncementInput(String body) {
    }

    @Inject
    SeminarService seminars;

    @Inject
    CurrentMember currentMember;

    @GET
    public List<SeminarViews.Summary> mine() {
        return seminars.mine(currentMember.viewer());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SeminarInput input) {
        SeminarInput in = input == null ? new SeminarInput(null, null, null, null, null, null, null) : input;
        SeminarService.Created created = seminars.create(currentMember.viewer(), in.name(), in.articles(), in.opensAt(), in.deadline(),
                Boolean.TRUE.equals(in.premoderation()), Boolean.TRUE.equals(in.anonymous()), Boolean.TRUE.equals(in.stances()));
        return Response.created(URI.create("/api/seminars/" + created.id()))
                .entity(new Created(created.id(), created.joinCode(), joinLink(created.joinCode()))).build();
    }

    @POST
    @Path("join")
    @Consumes(MediaType.APPLICATION_JSON)
    public Joined join(JoinInput input) {
        long id = seminars.join(currentMember.viewer(), input == null ? null : input.code());
        SeminarViews.Overview seminar = seminars.overview(currentMember.viewer(), id);
        return new Joined(id, seminar.name(), seminar.myName());
    }

    @GET
    @Path("{id}")
    public SeminarDetail show(@PathParam("id") long id) {
        SeminarViews.Overview s = seminars.overview(currentMember.viewer(), id);
        List<MemberItem> members = s.members().stream().map(m -> s.canTutor()
                ? new MemberItem(m.name(), m.username(), m.pseudonym(), m.joinedAt(), m.removed())
                : new MemberItem(m.name(), null, null, null, null)).toList();
        return new SeminarDetail(s.id(), s.name(), s.tutor(), s.articles(), s.opensAt(), s.deadline(), s.premoderation(), s.anonymous(),
                s.stances(), s.frozen(), s.revealed(), s.archived(), s.joinCode(), s.myName(), members);
    }

    @GET
    @Path("{id}/articles/{slug}")
    public ArticleActivity article(@PathParam("id") long id, @PathParam("slug") String slug) {
        SeminarViews.ArticleView view = seminars.article(currentMember.viewer(), id, slug);
        return new ArticleActivity(view.seminarId(), view.article().slug, view.article().title,
                view.questions().stream().map(q -> new QuestionItem(q.id(), q.label(), q.text(), q.answers(), q.comments(), q.stances(),
                        q.claim(), q.locked())).toList(),
                counts(view.overallReactions()), counts(view.seminarReactions()));
    }

    @GET
    @Path("{id}/questions/{qid}/comments")
    public List<CommentItem> comments(@PathParam("id") long id, @PathParam("qid") long qid, @QueryParam("sort") String sort) {
        return seminars.threadComments(currentMember.viewer(), id, qid, sort).stream().map(CommentItem::of).toList();
    }

    /** Posts an answer (optionally with a stance) or a reply; a repeated {@code Idempotency-Key} returns the first comment. */
    @POST
    @Path("{id}/questions/{qid}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("id") long id, @PathParam("qid") long qid, @HeaderParam("Idempotency-Key") String idempotencyKey,
            CommentInput input) {
        if (input == null) {
            throw AppException.invalid("body", "Send {\"body\": \"…\"} with the comment's text.");
        }
        long commentId = seminars.post(currentMember.viewer(), id, qid, input.parentId(), input.body(), QuestionApi.submissionKey(idempotencyKey),
                input.stance());
        CommentItem created = seminars.threadComments(currentMember.viewer(), id, qid, null).stream()
                .filter(c -> c.id() == commentId).findFirst().map(CommentItem::of)
                .orElseThrow(() -> AppException.notFound("comment"));
        return Response.created(URI.create("/api/comments/" + commentId)).entity(created).build();
    }

    /** The seminar's announcements, newest first (the latest 50); {@code author} as the caller may see them. */
    @GET
    @Path("{id}/announcements")
    public List<SeminarViews.Announcement> announcements(@PathParam("id") long id) {
        return seminars.announcements(currentMember.viewer(), id).items();
    }

    /** Posts an announcement (whoever runs the seminar): every current member is notified. 201 with the announcement. */
    @POST
    @Path("{id}/announcements")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response announce(@PathParam("id") long id, AnnouncementInput input) {
        long announcementId = seminars.announce(currentMember.viewer(), id, input == null ? null : input.body());
        SeminarViews.Announcement created = seminars.announcements(currentMember.viewer(), id).items().stream()
                .filter(a -> a.id() == announcementId).findFirst().orElseThrow(() -> AppException.notFound("announcement"));
        return Response.created(URI.create("/api/seminars/" + id + "/announcements")).entity(created).build();
    }

    /** The participation report: JSON, or with {@code Accept: text/csv} the same CSV file as the page's download. */
    @GET
    @Path("{id}/participation")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response participation(@PathParam("id") long id, @HeaderParam("Accept") String accept) {
        ParticipationReport report = seminars.participation(currentMember.viewer(), id);
        if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv")) {
            return Response.ok(ParticipationCsv.write(report).getBytes(StandardCharsets.UTF_8))
                    .type("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + ParticipationCsv.fileName(report) + "\"")
                    .build();
        }
        return Response.ok(report).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("{id}/reveal")
    public State reveal(@PathParam("id") long id) {
        seminars.reveal(currentMember.viewer(), id);
        return state(id);
    }

    @POST
    @Path("{id}/freeze")
    @Consumes(MediaType.APPLICATION_JSON)
    public State freeze(@PathParam("id") long id, FreezeInput input) {
        seminars.freeze(currentMember.viewer(), id, input == null || input.frozen() == null || input.frozen());
        return state(id);
    }

    @POST
    @Path("{id}/archive")
    public State archive(@PathParam("id") long id) {
        seminars.archive(currentMember.viewer(), id);
        return state(id);
    }

    @POST
    @Path("{id}/code")
    public Code rotate(@PathParam("id") long id) {
        String code = seminars.rotateCode(currentMember.viewer(), id);
        return new Code(id, code, joinLink(code));
    }

    @DELETE
    @Path("{id}/members/{username}")
    public Response removeMember(@PathParam("id") long id, @PathParam("username") String username) {
        seminars.removeMember(currentMember.viewer(), id, username);
        return Response.noContent().build();
    }

    private State state(long id) {
        SeminarViews.Overview s = seminars.overview(currentMember.viewer(), id);
        return new State(id, s.frozen(), s.revealed(), s.archived());
    }

    private static Map<String, Integer> counts(ReactionSummary summary) {
        return ApiViews.counts(summary);
    }

    private static String joinLink(String code) {
        return "/seminars/join?code=" + code;
    }
}
