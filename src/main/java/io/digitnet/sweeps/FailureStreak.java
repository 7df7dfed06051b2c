package io.digitnet.sweeps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Logs a step that fails again and again (the sweep feeder's look while the database is away, once a second) as a
 * streak, not as a line per try: the first failure at WARN, then a reminder at most every {@code remindEvery} with
 * the count, each try in between at DEBUG, and one INFO line when it works again.
 */
final class FailureStreak {

    private final Logger log;
    private final String what;
    private final Duration remindEvery;
    private final Clock clock;
    private int failures;
    private Instant lastWarned;

    FailureStreak(Logger log, String what, Duration remindEvery, Clock clock) {
        this.log = log;
        this.what = what;
        this.remindEvery = remindEvery;
        this.clock = clock;
    }

    void failed(RuntimeException e) {
        failures++;
        Instant now = clock.instant();
        if (failures == 1 || !now.isBefore(lastWarned.plus(remindEvery))) {
            log.warn("{} failed: {} ({} time(s) in a row; retrying at every look)", what, e.getMessage(), failures);
            lastWarned = now;
        } else {
            log.debug("{} failed again: {}", what, e.getMessage());
        }
    }

    void succeeded() {
        if (failures > 0) {
            log.info("{} works again, after {} failed tries", what, failures);
            failures = 0;
        }
    }
}
