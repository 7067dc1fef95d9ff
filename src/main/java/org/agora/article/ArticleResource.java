package org.agora.article;

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
import org.agora.reaction.ReactionService;
import org.agora.web.Flash;
import org.agora.web.HtmlPage;
import org.agora.web.PageCache;

/** The article pages: the list, one article with its questions in place, and the reaction widget's form. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ArticleResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Article> articles);

        static native TemplateInstance show(ArticlePage page);
    }

    @Inject
    ArticleService articles;

    @Inject
    ReactionService reactions;

    @Inject
    CurrentMember currentMember;

    @Inject
    CurrentLanguage language;

    @Inject
    PageCache pageCache;

    @GET
    public HtmlPage index() {
        return pageCache.renderIndex(Templates.index(articles.list()));
    }

    @GET
    @Path("articles/{slug}")
    public HtmlPage show(@PathParam("slug") String slug) {
        ArticlePage page = articles.page(currentMember.viewer(), slug);
        return pageCache.render(Templates.show(page), page.article().id, 0);
    }

    /** Reacts with {@code kind}, or withdraws the reaction when {@code kind} is "none". */
    @POST
    @Path("articles/{slug}/reaction")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response react(@PathParam("slug") String slug, @FormParam("kind") String kind) {
        String back = "/articles/" + articles.find(slug).slug + "#reactions";
        if ("none".equals(kind)) {
            reactions.withdraw(currentMember.viewer(), slug);
            return Flash.redirect(back, language.msg().flash_reactionWithdrawn());
        }
        reactions.react(currentMember.viewer(), slug, kind);
        return Flash.redirect(back, language.msg().flash_reactionCounted());
    }
}
