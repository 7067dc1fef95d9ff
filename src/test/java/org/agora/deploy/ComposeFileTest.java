package org.agora.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/ cannot be run here (no Docker engine), so it is kept correct by construction and checked by reading it:
 * the compose file only sets config keys the app knows, secrets are never written into it, every service is
 * health-checked, and the balancer balances exactly the app replicas.
 */
class ComposeFileTest {

    private static final Path DOCKER = DeployFiles.repo().resolve("docker");
    /** Settings whose values are secrets: they must come from the environment (${VAR}), never be written here. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|_KEY)$");
    private static final Pattern INTERPOLATED = Pattern.compile("^\\$\\{[A-Z0-9_]+(:[?-][^}]*)?}$");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        // SnakeYAML resolves the anchors and "<<" merge keys the file uses for the two replicas
        return new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    private static boolean isAgora(Map<String, Object> service) {
        return String.valueOf(service.get("image")).startsWith("ghcr.io/agora-edu/agora:");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        return env == null ? Map.of() : (Map<String, Object>) env;
    }

    @Test
    void everyConfigKeyTheComposeFileSetsIsOneTheAppKnows() throws IOException {
        Set<String> known = KnownConfigKeys.environmentVariables();
        Set<String> unknown = new TreeSet<>();
        services().forEach((name, service) -> {
            if (isAgora(service)) {
                environment(service).keySet().stream().filter(key -> !known.contains(key))
                        .forEach(key -> unknown.add(name + ": " + key));
            }
        });
        assertThat(unknown).as("settings the app does not know (typo, or a renamed key?)").isEmpty();
    }

    @Test
    void twoAppReplicasShareTheSecretsThatMakeThemStateless() throws IOException {
        List<Map<String, Object>> replicas = services().values().stream().filter(ComposeFileTest::isAgora).toList();
        assertThat(replicas).hasSizeGreaterThanOrEqualTo(2);
        for (Map<String, Object> replica : replicas) {
            assertThat(environment(replica)).containsKeys("AGORA_SESSION_SECRET", "AGORA_CSRF_SECRET",
                    "QUARKUS_OIDC_CREDENTIALS_SECRET", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_OIDC_AUTH_SERVER_URL",
                    "AGORA_KEYCLOAK_ADMIN_CLIENT_SECRET");
            assertThat(environment(replica)).isEqualTo(environment(replicas.get(0)));
            assertThat(replica.get("read_only")).as("read-only root filesystem").isEqualTo(true);
        }
    }

    @Test
    void secretsAreNeverWrittenIntoTheComposeFile() throws IOException {
        services().forEach((name, service) -> environment(service).forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches()) {
                assertThat(String.valueOf(value)).as(name + ": " + key + " must come from the environment")
                        .matches(INTERPOLATED);
            }
        }));
    }

    @Test
    void everyServiceIsHealthCheckedAndPinned() throws IOException {
        services().forEach((name, service) -> {
            assertThat(service).as(name + " has a health check").containsKey("healthcheck");
            String image = String.valueOf(service.get("image"));
            assertThat(image).as(name + " image").contains(":").doesNotEndWith(":latest");
        });
        assertThat(((Map<?, ?>) compose().get("volumes")).containsKey("pgdata")).as("the pgdata volume").isTrue();
    }

    @Test
    void theBalancerBalancesExactlyTheAppReplicas() throws IOException {
        String haproxy = Files.readString(DOCKER.resolve("haproxy/haproxy.cfg"));
        Set<String> servers = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*server\\s+(\\S+)\\s+(\\S+):8080\\s.*\\bcheck\\b").matcher(haproxy);
        while (m.find()) {
            servers.add(m.group(2));
        }
        Set<String> replicas = new TreeSet<>();
        services().forEach((name, service) -> {
            if (isAgora(service)) {
                replicas.add(name);
            }
        });
        assertThat(servers).isEqualTo(replicas);
        assertThat(haproxy).contains("balance roundrobin", "option httpchk GET /q/health/ready", "option redispatch")
                .doesNotContain("cookie ", "stick ");
    }

    @Test
    void haproxyAcceptsItsConfiguration() throws Exception {
        // haproxy is installed wherever the scale-out check runs (.ci/run); the compose service names do not resolve
        // here, which haproxy -c reports as a warning only (init-addr none)
        Process check = new ProcessBuilder("haproxy", "-c", "-f", DOCKER.resolve("haproxy/haproxy.cfg").toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("Configuration file is valid");
    }

    @Test
    void theImageRunsAsAnUnprivilegedUserOnAPinnedBase() throws IOException {
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).isNotEmpty().allSatisfy(from -> assertThat(from.split("\\s+")[1]).contains(":").doesNotContain(":latest"));
        String lastUser = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertThat(lastUser).isNotIn("USER root", "USER 0");
        assertThat(lines).anyMatch(l -> l.startsWith("ENTRYPOINT") || l.startsWith("CMD"));
    }

    /**
     * The image's launcher (run-java.sh) puts its own options before JAVA_OPTS_APPEND, among them a collector
     * (GC_CONTAINER_OPTIONS, -XX:+UseParallelGC unless the image sets it); a second collector in JAVA_OPTS_APPEND stops
     * the JVM before the app starts. This starts a JVM with the whole command line the launcher builds from the
     * Dockerfile's ENV lines, so an option the JVM refuses fails here rather than in a crash-looping pod.
     */
    @Test
    void theLaunchersJvmCommandLineStarts() throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        Matcher line = Pattern.compile("(?m)^ENV ([A-Z_]+)=\"?([^\"\n]*)\"?$").matcher(Files.readString(DOCKER.resolve("Dockerfile")));
        while (line.find()) {
            env.put(line.group(1), line.group(2));
        }
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAM=768m", "-XX:MaxRAMPercentage=" + env.getOrDefault("JAVA_MAX_MEM_RATIO", "80.0")));
        command.addAll(List.of(env.getOrDefault("GC_CONTAINER_OPTIONS", "-XX:+UseParallelGC").split("\\s+")));
        command.addAll(List.of("-XX:MinHeapFreeRatio=" + env.getOrDefault("GC_MIN_HEAP_FREE_RATIO", "10"),
                "-XX:MaxHeapFreeRatio=" + env.getOrDefault("GC_MAX_HEAP_FREE_RATIO", "20"), "-XX:GCTimeRatio=4",
                "-XX:AdaptiveSizePolicyWeight=90", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(List.of(env.getOrDefault("JAVA_OPTS_APPEND", "").trim().split("\\s+")));
        command.add("-version");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        env.forEach((name, value) -> {
            if (name.startsWith("MALLOC_")) {
                builder.environment().put(name, value);
            }
        });
        Process jvm = builder.start();
        String output = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jvm.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        assertThat(output).doesNotContain("Error occurred during initialization of VM");
    }
}
