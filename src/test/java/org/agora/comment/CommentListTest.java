package org.agora.comment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.BrowserlessLogin;
import org.agora.testing.BrowserlessLogin.Page;
import org.agora.testing.BrowserlessLogin.Session;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The comment list keeps each comment's markup per "comment as this viewer sees it" (CommentList): viewers who see a
 * comment alike share one rendering, anything that differs (their vote, their own comment, a new count) is rendered
 * for them, and the per-request parts (CSRF token, the reply form's double-submit key) are each viewer's own.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class CommentListTest {

    @TestHTTPResource("/")
    URL app;

    @Inject
    CommentList commentList;

    /** A fresh answer by carol with two replies by carol, shown alone on its branch page. */
    private record Branch(String path, long answer, long firstReply, long secondReply) {
    }

    private Branch carolsBranch() {
        long whyNow = Api.questionId("Why now?");
        long answer = Api.comment("carol", whyNow, "An answer to keep. " + UUID.randomUUID(), null);
        long first = Api.comment("carol", whyNow, "First reply. " + UUID.randomUUID(), answer);
        long second = Api.comment("carol", whyNow, "Second reply. " + UUID.randomUUID(), answer);
        return new Branch("/articles/" + Api.SEED_SLUG + "/questions/" + whyNow + "?sort=new&branch=" + answer, answer, first, second);
    }

    private Document pageAs(String user, String path) {
        String html = Api.as(user).accept("text/html").get(path).then().statusCode(200).extract().asString();
        return Jsoup.parse(html);
    }

    @Test
    void viewersWhoSeeACommentAlikeShareOneRenderingAndEachGetsTheirOwnState() {
        Branch branch = carolsBranch();

        long before = commentList.renders();
        Document alicesFirst = pageAs("alice", branch.path());
        assertThat(commentList.renders() - before).as("alice's first look renders the three comments").isEqualTo(3);

        before = commentList.renders();
        Document bobs = pageAs("bob", branch.path());
        Document alicesSecond = pageAs("alice", branch.path());
        assertThat(commentList.renders() - before).as("bob and alice see the comments alike: nothing rendered again").isZero();
        assertThat(withoutPerRequestParts(bobs)).isEqualTo(withoutPerRequestParts(alicesFirst));
        assertThat(withoutPerRequestParts(alicesSecond)).isEqualTo(withoutPerRequestParts(alicesFirst));

        // carol wrote them: her view differs (edit and delete, no vote, no report), so it is rendered for her
        before = commentList.renders();
        Document carols = pageAs("carol", branch.path());
        assertThat(commentList.renders() - before).isEqualTo(3);
        assertThat(carols.select("#c-" + branch.answer() + " a[href=/comments/" + branch.answer() + "/edit]")).hasSize(1);
        assertThat(carols.select("#c-" + branch.answer() + " form.votes")).isEmpty();
        assertThat(bobs.select("#c-" + branch.answer() + " a[href$=/edit]")).isEmpty();
        assertThat(bobs.select("#c-" + branch.answer() + " form.report-form")).hasSize(1);

        // alice's vote changes her view of one comment and everyone's count of it: only that comment is rendered again
        Api.as("alice").contentType("application/json").body(Map.of("value", 1))
                .put("/api/comments/" + branch.firstReply() + "/vote").then().statusCode(200);
        before = commentList.renders();
        Document alicesAfterVote = pageAs("alice", branch.path());
        assertThat(commentList.renders() - before).isEqualTo(1);
        before = commentList.renders();
        Document bobsAfterVote = pageAs("bob", branch.path());
        assertThat(commentList.renders() - before).isEqualTo(1);

        String upvote = "#c-" + branch.firstReply() + " form.votes button[value]";
        assertThat(alicesAfterVote.select(upvote).first().attr("aria-pressed")).isEqualTo("true");
        assertThat(alicesAfterVote.select(upvote).first().attr("value")).isEqualTo("0");
        assertThat(bobsAfterVote.select(upvote).first().attr("aria-pressed")).isEqualTo("false");
        assertThat(bobsAfterVote.select("#c-" + branch.firstReply() + " .score").first().text()).isEqualTo("1");
        assertThat(alicesAfterVote.select("#c-" + branch.secondReply() + " button[aria-pressed=true]")).isEmpty();
    }

    @Test
    void everyReplyFormHasItsOwnKeyAndTheViewersToken() {
        Branch branch = carolsBranch();
        pageAs("alice", branch.path()); // kept now

        Session bob = BrowserlessLogin.signIn(base(), "/login?redirect=" + URLEncoder.encode(branch.path(), StandardCharsets.UTF_8), "bob", "bob");
        Document first = bob.document();
        Document second = bob.get(branch.path()).document();
        List<String> keys = new java.util.ArrayList<>();
        keys.addAll(first.select("li.comment input[name=submissionKey]").eachAttr("value"));
        keys.addAll(second.select("li.comment input[name=submissionKey]").eachAttr("value"));
        assertThat(keys).hasSize(6).doesNotHaveDuplicates().allSatisfy(key -> UUID.fromString(key));
        Set<String> tokens = new HashSet<>(second.select("li.comment form input[name=csrf-token]").eachAttr("value"));
        assertThat(tokens).as("every form in the list carries bob's one token").hasSize(1);
        assertThat(tokens).containsExactlyElementsOf(new HashSet<>(second.select("form input[name=csrf-token]").eachAttr("value")));

        // the kept markup's forms work: bob's reply through the second reply's form, then again (a double submit)
        Page thread = bob.get(branch.path());
        String text = "Bob replies through a kept form. " + UUID.randomUUID();
        Page posted = bob.submit(thread, "#c-" + branch.secondReply() + " details.reply form", Map.of("body", text));
        assertThat(posted.status()).isEqualTo(200);
        bob.submit(thread, "#c-" + branch.secondReply() + " details.reply form", Map.of("body", text));
        assertThat(pageAs("alice", branch.path()).select("li.comment .body:contains(" + text + ")")).hasSize(1);
    }

    @Test
    void aRefusedReplyReopensOnlyItsOwnFormWithTheDraft() {
        Branch branch = carolsBranch();
        Session bob = BrowserlessLogin.signIn(base(), "/login?redirect=" + URLEncoder.encode(branch.path(), StandardCharsets.UTF_8), "bob", "bob");
        String tooLong = "x".repeat(10_001);
        Page refused = bob.submit(bob.page(), "#c-" + branch.firstReply() + " details.reply form", Map.of("body", tooLong));
        assertThat(refused.status()).isEqualTo(400);
        Element reopened = refused.document().selectFirst("#c-" + branch.firstReply() + " details.reply");
        assertThat(reopened).isNotNull();
        assertThat(reopened.hasAttr("open")).isTrue();
        assertThat(reopened.select("textarea").first().text()).isEqualTo(tooLong);
        assertThat(reopened.select("p.error[role=alert]").text()).isNotBlank();
        assertThat(refused.document().select("details.reply[open]")).hasSize(1);

        // the refusal was not kept: the next page shows the form closed and empty
        Document next = bob.get(branch.path()).document();
        assertThat(next.select("details.reply[open]")).isEmpty();
        assertThat(next.select("#c-" + branch.firstReply() + " textarea").first().text()).isEmpty();
    }

    /** The page's comment list with the CSRF token and form keys blanked out, which differ on every request. */
    private static String withoutPerRequestParts(Document page) {
        Document copy = page.clone();
        copy.select("input[name=csrf-token], input[name=submissionKey]").forEach(input -> input.attr("value", ""));
        return copy.select("ol.comments").outerHtml();
    }

    private String base() {
        return app.toString().replaceAll("/$", "");
    }
}
