package org.agora.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.agora.testing.ScriptRun;
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
        assertThat(ScriptRun.repo().resolve("target/quarkus-app/quarkus-run.jar")).as("the packaged app").exists();
        ScriptRun run = ScriptRun.of("scripts/browser-check.sh", "browser", TIMEOUT_MINUTES);
        List<String> failures = run.lines().stream().filter(l -> l.contains("FAIL") || l.startsWith("Error:")).toList();
        assertThat(run.exitCode()).as("browser-check.sh failed:\n" + String.join("\n", failures)).isZero();
    }
}
