package io.digitnet.models;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code modelStore} in /actuator/health (part of readiness), for whichever {@link ModelStore} the mode picked: DOWN
 * when the store cannot take new models (a folder that cannot be written, PostgreSQL out of reach, so that a load
 * balancer sends mutations elsewhere; {@code /predict} still answers from the models already cached); UP otherwise,
 * with the number of models and the damaged ones (which are never served but do not stop the others).
 */
@Component("modelStore")
class ModelStoreHealthIndicator extends AbstractHealthIndicator {

    private final ModelStore store;

    ModelStoreHealthIndicator(ModelStore store) {
        super("Model store health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ModelStore.Status status = store.status();
        (status.writable() ? builder.up() : builder.down())
                .withDetails(status.details())
                .withDetail("corrupt", store.problems());
    }
}
