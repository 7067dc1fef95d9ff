package org.agora.testing;

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

/**
 * Runs one of the repository's check scripts (scripts/*.sh) to the end, echoing its output with a prefix so it lands
 * in the test's output, and gives back the exit code and every line. A script that overruns its time is stopped with
 * TERM first, so its trap can stop the servers it started.
 */
public record ScriptRun(int exitCode, List<String> lines) {

    public static ScriptRun of(String script, String prefix, long timeoutMinutes, String... arguments)
            throws IOException, InterruptedException {
        Path repo = repo();
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve(script).toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.out.println("[" + prefix + "] " + line);
                    output.add(line);
                }
            } catch (IOException e) {
                // the script is gone
            }
        });
        pump.start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            throw new AssertionError(script + " did not finish in " + timeoutMinutes + " minutes");
        }
        pump.join(5000);
        return new ScriptRun(process.exitValue(), List.copyOf(output));
    }

    /** The repository root: the tests run from it, or from a folder below. */
    public static Path repo() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/run.sh")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository (scripts/run.sh) above " + Path.of("").toAbsolutePath());
    }
}
