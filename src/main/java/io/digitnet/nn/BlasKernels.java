package io.digitnet.nn;

import com.sun.jna.NativeLibrary;
import com.sun.jna.platform.unix.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Loader;

/**
 * Chooses OpenBLAS's kernels for this CPU before ND4J loads the library. ND4J 1.0.0-M2.1 ships OpenBLAS 0.3.19,
 * whose CPU detection does not know CPUs newer than it (e.g. Xeon Sapphire and Emerald Rapids, family 6 models 143
 * and 207) and then falls back to its generic SSE3 kernels ("Prescott"). On such a Xeon the float32 products of one
 * training iteration ran three to four times slower with those than with its AVX-512 ("SkylakeX") kernels, and an
 * epoch of H=100 took 2.5× the CPU time.
 *
 * <p>OpenBLAS reads its choice from the environment variable {@value #VARIABLE} once, when it is loaded; a value the
 * process already has (set by the user, the Docker image) is left alone. {@link #select()} must run before anything
 * touches ND4J: the service's {@code main}, the tests' launcher session and the benchmarks call it first. Linux only
 * (it reads the CPU's flags from {@code /proc/cpuinfo}); elsewhere OpenBLAS detects the CPU itself.
 */
public final class BlasKernels {

    /** OpenBLAS's variable naming the kernels of a DYNAMIC_ARCH build, e.g. {@code SkylakeX} or {@code Haswell}. */
    public static final String VARIABLE = "OPENBLAS_CORETYPE";

    private static final Set<String> AVX512 = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final Set<String> AVX2 = Set.of("avx2", "fma");

    private static volatile String selected;
    private static volatile boolean done;

    private BlasKernels() {
    }

    /**
     * Sets {@value #VARIABLE} from the CPU's flags unless it is set already or OpenBLAS is loaded already (then it is
     * too late). Idempotent; cheap after the first call.
     *
     * @return the kernels this call chose, or null when it chose none
     */
    public static synchronized String select() {
        if (done) {
            return selected;
        }
        done = true;
        if (!isLinux() || System.getenv(VARIABLE) != null || openBlasLoaded()) {
            return null;
        }
        String core = forCpuFlags(cpuFlags());
        try {
            if (core != null && LibC.INSTANCE.setenv(VARIABLE, core, 0) == 0) {
                selected = core;
            }
        } catch (RuntimeException | LinkageError e) {
            // no JNA here (e.g. a noexec temp folder): OpenBLAS detects the CPU itself, slower where it fails
        }
        return selected;
    }

    /** What {@link #select()} chose, or null. */
    public static String selected() {
        return selected;
    }

    /**
     * The kernels for a CPU with these /proc/cpuinfo flags: {@code SkylakeX} with AVX-512 (F, CD, BW, DQ, VL: what
     * those kernels use), {@code Haswell} with AVX2 and FMA, else null (OpenBLAS's own detection).
     */
    static String forCpuFlags(Set<String> flags) {
        if (flags.containsAll(AVX512)) {
            return "SkylakeX";
        }
        if (flags.containsAll(AVX2)) {
            return "Haswell";
        }
        return null;
    }

    /**
     * The kernels the loaded OpenBLAS runs (its {@code openblas_get_corename()}), e.g. {@code SkylakeX}; loads ND4J's
     * OpenBLAS if nothing has yet. "unknown" when it cannot be asked.
     */
    public static String active() {
        try {
            Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
            String path = Loader.getLoadedLibraries().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("openblas_nolapack@"))
                    .map(java.util.Map.Entry::getValue)
                    .findFirst().orElse(null);
            if (path == null) {
                return "unknown";
            }
            return NativeLibrary.getInstance(path).getFunction("openblas_get_corename").invokeString(new Object[0],
                    false);
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    private static boolean openBlasLoaded() {
        return Loader.getLoadedLibraries().keySet().stream().anyMatch(name -> name.startsWith("openblas"));
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** The flags of the first processor in /proc/cpuinfo; empty when it cannot be read. */
    static Set<String> cpuFlags() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toUnmodifiableSet()))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }
}
