package io.digitnet.inference;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/** Liveness and readiness as the V2 protocol reports them, over REST and gRPC alike. */
@Component
public class ServingReadiness {

    private final ApplicationAvailability availability;
    private final ObjectProvider<HealthEndpoint> health;

    ServingReadiness(ApplicationAvailability availability, ObjectProvider<HealthEndpoint> health) {
        this.availability = availability;
        this.health = health;
    }

    public boolean live() {
        return availability.getLivenessState() == LivenessState.CORRECT;
    }

    /** The readiness group, not only the readiness state: a dead worker or a full disk makes both not ready. */
    public boolean ready() {
        HealthEndpoint endpoint = health.getIfAvailable();
        HealthDescriptor group = endpoint == null ? null : endpoint.healthForPath("readiness");
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                && (group == null || Status.UP.equals(group.getStatus()));
    }
}
