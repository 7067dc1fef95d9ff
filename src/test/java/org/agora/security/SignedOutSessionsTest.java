package org.agora.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.agora.testing.AgoraStack;
import org.agora.testing.Api;
import org.agora.testing.KeycloakTokens;
import org.junit.jupiter.api.Test;

/**
 * The sign-out check reads the member and their standing in the same statement (one round trip for every signed-in
 * request); it must still refuse, on every request, a token of a signed-out session or of a member who deleted their
 * account, on the vote path (JSON API, no unread count) as on pages.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class SignedOutSessionsTest {

    @Inject
    EntityManager em;

    @Test
    void aSignedOutSessionCannotVoteWhileTheMembersOtherSessionsCan() throws Exception {
        long comment = Api.comment("alice", Api.questionId("Why now?"), "Vote on me " + UUID.randomUUID(), null);
        String token = KeycloakTokens.accessToken("bob", "bob"); // a session of its own
        vote(token, comment, 1).then().statusCode(200);
        String sid = claim(token, "sid");
        assertThat(sid).isNotBlank();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into signed_out_session (sid, expires_at) values (:s, now() + interval '1 hour')")
                .setParameter("s", sid).executeUpdate());

        vote(token, comment, -1).then().statusCode(401);
        given().auth().oauth2(token).get("/articles/" + Api.SEED_SLUG).then().statusCode(401);
        // bob's other session is not signed out
        vote(Api.token("bob"), comment, -1).then().statusCode(200);
    }

    @Test
    void aDeletedAccountsTokensAreRefusedAtOnce() throws Exception {
        long comment = Api.comment("alice", Api.questionId("Why now?"), "Vote on me too " + UUID.randomUUID(), null);
        String token = Api.token("bob");
        vote(token, comment, 1).then().statusCode(200);
        String subject = claim(token, "sub");
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "insert into revoked_subject (subject, expires_at) values (:s, now() + interval '1 hour')")
                    .setParameter("s", subject).executeUpdate());
            vote(token, comment, 0).then().statusCode(401);
            given().auth().oauth2(token).get("/articles/" + Api.SEED_SLUG).then().statusCode(401);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from revoked_subject where subject = :s")
                    .setParameter("s", subject).executeUpdate());
        }
        vote(token, comment, 0).then().statusCode(200);
    }

    private static io.restassured.response.Response vote(String token, long comment, int value) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Map.of("value", value)).put("/api/comments/" + comment + "/vote");
    }

    private static String claim(String jwt, String name) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).path(name).asText();
    }
}
