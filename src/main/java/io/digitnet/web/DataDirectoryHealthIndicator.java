package io.digitnet.web;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code dataDirectory} in /actuator/health (part of readiness): DOWN while no file can be created in the data
 * directory (no space, or no inodes left, which the free-space indicator {@code diskSpace} does not see), so that a
 * load balancer sends writes elsewhere; UP again as soon as files can be created, without a restart.
 */
@Component("dataDirectory")
class DataDirectoryHealthIndicator extends AbstractHealthIndicator {

    private final DataDirectoryProbe probe;

    DataDirectoryHealthIndicator(DataDirectoryProbe probe) {
        super("Data directory health check failed");
        this.probe = probe;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        DataDirectoryProbe.Result result = probe.check();
        (result.writable() ? builder.up() : builder.down().withDetail("reason", result.problem()))
                .withDetail("path", probe.dir().toString());
    }
}
