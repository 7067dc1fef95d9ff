package org.agora.search;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.agora.article.Article;
import org.agora.web.AppException;

/** The search page: a plain GET form with filters, and the results with highlighted snippets. */
@Path("/search")
@Produces(MediaType.TEXT_HTML)
public class SearchResource {

    /** What the person typed, echoed into the form. */
    public record Form(String q, String article, String author, String from, String to) {

        /** The address of another page of the same search. */
        String href(int page) {
            StringBuilder href = new StringBuilder("/search?q=").append(encode(q));
            for (String[] p : new String[][] {{"article", article}, {"author", author}, {"from", from}, {"to", to}}) {
                if (p[1] != null && !p[1].isBlank()) {
                    href.append('&').append(p[0]).append('=').append(encode(p[1]));
                }
            }
            return href.append("&page=").append(page).toString();
        }

        private static String encode(String value) {
            return java.net.URLEncoder.encode(value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(Form form, List<Article> articles, List<SearchService.Hit> hits, boolean searched,
                String nextHref, String error);
    }

    @Inject
    SearchService search;

    @Inject
    org.agora.i18n.CurrentLanguage language;

    @GET
    public Response search(@QueryParam("q") String q, @QueryParam("article") String article, @QueryParam("author") String author,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page) {
        Form form = new Form(q, article, author, from, to);
        List<Article> articles = search.articles();
        if (q == null && article == null && author == null) {
            return Response.ok(Templates.search(form, articles, List.of(), false, null, null)).build();
        }
        try {
            SearchService.Query query = search.query(q, article, author, from, to, page);
            List<SearchService.Hit> hits = search.search(query);
            return Response.ok(Templates.search(form, articles, hits, true,
                    hits.size() == SearchService.PAGE ? form.href(query.page() + 1) : null, null)).build();
        } catch (AppException e) {
            if (e.status() != 400) {
                throw e;
            }
            return Response.status(400).entity(Templates.search(form, articles, List.of(), false, null, e.detail(language.msg()))).build();
        }
    }
}
