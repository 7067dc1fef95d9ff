package org.agora.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Requests as a demo-realm user, with real bearer tokens from Keycloak (cached well inside their lifetime). */
public final class Api {

    public static final String SEED_SLUG = "why-is-nato-expanding-its-reach-to-the-asia-pacific-region";

    private record CachedToken(String token, Instant fetched) {
    }

    private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();

    private Api() {
    }

    public static String token(String username) {
        CachedToken cached = TOKENS.get(username);
        if (cached == null || cached.fetched().isBefore(Instant.now().minusSeconds(120))) {
            cached = new CachedToken(KeycloakTokens.accessToken(username, username), Instant.now());
            TOKENS.put(username, cached);
        }
        return cached.token();
    }

    public static RequestSpecification as(String username) {
        return given().auth().oauth2(token(username)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** The id of the seed article's question with this label. */
    public static long questionId(String label) {
        return anonymous().get("/api/articles/" + SEED_SLUG)
                .then().statusCode(200)
                .extract().jsonPath().getLong("questions.find { it.label == '" + label + "' }.id");
    }

    /** Posts an answer (or a reply, when {@code parentId} is set) as {@code user}; answers the new comment's id. */
    public static long comment(String user, long questionId, String body, Long parentId) {
        Map<String, Object> payload = parentId == null ? Map.of("body", body) : Map.of("body", body, "parentId", parentId);
        return as(user).body(payload).post("/api/questions/" + questionId + "/comments").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** Runs {@code action} with every article pre-moderated, so the comments it posts are held for review. */
    public static <T> T withPremoderation(jakarta.persistence.EntityManager em, java.util.function.Supplier<T> action) {
        try {
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery("update article set premoderation = true").executeUpdate());
            return action.get();
        } finally {
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery("update article set premoderation = false").executeUpdate());
        }
    }
}
