package org.agora.live;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.agora.article.Article;
import org.agora.article.ArticleService;
import org.agora.member.CurrentMember;
import org.agora.question.Question;
import org.agora.question.QuestionService;
import org.agora.security.Guardian;
import org.agora.security.Viewer;
import org.agora.web.AppException;

/**
 * Server-Sent Events for open pages: an article page hears score, answer-count and reaction changes; a thread
 * hears new, edited and moderated comments and score changes. Events name what changed; the page then re-reads
 * itself. Anyone who may read the page may listen. A signed-in member also has a stream of their own, open on every
 * page: {@code ready} and then {@code notifications} with their unread count whenever one of theirs arrives or is marked read (in any tab,
 * on any replica); visitors get a 401. (Under /live: a class of its own at /articles/{slug} would
 * shadow the article and thread pages in JAX-RS matching.)
 */
@Path("/live")
public class LiveResource {

    @Inject
    LiveEvents live;

    @Inject
    ArticleService articles;

    @Inject
    QuestionService questions;

    @Inject
    Guardian guardian;

    @Inject
    CurrentMember currentMember;

    @Inject
    org.agora.moderation.Notifications notifications;

    @GET
    @Path("articles/{slug}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void article(@PathParam("slug") String slug, @Context SseEventSink sink, @Context Sse sse) {
        Viewer viewer = currentMember.viewer();
        Article article = articles.findVisible(viewer, slug);
        live.subscribe(new LiveEvents.Subscriber(sink, sse, viewer, article.id, null));
    }

    @GET
    @Path("articles/{slug}/questions/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void question(@PathParam("slug") String slug, @PathParam("id") long id, @Context SseEventSink sink, @Context Sse sse) {
        Viewer viewer = currentMember.viewer();
        Article article = articles.findVisible(viewer, slug);
        Question question = questions.find(id);
        if (!question.articleId.equals(article.id) || !guardian.canSeeQuestion(viewer, question)) {
            throw AppException.notFound("question");
        }
        live.subscribe(new LiveEvents.Subscriber(sink, sse, viewer, article.id, question.id));
    }

    @GET
    @Path("me/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void member(@Context SseEventSink sink, @Context Sse sse) {
        Viewer viewer = currentMember.viewer();
        guardian.ensureSignedIn(viewer);
        // the count as of now, so a page (re)connecting catches up without asking the API
        live.subscribe(LiveEvents.Subscriber.ofMember(sink, sse, viewer), "{\"unread\":" + notifications.unreadCount(viewer) + "}");
    }
}
