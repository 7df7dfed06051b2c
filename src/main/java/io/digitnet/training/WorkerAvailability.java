package io.digitnet.training;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Whether training can still run in this process. Once a worker thread has died and could not be replaced, it is
 * broken for good: the application's liveness goes {@code BROKEN} (an orchestrator restarts the container) and
 * new jobs are refused rather than queued for nobody.
 */
@Component
public class WorkerAvailability {

    private final ApplicationEventPublisher events;
    private final AtomicReference<String> broken = new AtomicReference<>();

    WorkerAvailability(ApplicationEventPublisher events) {
        this.events = events;
    }

    void markBroken(String reason) {
        if (broken.compareAndSet(null, reason)) {
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        }
    }

    /** Why training is broken, empty while it works. */
    public Optional<String> brokenReason() {
        return Optional.ofNullable(broken.get());
    }

    /** @throws TrainingUnavailableException when training is broken */
    void requireWorking() {
        String reason = broken.get();
        if (reason != null) {
            throw new TrainingUnavailableException("Training is unavailable: " + reason
                    + ". The service must be restarted.");
        }
    }
}
