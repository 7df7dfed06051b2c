package io.digitnet.sweeps;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** {@code digitnet.sweeps} (sweeps by status) and {@code digitnet.sweeps.trials.completed} (trials ended, by outcome). */
@Component
class SweepMetrics {

    private final MeterRegistry registry;

    SweepMetrics(MeterRegistry registry, Sweeps sweeps) {
        this.registry = registry;
        for (SweepStatus status : SweepStatus.values()) {
            Gauge.builder("digitnet.sweeps", sweeps, s -> s.count(status)).tag("status", lower(status.name()))
                    .description("Sweeps by status").register(registry);
        }
    }

    @EventListener
    void on(SweepEvent.TrialChanged event) {
        if (event.trial().status().isFinal()) {
            Counter.builder("digitnet.sweeps.trials.completed").tag("outcome", lower(event.trial().status().name()))
                    .description("Sweep trials that ended, by outcome (stopped: by the median stopping rule)")
                    .register(registry).increment();
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
