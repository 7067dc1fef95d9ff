package org.agora.seminar;

import static org.agora.testing.Api.as;

import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agora.testing.Api;

/** Seminars made through the API, as a tutor would: create, join, post. */
final class SeminarFixtures {

    record Made(long id, String code) {
    }

    private SeminarFixtures() {
    }

    static Made create(String tutor, String name, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(settings);
        body.put("name", name);
        body.putIfAbsent("articles", List.of(Api.SEED_SLUG));
        JsonPath created = as(tutor).body(body).post("/api/seminars").then().statusCode(201).extract().jsonPath();
        return new Made(created.getLong("id"), created.getString("joinCode"));
    }

    static void join(String user, String code) {
        as(user).body(Map.of("code", code)).post("/api/seminars/join").then().statusCode(200);
    }

    static long post(String user, long seminar, long question, String body, String stance) {
        Map<String, Object> input = new HashMap<>();
        input.put("body", body);
        if (stance != null) {
            input.put("stance", stance);
        }
        return as(user).body(input).post("/api/seminars/" + seminar + "/questions/" + question + "/comments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static long reply(String user, long seminar, long question, long parent, String body) {
        return as(user).body(Map.of("body", body, "parentId", parent))
                .post("/api/seminars/" + seminar + "/questions/" + question + "/comments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
