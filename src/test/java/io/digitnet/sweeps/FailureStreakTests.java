package io.digitnet.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class FailureStreakTests {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aFailureOnceASecondIsOneWarningAMinuteThenOneLineWhenItWorksAgain(CapturedOutput output) {
        TestClock clock = new TestClock();
        FailureStreak streak = new FailureStreak(LoggerFactory.getLogger("digitnet.test.streak"), "Listing the sweeps",
                Duration.ofMinutes(1), clock);

        for (int i = 0; i < 59; i++) {
            streak.failed(new IllegalStateException("database unreachable"));
            clock.now = clock.now.plusSeconds(1);
        }
        assertThat(warnings(output)).isEqualTo(1);
        assertThat(output.getOut()).contains("Listing the sweeps failed: database unreachable (1 time(s) in a row");

        clock.now = clock.now.plusSeconds(1); // a minute after the first warning
        streak.failed(new IllegalStateException("database unreachable"));
        assertThat(warnings(output)).isEqualTo(2);
        assertThat(output.getOut()).contains("(60 time(s) in a row");

        streak.succeeded();
        streak.succeeded();
        assertThat(output.getOut()).containsOnlyOnce("Listing the sweeps works again, after 60 failed tries");

        streak.failed(new IllegalStateException("gone again")); // a new streak warns at once
        assertThat(output.getOut()).contains("Listing the sweeps failed: gone again (1 time(s) in a row");
    }

    private static long warnings(CapturedOutput output) {
        return output.getOut().lines().filter(line -> line.contains("WARN") && line.contains("Listing the sweeps"))
                .count();
    }
}
