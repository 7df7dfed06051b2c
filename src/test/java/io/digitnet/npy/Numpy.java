package io.digitnet.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short script with the real numpy ({@code python3}); tests that need it are skipped where it is missing. */
public final class Numpy {

    private Numpy() {
    }

    public static boolean available() {
        try {
            return run("import numpy") != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static void assumeAvailable() {
        assumeTrue(available(), "python3 with numpy is not installed");
    }

    /** Runs the script with the arguments in sys.argv[1:], returns its stdout; fails on a non-zero exit. */
    public static String run(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            if (process.exitValue() != 0) {
                throw new IllegalStateException("python3 failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("python3 cannot be started", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
