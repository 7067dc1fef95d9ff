package org.agora.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs scripts/scale-out-check.sh against the packaged jar (failsafe runs *IT after {@code package}): two instances
 * behind HAProxy on one PostgreSQL and one Keycloak; a shared session, failover without losing acknowledged writes,
 * and a rolling restart without a failed request. The script prints its measurements; they end up in this test's
 * output.
 */
class ScaleOutIT {

    private static final long TIMEOUT_MINUTES = 8;

    @Test
    void twoInstancesBehindABalancerShareSessionsSurviveAKillAndRollWithoutErrors() throws Exception {
        Path repo = DeployFiles.repo();
        assertThat(repo.resolve("target/quarkus-app/quarkus-run.jar")).as("the packaged app").exists();
        Process process = new ProcessBuilder("bash", repo.resolve("scripts/scale-out-check.sh").toString())
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.out.println("[scale-out] " + line);
                    output.add(line);
                }
            } catch (IOException e) {
                // the script is gone
            }
        });
        pump.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            // TERM first: the script's trap stops the servers and instances it started
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            throw new AssertionError("scale-out-check.sh did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        pump.join(5000);
        List<String> summary = output.stream().filter(l -> l.startsWith("scale-out: ")).toList();
        assertThat(process.exitValue()).as("scale-out-check.sh failed:\n" + String.join("\n", summary)).isZero();
        assertThat(summary).anyMatch(l -> l.startsWith("scale-out: PASSED"));
        Files.writeString(repo.resolve("target/scale-out/summary.txt"), String.join("\n", summary) + "\n");
    }
}
