package io.digitnet.npy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The numpy comparisons never pass silently on CI: a missing numpy skips them locally and fails them there. */
class NumpyTests {

    @Test
    void aMissingNumpyIsASkipLocallyAndAFailureUnderCi() {
        assertThatThrownBy(() -> Numpy.assumeAvailable(false, null)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("python3-numpy");
        assertThatThrownBy(() -> Numpy.assumeAvailable(false, "true")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("CI=true");
        assertThatCode(() -> Numpy.assumeAvailable(true, "true")).doesNotThrowAnyException();
    }
}
