package org.agora.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.agora.search.SearchService;

/** Full-text search as JSON: public content only, best first, 20 a page. */
@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchApi {

    @Inject
    SearchService search;

    /**
     * Searches articles, questions and comments. {@code article} is an article's slug, {@code author} a username
     * (comments only), {@code from}/{@code to} inclusive dates (YYYY-MM-DD, UTC), {@code page} from 1.
     */
    @GET
    public List<SearchService.Hit> search(@QueryParam("q") String q, @QueryParam("article") String article,
            @QueryParam("author") String author, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") String page) {
        return search.search(search.query(q, article, author, from, to, page));
    }
}
