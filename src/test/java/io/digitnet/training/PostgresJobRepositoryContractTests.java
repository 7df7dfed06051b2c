package io.digitnet.training;

import io.digitnet.cluster.MigratedDatabase;
import io.digitnet.system.InstanceId;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job repository contract on PostgreSQL: a database of its own per test, migrated by Flyway, dropped after. A
 * "restart" is another instance on the same database; a worker claims the job (owner and fence) as
 * {@link ClusterTrainingTask} does.
 */
class PostgresJobRepositoryContractTests extends JobRepositoryContract {

    @RegisterExtension
    final MigratedDatabase db = new MigratedDatabase("digitnet_jobs_contract");
    private JobLeases leases;
    private PostgresJobRepository repository;
    private int restarts;

    @Override
    JobRepository repository() {
        if (repository == null) {
            leases = new JobLeases();
            repository = new PostgresJobRepository(db.jdbc(), db.transactions(), db.notifications(), leases,
                    InstanceId.of("here"));
        }
        return repository;
    }

    @Override
    JobRepository restarted() {
        restarts++;
        return new PostgresJobRepository(db.jdbc(), db.transactions(), db.notifications(), new JobLeases(),
                InstanceId.of("restarted-" + restarts));
    }

    @Override
    TrainingJob take(String id) {
        repository();
        PostgresJobRepository.Claim claim = repository.claim(id).orElseThrow();
        leases.hold(id, claim.fence(), claim.job());
        return claim.job();
    }
}
