package org.agora.feed;

import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class FeedTest {

    private static final String ATOM = FeedService.ATOM;

    private static Document parse(String path) throws Exception {
        var response = anonymous().accept("application/atom+xml").get(path).then().statusCode(200).extract();
        assertThat(response.contentType()).startsWith("application/atom+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.asByteArray()));
    }

    private static List<Element> children(Element parent, String name) {
        NodeList list = parent.getElementsByTagNameNS(ATOM, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i).getParentNode() == parent) {
                out.add((Element) list.item(i));
            }
        }
        return out;
    }

    /** The RFC 4287 musts we rely on: feed id, title, updated, author; each entry id, title, updated, author, content. */
    private static void assertValidAtom(Document doc) {
        Element feed = doc.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        for (String required : List.of("id", "title", "updated", "author")) {
            assertThat(children(feed, required)).as("feed/" + required).hasSize(1);
        }
        assertThat(children(feed, "link")).anySatisfy(l -> assertThat(l.getAttribute("rel")).isEqualTo("self"));
        assertThat(java.time.Instant.parse(children(feed, "updated").get(0).getTextContent())).isNotNull();
        for (Element entry : children(feed, "entry")) {
            for (String required : List.of("id", "title", "updated", "author", "content")) {
                assertThat(children(entry, required)).as("entry/" + required).hasSize(1);
            }
            assertThat(java.time.Instant.parse(children(entry, "updated").get(0).getTextContent())).isNotNull();
            assertThat(children(entry, "content").get(0).getAttribute("type")).isEqualTo("html");
        }
    }

    private static Element entryFor(Document doc, long commentId) {
        return children(doc.getDocumentElement(), "entry").stream()
                .filter(e -> children(e, "id").get(0).getTextContent().endsWith("#c-" + commentId)).findFirst().orElse(null);
    }

    @Test
    void questionAndArticleFeedsAreValidAtomOfPublicCommentsOnly() throws Exception {
        long q = questionId("Why now?");
        String text = "Feed *entry* & \"quotes\" " + UUID.randomUUID();
        long published = as("alice").body(Map.of("body", text + " <script>x()</script>")).post("/api/questions/" + q + "/comments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long removed = as("bob").body(Map.of("body", "Removed from feeds " + UUID.randomUUID())).post("/api/questions/" + q + "/comments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as("mod").body(Map.of("action", "remove", "reason", "spam")).post("/api/moderation/comments/" + removed + "/actions").then().statusCode(200);

        String threadPath = "/articles/" + Api.SEED_SLUG + "/questions/" + q;
        for (String feedPath : List.of(threadPath + "/feed.atom", "/articles/" + Api.SEED_SLUG + "/feed.atom")) {
            Document doc = parse(feedPath);
            assertValidAtom(doc);
            Element entry = entryFor(doc, published);
            assertThat(entry).as(feedPath).isNotNull();
            String html = children(entry, "content").get(0).getTextContent();
            assertThat(html).contains("<em>entry</em>", "&amp;", "&lt;script&gt;").doesNotContain("<script");
            assertThat(children(children(entry, "author").get(0), "name").get(0).getTextContent()).isEqualTo("alice");
            assertThat(entryFor(doc, removed)).as("removed comments stay out of " + feedPath).isNull();
        }
        Document doc = parse(threadPath + "/feed.atom");
        assertThat(children(doc.getDocumentElement(), "id").get(0).getTextContent()).isEqualTo("http://localhost:8080" + threadPath + "/feed.atom");
    }

    private static io.restassured.specification.RequestSpecification reader(String user) {
        return (user == null ? anonymous() : as(user)).accept("application/atom+xml");
    }

    @Test
    void unknownOrHiddenThreadsHaveNoFeed() {
        long q = questionId("Why are these four leaders…?");
        reader(null).get("/articles/no-such-article/feed.atom").then().statusCode(404);
        reader(null).get("/articles/" + Api.SEED_SLUG + "/questions/999999999/feed.atom").then().statusCode(404);
        reader(null).get("/articles/wrong-slug/questions/" + q + "/feed.atom").then().statusCode(404);
        as("mod").body(Map.of("action", "hide")).post("/api/moderation/questions/" + q + "/actions").then().statusCode(200);
        try {
            reader(null).get("/articles/" + Api.SEED_SLUG + "/questions/" + q + "/feed.atom").then().statusCode(404);
            reader("mod").get("/articles/" + Api.SEED_SLUG + "/questions/" + q + "/feed.atom").then().statusCode(404);
        } finally {
            as("mod").body(Map.of("action", "show")).post("/api/moderation/questions/" + q + "/actions").then().statusCode(200);
        }
        reader(null).get("/articles/" + Api.SEED_SLUG + "/questions/" + q + "/feed.atom").then().statusCode(200);
    }
}
