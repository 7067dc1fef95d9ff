package org.agora.feed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

/** Atom feeds of the newest public comments of an article and of a question. */
// at the root, like the other page resources: a class path of /articles/{slug} would capture the article page
@Path("/")
@Produces(FeedResource.ATOM_TYPE)
public class FeedResource {

    static final String ATOM_TYPE = "application/atom+xml;charset=utf-8";

    @Inject
    FeedService feeds;

    @GET
    @Path("articles/{slug}/feed.atom")
    public String article(@PathParam("slug") String slug) {
        return feeds.articleFeed(slug);
    }

    @GET
    @Path("articles/{slug}/questions/{id}/feed.atom")
    public String question(@PathParam("slug") String slug, @PathParam("id") long id) {
        return feeds.questionFeed(slug, id);
    }
}
