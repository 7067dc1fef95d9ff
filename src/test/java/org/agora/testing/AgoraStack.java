package org.agora.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The real servers the integration tests run against: a throwaway PostgreSQL cluster and a Keycloak with the demo
 * realm imported fresh, both on free ports, started with {@code scripts/postgres.sh} and {@code scripts/keycloak.sh}
 * (the same scripts as {@code scripts/run.sh}). State lives in {@code target/test-stack/}.
 *
 * <p>Set {@code AGORA_TEST_JDBC_URL} (and optionally {@code AGORA_TEST_JDBC_USERNAME} / {@code AGORA_TEST_JDBC_PASSWORD})
 * to use an existing database, and {@code AGORA_TEST_OIDC_URL} (a realm URL, e.g.
 * {@code http://localhost:8180/realms/agora}, with the demo realm imported) to use an existing Keycloak.
 *
 * <p>Use it with {@code @WithTestResource(AgoraStack.class)}. The URLs are also published as system properties, so
 * {@link #keycloakUrl()}, {@link #realmUrl()} and {@link #jdbcUrl()} work from any class loader.
 */
public class AgoraStack implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "agora";
    public static final String CLIENT_ID = "agora-web";
    /** The demo realm's published DEMO secret (docker/keycloak/agora-realm.json); never a production secret. */
    public static final String CLIENT_SECRET = "agora-demo-secret-change-me";

    private static final String PROPERTY_REALM_URL = "agora-test.realm-url";
    private static final String PROPERTY_JDBC_URL = "agora-test.jdbc-url";
    private static final int LOG_TAIL_LINES = 60;

    private volatile Path root;
    private volatile Path postgresDir;
    private volatile Path keycloakDir;
    // set before a start is attempted and cleared by the first stop, so the shutdown hook may run at any moment
    private final AtomicBoolean postgresStarted = new AtomicBoolean();
    private final AtomicBoolean keycloakStarted = new AtomicBoolean();
    private volatile Thread shutdownHook;

    /** The Keycloak base URL, e.g. {@code http://localhost:43121}. */
    public static String keycloakUrl() {
        String realm = realmUrl();
        int at = realm.indexOf("/realms/");
        return at < 0 ? realm : realm.substring(0, at);
    }

    /** The demo realm's URL (the OIDC issuer), e.g. {@code http://localhost:43121/realms/agora}. */
    public static String realmUrl() {
        return published(PROPERTY_REALM_URL, "AGORA_TEST_OIDC_URL");
    }

    /** The JDBC URL of the test database. */
    public static String jdbcUrl() {
        return published(PROPERTY_JDBC_URL, "AGORA_TEST_JDBC_URL");
    }

    private static String published(String property, String envVar) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(envVar);
        }
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The Agora test stack is not running: annotate the test class with "
                    + "@WithTestResource(AgoraStack.class), or set " + envVar);
        }
        return value;
    }

    @Override
    public Map<String, String> start() {
        root = findRepoRoot();
        Path stackDir = root.resolve("target/test-stack");
        shutdownHook = new Thread(this::stopQuietly, "agora-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            int[] ports = freePorts(3); // Keycloak HTTP, Keycloak management, PostgreSQL
            String realmUrl = env("AGORA_TEST_OIDC_URL");
            if (realmUrl == null) {
                removeOrphanKeycloaks(stackDir);
                keycloakDir = stackDir.resolve("keycloak-" + ports[0]);
                deleteRecursively(keycloakDir);
                Files.createDirectories(keycloakDir);
                Files.writeString(keycloakDir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
                script(Duration.ofMinutes(20), "keycloak.sh", "install");
                keycloakStarted.set(true);
                script(Duration.ofMinutes(1), "keycloak.sh", "start",
                        Integer.toString(ports[0]), Integer.toString(ports[1]), keycloakDir.toString());
                realmUrl = "http://localhost:" + ports[0] + "/realms/" + REALM;
            } else {
                log("using the Keycloak realm at AGORA_TEST_OIDC_URL=" + realmUrl);
            }

            // PostgreSQL starts in about a second, while Keycloak is still booting.
            String jdbcUrl = env("AGORA_TEST_JDBC_URL");
            if (jdbcUrl == null) {
                postgresDir = stackDir.resolve("postgres");
                script(Duration.ofMinutes(1), "postgres.sh", "stop", postgresDir.toString()); // a leftover of an aborted run
                deleteRecursively(postgresDir);
                postgresStarted.set(true);
                jdbcUrl = lastLine(script(Duration.ofMinutes(2), "postgres.sh", "start", postgresDir.toString(), Integer.toString(ports[2])));
            } else {
                log("using the database at AGORA_TEST_JDBC_URL=" + jdbcUrl);
            }

            if (keycloakStarted.get()) {
                script(Duration.ofMinutes(5), "keycloak.sh", "wait", Integer.toString(ports[1]), "240",
                        keycloakDir.toString());
            }

            System.setProperty(PROPERTY_REALM_URL, realmUrl);
            System.setProperty(PROPERTY_JDBC_URL, jdbcUrl);
            if (!keycloakStarted.get()) {
                // a Keycloak that imported an older realm file lacks the service account account deletion uses
                KeycloakUsers.ensureServiceAccountsOf(root.resolve("docker/keycloak/agora-realm.json"));
            }
            log("ready: database " + jdbcUrl + ", Keycloak realm " + realmUrl);
            return Map.of(
                    "quarkus.datasource.jdbc.url", jdbcUrl,
                    "quarkus.datasource.username", envOr("AGORA_TEST_JDBC_USERNAME", "postgres"),
                    // the throwaway cluster trusts local connections, so any password works
                    "quarkus.datasource.password", envOr("AGORA_TEST_JDBC_PASSWORD", "postgres"),
                    "quarkus.oidc.auth-server-url", realmUrl,
                    "quarkus.oidc.client-id", CLIENT_ID,
                    "quarkus.oidc.credentials.secret", CLIENT_SECRET);
        } catch (IOException | RuntimeException e) {
            stopQuietly();
            removeShutdownHook();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not start the Agora test stack: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public void stop() {
        stopQuietly();
        removeShutdownHook();
    }

    private void stopQuietly() {
        if (keycloakStarted.getAndSet(false)) {
            stopWith("keycloak.sh", keycloakDir);
        }
        if (postgresStarted.getAndSet(false)) {
            stopWith("postgres.sh", postgresDir);
        }
    }

    private void stopWith(String script, Path dir) {
        try {
            script(Duration.ofMinutes(1), script, "stop", dir.toString());
        } catch (RuntimeException e) {
            log("could not stop (" + script + " stop " + dir + "): " + e.getMessage());
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: nothing to remove
            }
            shutdownHook = null;
        }
    }

    /** Stops Keycloaks left behind by test JVMs that died without their shutdown hook (kill -9), then deletes their state. */
    private void removeOrphanKeycloaks(Path stackDir) throws IOException {
        if (!Files.isDirectory(stackDir)) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(stackDir)) {
            dirs = list.filter(p -> p.getFileName().toString().startsWith("keycloak-")).toList();
        }
        for (Path dir : dirs) {
            if (ownerIsAlive(dir)) {
                continue; // this JVM's or another running test JVM's
            }
            stopWith("keycloak.sh", dir);
            deleteRecursively(dir);
        }
    }

    private static boolean ownerIsAlive(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("owner.pid")).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Runs scripts/NAME with bash; streams stderr to the test log, returns stdout; fails with the output's tail. */
    private String script(Duration timeout, String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(root.resolve("scripts").resolve(name).toString());
        command.addAll(List.of(args));
        String label = name.replace(".sh", "") + " " + args[0];
        Deque<String> tail = new ArrayDeque<>();
        StringBuilder stdout = new StringBuilder();
        Process process;
        try {
            process = new ProcessBuilder(command).directory(root.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
        }
        Thread out = pump(process.getInputStream(), label, tail, stdout);
        Thread err = pump(process.getErrorStream(), label, tail, null);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(failure(command, "timed out after " + timeout.toSeconds() + " s", tail));
            }
            out.join(5000);
            err.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(failure(command, "failed with exit code " + process.exitValue(), tail));
        }
        return stdout.toString();
    }

    private static Thread pump(InputStream stream, String label, Deque<String> tail, StringBuilder capture) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log("[" + label + "] " + line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > LOG_TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                    if (capture != null) {
                        capture.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process is gone; what we have read is all there is
            }
        }, "agora-stack-" + label);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String failure(List<String> command, String what, Deque<String> tail) {
        StringBuilder message = new StringBuilder("Agora test stack: `").append(String.join(" ", command))
                .append("` ").append(what).append(". Its last output:\n");
        synchronized (tail) {
            tail.forEach(line -> message.append("    ").append(line).append('\n'));
        }
        return message.toString();
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        if (!last.startsWith("jdbc:")) {
            throw new IllegalStateException("postgres.sh did not print a JDBC URL, but: " + output);
        }
        return last;
    }

    private static Path findRepoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("scripts/keycloak.sh"))
                    && Files.isRegularFile(candidate.resolve("scripts/postgres.sh"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find scripts/keycloak.sh and scripts/postgres.sh in " + dir
                + " or its parents; run the tests from the Agora checkout");
    }

    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static String envOr(String name, String fallback) {
        String value = env(name);
        return value == null ? fallback : value;
    }

    private static void log(String line) {
        System.out.println("[agora-stack] " + line);
    }
}
