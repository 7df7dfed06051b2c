package io.digitnet.training;

import io.digitnet.system.ClusterMode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Cluster mode: the jobs this instance runs now, each with the fence it claimed it by. Every write about such a job
 * names the fence; once another instance claims the job the fence in the database moves on and those writes are
 * refused.
 */
@Component
@ClusterMode
class JobLeases {

    record Lease(long fence, TrainingJob job) {
    }

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    void hold(String jobId, long fence, TrainingJob job) {
        leases.put(jobId, new Lease(fence, job));
    }

    void release(String jobId) {
        leases.remove(jobId);
    }

    Optional<Lease> get(String jobId) {
        return Optional.ofNullable(leases.get(jobId));
    }

    int size() {
        return leases.size();
    }
}
