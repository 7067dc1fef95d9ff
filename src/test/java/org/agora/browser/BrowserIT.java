package org.agora.browser;

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
 * The browser tests (frontend/tests, run by scripts/browser-check.sh after {@code package}): Debian's Chromium
 * through playwright-core against the packaged jar with its own PostgreSQL and a real Keycloak. Journeys (sign-in
 * through the Keycloak page, answering, a reply arriving live in a second context, voting, reacting, keyboard-only
 * use, 360 px, no JavaScript), axe on every page type signed in and out in light and dark, screenshots in
 * target/browser/screenshots, and the Nu Html Checker over every page type. Fails on the script's exit code.
 */
class BrowserIT {

    private static final long TIMEOUT_MINUTES = 10;

    @Test
    void journeysAccessibilityAndHtmlValidityInARealBrowser() throws Exception {
        Path repo = repo();
        assertThat(repo.resolve("target/quarkus-app/quarkus-run.jar")).as("the packaged app").exists();
        Process process = new ProcessBuilder("bash", repo.resolve("scripts/browser-check.sh").toString())
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.out.println("[browser] " + line);
                    if (line.contains("FAIL") || line.startsWith("Error:")) {
                        failures.add(line);
                    }
                }
            } catch (IOException e) {
                // the script is gone
            }
        });
        pump.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            throw new AssertionError("browser-check.sh did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        pump.join(5000);
        assertThat(process.exitValue()).as("browser-check.sh failed:\n" + String.join("\n", failures)).isZero();
    }

    /** The repository root: the tests run from it, or from a folder below. */
    private static Path repo() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/browser-check.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No scripts/browser-check.sh above " + Path.of("").toAbsolutePath());
    }
}
