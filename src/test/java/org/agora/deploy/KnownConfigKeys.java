package org.agora.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agora.AgoraConfig;

/**
 * The configuration keys the app knows, as environment variable names, so that deployment files (docker/compose.yaml,
 * the k8s ConfigMap and Deployment) can be checked against them and a typo or a renamed key fails the build:
 * <ul>
 *   <li>every Quarkus key of the extensions on the classpath (each extension ships its config model in
 *       {@code META-INF/quarkus-config-doc/quarkus-config-model.json}),</li>
 *   <li>Agora's own keys ({@link AgoraConfig}),</li>
 *   <li>the variables application.properties reads with {@code ${NAME}} (the production secrets),</li>
 *   <li>the few variables the container image's launcher reads ({@link #IMAGE_VARIABLES}).</li>
 * </ul>
 */
final class KnownConfigKeys {

    /** Read by run-java.sh of the UBI OpenJDK runtime image, not by the app. */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS_APPEND", "JAVA_APP_JAR");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static Set<String> cached;

    private KnownConfigKeys() {
    }

    static synchronized Set<String> environmentVariables() {
        if (cached == null) {
            Set<String> keys = new TreeSet<>(IMAGE_VARIABLES);
            quarkusKeys(keys);
            agoraKeys("AGORA", AgoraConfig.class, keys);
            propertiesReferences(keys);
            cached = Collections.unmodifiableSet(keys);
        }
        return cached;
    }

    private static void quarkusKeys(Set<String> keys) {
        ObjectMapper json = new ObjectMapper();
        try {
            var models = KnownConfigKeys.class.getClassLoader().getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
            int count = 0;
            while (models.hasMoreElements()) {
                URL model = models.nextElement();
                try (InputStream in = model.openStream()) {
                    collect(json.readTree(in), keys);
                }
                count++;
            }
            if (count < 5) {
                throw new IllegalStateException("Only " + count + " Quarkus config models on the classpath; cannot check keys");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, Set<String> keys) {
        if (node.isObject()) {
            JsonNode env = node.get("environmentVariable");
            if (env != null && env.isTextual()) {
                keys.add(env.asText());
            }
            node.forEach(child -> collect(child, keys));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, keys));
        }
    }

    /** agora.seed.enabled -> AGORA_SEED_ENABLED, from the @ConfigMapping interface's methods. */
    private static void agoraKeys(String prefix, Class<?> mapping, Set<String> keys) {
        for (Method method : mapping.getDeclaredMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = prefix + "_" + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == AgoraConfig.class) {
                agoraKeys(name, type, keys);
            } else {
                keys.add(name);
            }
        }
    }

    private static void propertiesReferences(Set<String> keys) {
        Path properties = DeployFiles.repo().resolve("src/main/resources/application.properties");
        try {
            Matcher m = REFERENCE.matcher(Files.readString(properties));
            while (m.find()) {
                keys.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
