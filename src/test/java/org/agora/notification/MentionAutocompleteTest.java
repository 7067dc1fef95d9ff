package org.agora.notification;

import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.agora.testing.Api.questionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class MentionAutocompleteTest {

    private static List<String> candidates(String user, String prefix, Long question) {
        var spec = as(user).queryParam("prefix", prefix);
        if (question != null) {
            spec = spec.queryParam("question", question);
        }
        return spec.get("/api/members").then().statusCode(200).extract().jsonPath().getList("username", String.class);
    }

    @Test
    void suggestsPublicWritersByPrefixThreadParticipantsFirstAndNeverRealNames() {
        long q = questionId("Why now?");
        Api.comment("bob", q, "Autocomplete fixture " + UUID.randomUUID(), null);
        Api.comment("admin", questionId("Why are these four leaders…?"), "Elsewhere " + UUID.randomUUID(), null);

        assertThat(candidates("alice", "b", null)).contains("bob").allSatisfy(u -> assertThat(u).startsWithIgnoringCase("b"));
        assertThat(candidates("alice", "@BO", null)).contains("bob");
        assertThat(candidates("alice", "", null)).doesNotContain("alice").contains("bob", "admin");
        List<String> inThread = candidates("alice", "", q);
        assertThat(inThread.indexOf("bob")).isLessThan(inThread.indexOf("admin") < 0 ? Integer.MAX_VALUE : inThread.indexOf("admin"));
        assertThat(candidates("alice", "%", null)).isEmpty();
        // only usernames and chosen names: the identity provider's name never shows
        var body = as("alice").get("/api/members?prefix=bob").then().statusCode(200).extract().jsonPath();
        assertThat(body.getList("$", Map.class)).allSatisfy(m -> assertThat(m.keySet()).containsOnly("mention", "username", "name"));

        anonymous().get("/api/members?prefix=b").then().statusCode(401);
        as("alice").get("/api/members?prefix=b&question=abc").then().statusCode(400).body("field", equalTo("question"));
        as("alice").get("/api/members?prefix=b&question=999999999").then().statusCode(404);
    }
}
