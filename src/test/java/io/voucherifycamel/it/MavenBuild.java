package io.voucherifycamel.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's Maven wrapper from a test, for builds the main build does not make: the native
 * profile's code as a JVM jar (NativeBuildIT), StartupBench's floor applications. Online, as a user's
 * Maven: what the main build already resolved is taken from the local repository.
 */
public final class MavenBuild {

    private MavenBuild() {
    }

    /** Runs {@code ./mvnw -B -q <arguments>} in the project folder; fails with Maven's output if it fails. */
    public static void run(Path log, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of("mvnw").toAbsolutePath().toString(), "-B", "-q"));
        command.addAll(arguments);
        Process build = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(10, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new IllegalStateException("Maven still running after 10 minutes: " + command);
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException("Maven failed: " + command + "\n" + Files.readString(log));
        }
    }
}
