package org.agora.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.agora.api.ApiViews.ArticleDetail;
import org.agora.api.ApiViews.ArticleListItem;
import org.agora.api.ApiViews.QuestionItem;
import org.agora.api.ApiViews.ReactionInput;
import org.agora.api.ApiViews.Reactions;
import org.agora.article.ArticlePage;
import org.agora.article.ArticleService;
import org.agora.member.CurrentMember;
import org.agora.reaction.ReactionService;
import org.agora.web.AppException;

/** Articles and their reaction widget, as JSON. */
@Path("/api/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleApi {

    @Inject
    ArticleService articles;

    @Inject
    ReactionService reactions;

    @Inject
    CurrentMember currentMember;

    @Inject
    org.agora.article.ArticleManagement management;

    @GET
    public List<ArticleListItem> list() {
        return articles.list().stream().map(a -> new ArticleListItem(a.slug, a.title)).toList();
    }

    @GET
    @Path("{slug}")
    public ArticleDetail show(@PathParam("slug") String slug) {
        ArticlePage page = articles.page(currentMember.viewer(), slug);
        return new ArticleDetail(page.article().slug, page.article().title,
                page.questions().stream().map(QuestionItem::of).toList(),
                ApiViews.counts(page.reactions()), page.reactions().mine());
    }

    @PUT
    @Path("{slug}/reaction")
    @Consumes(MediaType.APPLICATION_JSON)
    public Reactions react(@PathParam("slug") String slug, ReactionInput input) {
        if (input == null) {
            throw AppException.invalid("kind", "Send {\"kind\": …} with one of the article's reactions.");
        }
        return Reactions.of(reactions.react(currentMember.viewer(), slug, input.kind()));
    }

    @DELETE
    @Path("{slug}/reaction")
    public Reactions withdraw(@PathParam("slug") String slug) {
        return Reactions.of(reactions.withdraw(currentMember.viewer(), slug));
    }

    /** The article text to preview or import (tutors and admins). */
    public record ArticleText(String text) {
    }

    public record StatusInput(String status) {
    }

    public record ManagedArticle(String slug, String title, String status) {
        static ManagedArticle of(org.agora.article.Article a) {
            return new ManagedArticle(a.slug, a.title, a.status);
        }
    }

    /** What the importer detects in the text, without saving it (tutors and admins). */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public org.agora.article.ArticleManagement.Preview preview(ArticleText input) {
        return management.preview(currentMember.viewer(), input == null ? null : input.text());
    }

    /** Imports the text as a draft article: 201, or 409 when its slug is taken (tutors and admins). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public jakarta.ws.rs.core.Response create(ArticleText input) {
        var article = management.createDraft(currentMember.viewer(), input == null ? null : input.text());
        return jakarta.ws.rs.core.Response.created(java.net.URI.create("/api/articles/" + article.slug))
                .entity(ManagedArticle.of(article)).build();
    }

    /** Publishes, unpublishes ({@code draft}) or archives an article (tutors and admins). */
    @PUT
    @Path("{slug}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public ManagedArticle status(@PathParam("slug") String slug, StatusInput input) {
        return ManagedArticle.of(management.setStatus(currentMember.viewer(), slug, input == null ? null : input.status()));
    }
}
