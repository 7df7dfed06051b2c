package io.digitnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BlasKernelsTests {

    @Test
    void avx512CpusGetTheSkylakeXKernels() {
        // the flags of the Xeon (family 6, model 207) that OpenBLAS 0.3.19 took for a "Prescott"
        Set<String> xeon = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512cd", "avx512bw",
                "avx512vl", "avx512_bf16", "amx_tile");

        assertThat(BlasKernels.forCpuFlags(xeon)).isEqualTo("SkylakeX");
    }

    @Test
    void avx2CpusGetTheHaswellKernels() {
        assertThat(BlasKernels.forCpuFlags(Set.of("sse4_2", "avx", "avx2", "fma"))).isEqualTo("Haswell");
        // AVX-512F alone is not enough for the SkylakeX kernels (they use BW, DQ and VL too)
        assertThat(BlasKernels.forCpuFlags(Set.of("avx2", "fma", "avx512f"))).isEqualTo("Haswell");
    }

    @Test
    void olderCpusAreLeftToOpenBlasItself() {
        assertThat(BlasKernels.forCpuFlags(Set.of("sse4_2", "avx"))).isNull();
        assertThat(BlasKernels.forCpuFlags(Set.of())).isNull();
    }

    @Test
    void theLoadedOpenBlasRunsTheChosenKernels() {
        // BlasSelectionSession chose them when the launcher started, before any test loaded ND4J
        assumeTrue(BlasKernels.selected() != null, "no kernels chosen here (not Linux, set by the user, or old CPU)");

        assertThat(BlasKernels.active()).isEqualToIgnoringCase(BlasKernels.selected());
    }

    @Test
    void theChoiceFollowsThisMachinesFlags() {
        assumeTrue(System.getenv(BlasKernels.VARIABLE) == null, "set by the user");
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));

        assertThat(BlasKernels.selected()).isEqualTo(BlasKernels.forCpuFlags(BlasKernels.cpuFlags()));
    }
}
