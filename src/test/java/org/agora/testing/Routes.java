package org.agora.testing;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every JAX-RS route the app serves, found by reflection over the compiled classes ({@code target/classes}), so a
 * test that must cover every route notices a new one. A route is written {@code "POST /comments/{id}/edit"}.
 */
public final class Routes {

    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(
            GET.class, "GET", POST.class, "POST", PUT.class, "PUT", PATCH.class, "PATCH", DELETE.class, "DELETE");

    private Routes() {
    }

    public static List<String> all() {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        TreeSet<String> routes = new TreeSet<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.startsWith("org.agora.") || name.contains("$")) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    for (var verb : METHODS.entrySet()) {
                        if (method.isAnnotationPresent(verb.getKey())) {
                            Path sub = method.getAnnotation(Path.class);
                            routes.add(verb.getValue() + " " + join(base.value(), sub == null ? "" : sub.value()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (routes.size() < 10) {
            throw new IllegalStateException("Found only " + routes.size() + " routes under " + classes.toAbsolutePath());
        }
        return List.copyOf(routes);
    }

    static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
