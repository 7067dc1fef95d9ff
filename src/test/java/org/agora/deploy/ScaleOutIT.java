package org.agora.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agora.testing.ScriptRun;
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
        ScriptRun run = ScriptRun.of("scripts/scale-out-check.sh", "scale-out", TIMEOUT_MINUTES);
        List<String> summary = run.lines().stream().filter(l -> l.startsWith("scale-out: ")).toList();
        assertThat(run.exitCode()).as("scale-out-check.sh failed:\n" + String.join("\n", summary)).isZero();
        assertThat(summary).anyMatch(l -> l.startsWith("scale-out: PASSED"));
        Files.writeString(repo.resolve("target/scale-out/summary.txt"), String.join("\n", summary) + "\n");
    }
}
