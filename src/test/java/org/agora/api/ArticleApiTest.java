package org.agora.api;

import static org.agora.testing.Api.SEED_SLUG;
import static org.agora.testing.Api.anonymous;
import static org.agora.testing.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.agora.testing.AgoraStack;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AgoraStack.class)
class ArticleApiTest {

    @Test
    void listsTheSeedArticle() {
        anonymous().get("/api/articles").then()
                .statusCode(200)
                .body("slug", hasItem(SEED_SLUG))
                .body("find { it.slug == '" + SEED_SLUG + "' }.title", equalTo("Why is NATO expanding its reach to the Asia-Pacific region?"));
    }

    @Test
    void showsTheArticleWithItsQuestionsAndAllSevenReactions() {
        anonymous().get("/api/articles/" + SEED_SLUG).then()
                .statusCode(200)
                .body("slug", equalTo(SEED_SLUG))
                .body("questions.label", hasItem("Why now?"))
                .body("questions.find { it.label == 'Why now?' }.text", equalTo("Why is this happening now?"))
                .body("questions.text", hasItem("Why are these four leaders becoming regular features at a summit for European and North American countries?"))
                .body("questions[0].id", notNullValue())
                .body("questions[0].score", notNullValue())
                .body("questions[0].commentCount", notNullValue())
                .body("reactions.keySet()", contains("like", "dislike", "love", "funny", "angry", "sad", "wow"))
                .body("myReaction", nullValue());
    }

    @Test
    void unknownArticleIsAProblem404() {
        anonymous().get("/api/articles/no-such-article").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", notNullValue());
    }

    @Test
    void reactingNeedsSignIn() {
        anonymous().body("{\"kind\":\"love\"}").put("/api/articles/" + SEED_SLUG + "/reaction").then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void oneReactionPerPersonChangeableAndWithdrawable() {
        as("carol").delete("/api/articles/" + SEED_SLUG + "/reaction").then().statusCode(200);
        int loveBefore = anonymous().get("/api/articles/" + SEED_SLUG).then().extract().path("reactions.love");
        int wowBefore = anonymous().get("/api/articles/" + SEED_SLUG).then().extract().path("reactions.wow");

        as("carol").body("{\"kind\":\"love\"}").put("/api/articles/" + SEED_SLUG + "/reaction").then()
                .statusCode(200)
                .body("myReaction", equalTo("love"))
                .body("reactions.love", equalTo(loveBefore + 1));
        // the same reaction again changes nothing
        as("carol").body("{\"kind\":\"love\"}").put("/api/articles/" + SEED_SLUG + "/reaction").then()
                .statusCode(200)
                .body("reactions.love", equalTo(loveBefore + 1));
        as("carol").body("{\"kind\":\"wow\"}").put("/api/articles/" + SEED_SLUG + "/reaction").then()
                .statusCode(200)
                .body("myReaction", equalTo("wow"))
                .body("reactions.love", equalTo(loveBefore))
                .body("reactions.wow", equalTo(wowBefore + 1));
        as("carol").get("/api/articles/" + SEED_SLUG).then().body("myReaction", equalTo("wow"));
        as("carol").delete("/api/articles/" + SEED_SLUG + "/reaction").then()
                .statusCode(200)
                .body("myReaction", nullValue())
                .body("reactions.wow", equalTo(wowBefore));
    }

    @Test
    void anInvalidBearerTokenIsA401Problem() {
        io.restassured.RestAssured.given().auth().oauth2("not.a.token").accept("application/json")
                .get("/api/articles/" + SEED_SLUG).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("status", equalTo(401));
        String forged = org.agora.testing.Api.token("carol");
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA"; // same claims, broken signature
        io.restassured.RestAssured.given().auth().oauth2(forged).contentType("application/json").body("{\"kind\":\"love\"}")
                .put("/api/articles/" + SEED_SLUG + "/reaction").then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void unknownReactionKindNamesTheField() {
        as("carol").body("{\"kind\":\"meh\"}").put("/api/articles/" + SEED_SLUG + "/reaction").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("kind"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        as("carol").body("{\"kind\":").put("/api/articles/" + SEED_SLUG + "/reaction").then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void openApiIsServed() {
        anonymous().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths.keySet()", hasItem("/api/articles/{slug}/reaction"));
    }
}
