package org.agora.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployment files are: the repository root (tests run from it, or from a folder below). */
final class DeployFiles {

    private DeployFiles() {
    }

    static Path repo() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s")) && Files.isDirectory(dir.resolve("docker"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No k8s/ and docker/ above " + Path.of("").toAbsolutePath());
    }
}
