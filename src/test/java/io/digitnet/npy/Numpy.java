package io.digitnet.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short script with the real numpy ({@code python3}); tests that need it are skipped where it is missing,
 * except under {@code CI=true} (set by {@code .ci/run}, which installs Debian's {@code python3-numpy}), where a
 * missing numpy is a failure: a comparison with numpy that silently never runs proves nothing.
 */
public final class Numpy {

    private static final String MISSING = "python3 with numpy is not installed (Debian: apt-get install -y "
            + "python3-numpy)";

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
        assumeAvailable(available(), System.getenv("CI"));
    }

    /** Skips the test when numpy is missing, or fails it when {@code ci} is "true". */
    static void assumeAvailable(boolean available, String ci) {
        if (available) {
            return;
        }
        if ("true".equalsIgnoreCase(ci)) {
            fail(MISSING + ": under CI=true this is a failure, not a skip (.ci/run installs it)");
        }
        abort(MISSING);
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
