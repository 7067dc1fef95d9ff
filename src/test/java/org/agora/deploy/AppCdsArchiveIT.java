package org.agora.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agora.testing.ScriptRun;
import org.junit.jupiter.api.Test;

/**
 * The image's AppCDS archive (docker/Dockerfile runs the same two commands on the packaged jar, failsafe runs *IT
 * after {@code package}): scripts/app-cds.sh trains it in a run through the whole start with no database and no
 * Keycloak, and {@code --check} starts the app from it with {@code -Xshare:on}, so an archive the JVM can't map, or
 * a training run that stopped early, fails here rather than as a slow start.
 */
class AppCdsArchiveIT {

    private static final long TIMEOUT_MINUTES = 3;
    private static final Pattern SHARED = Pattern.compile("app-cds: (\\d+) of the (\\d+) classes loaded by the end of the start came from the archive");
    /** Quarkus' own archive, which stops after static init, holds 42 % of a start's classes; this one about 75 %. */
    private static final int MIN_SHARED_PERCENT = 65;

    @Test
    void aTrainingRunWithoutDatabaseOrKeycloakArchivesMostOfTheStart() throws Exception {
        Path archive = DeployFiles.repo().resolve("target/quarkus-app/app-cds.jsa");
        Files.deleteIfExists(archive);

        ScriptRun training = ScriptRun.of("scripts/app-cds.sh", "app-cds", TIMEOUT_MINUTES);
        assertThat(training.exitCode()).as("scripts/app-cds.sh failed").isZero();
        assertThat(archive).exists();
        assertThat(Files.size(archive)).as("archive size").isGreaterThan(40L << 20);

        ScriptRun check = ScriptRun.of("scripts/app-cds.sh", "app-cds check", TIMEOUT_MINUTES, "--check");
        assertThat(check.exitCode()).as("scripts/app-cds.sh --check failed").isZero();
        Matcher shared = check.lines().stream().map(SHARED::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("no class count in the check's output"));
        long fromArchive = Long.parseLong(shared.group(1));
        long loaded = Long.parseLong(shared.group(2));
        assertThat(fromArchive * 100 / loaded).as("%% of the start's %d classes mapped from the archive", loaded)
                .isGreaterThanOrEqualTo(MIN_SHARED_PERCENT);
    }
}
