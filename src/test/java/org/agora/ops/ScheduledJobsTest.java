package org.agora.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.scheduler.Scheduled;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every scheduled job of the app skips its run while the application is not running. A replica that is shutting down
 * keeps its scheduler for the shutdown delay, after Hibernate has closed: a retry of Keycloak deletions that fired
 * then failed with "Unable to find an EntityManagerFactory" and was logged as an error in every benchmark run.
 */
class ScheduledJobsTest {

    @Test
    void everyScheduledJobSkipsWhileTheApplicationIsNotRunning() throws Exception {
        List<String> jobs = new ArrayList<>();
        for (Class<?> type : appClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                Scheduled scheduled = method.getAnnotation(Scheduled.class);
                if (scheduled != null) {
                    jobs.add(type.getSimpleName() + "#" + method.getName());
                    assertEquals(Scheduled.ApplicationNotRunning.class, scheduled.skipExecutionIf(),
                            type.getName() + "#" + method.getName() + " must skip while the application is not running");
                }
            }
        }
        // the digest and the Keycloak deletion retry, at least: a scan that found nothing would prove nothing
        assertTrue(jobs.contains("DigestService#onSchedule") && jobs.contains("KeycloakDeletions#scheduledRetry"),
                "scheduled jobs found: " + jobs);
    }

    /** The app's own classes, from the compiled main sources (the working directory is the project's). */
    private static List<Class<?>> appClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of("target", "classes");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("org/agora"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name, false, ScheduledJobsTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
