package io.digitnet.sweeps.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.digitnet.sweeps.SweepNotFoundException;
import io.digitnet.sweeps.Sweeps;
import io.digitnet.sweeps.SweepsSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SweepEventStreamsTests {

    /** A sweep deleted between the controller's check and the stream's first snapshot: the stream's slot is freed. */
    @Test
    void aStreamWhoseSweepIsGoneKeepsNoSlot() {
        Sweeps sweeps = mock(Sweeps.class);
        when(sweeps.get("gone")).thenThrow(new SweepNotFoundException("gone"));
        SweepEventStreams streams = new SweepEventStreams(sweeps, new SweepsSettings(Path.of("unused"), 2,
                Duration.ofSeconds(1), 1000, 2, Duration.ofMinutes(30)));
        // with 2 slots, a third failed open would meet the limit if the earlier ones kept theirs
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> streams.open("gone")).isInstanceOf(SweepNotFoundException.class);
        }
    }
}
