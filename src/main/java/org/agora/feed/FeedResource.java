package org.agora.feed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

/**
 * The Atom feed of an article's newest public comments. A question's feed is served by QuestionResource, because
 * REST matching picks the longest matching class path ({@code /articles/{slug}/questions/{id}}) and never backtracks.
 */
// at the root, like the other page resources: a class path of /articles/{slug} would capture the article page
@Path("/")
@Produces(FeedResource.ATOM_TYPE)
public class FeedResource {

    public static final String ATOM_TYPE = "application/atom+xml;charset=utf-8";

    @Inject
    FeedService feeds;

    @GET
    @Path("articles/{slug}/feed.atom")
    public String article(@PathParam("slug") String slug) {
        return feeds.articleFeed(slug);
    }

}
