package org.agora.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.agora.testing.AgoraStack;
import org.junit.jupiter.api.Test;

/**
 * Every JSON API route (and the Atom feeds) must appear in the OpenAPI document with its method, a summary and its
 * responses. The routes are found by reading the compiled resource classes, so a new endpoint that the document
 * leaves out (hidden, excluded from the scan) fails this test.
 */
@QuarkusTest
@WithTestResource(AgoraStack.class)
class OpenApiCompletenessTest {

    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(
            GET.class, "get", POST.class, "post", PUT.class, "put", DELETE.class, "delete", PATCH.class, "patch");

    /** "get /api/comments/{id}" for every resource method of the app. */
    static TreeSet<String> routes() throws IOException {
        java.nio.file.Path classes = Paths.get("target/classes");
        TreeSet<String> routes = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("org/agora"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, OpenApiCompletenessTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                Path classPath = type.getAnnotation(Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    for (var verb : METHODS.entrySet()) {
                        if (method.isAnnotationPresent(verb.getKey())) {
                            Path methodPath = method.getAnnotation(Path.class);
                            String path = ("/" + classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()))
                                    .replaceAll("/+", "/");
                            if (path.length() > 1 && path.endsWith("/")) {
                                path = path.substring(0, path.length() - 1);
                            }
                            routes.add(verb.getValue() + " " + path);
                        }
                    }
                }
            }
        }
        return routes;
    }

    @Test
    void everyApiRouteIsDocumented() throws IOException {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<String> required = routes().stream()
                .filter(r -> r.contains(" /api/") || r.endsWith("feed.atom"))
                .toList();
        assertThat(required).as("the route scan finds the API").contains(
                "get /api/me/notifications", "post /api/me/notifications/read", "put /api/questions/{id}/follow",
                "delete /api/questions/{id}/follow", "get /api/search", "get /api/me/export", "delete /api/me",
                "get /articles/{slug}/feed.atom", "get /articles/{slug}/questions/{id}/feed.atom");
        for (String route : required) {
            String verb = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            assertThat(paths).as("OpenAPI paths").containsKey(path);
            @SuppressWarnings("unchecked")
            Map<String, Object> operation = (Map<String, Object>) paths.get(path).get(verb);
            assertThat(operation).as(route + " is documented").isNotNull();
            assertThat((String) operation.get("summary")).as(route + " has a summary").isNotBlank();
            assertThat(operation).as(route + " documents its responses").containsKey("responses");
        }
    }
}
