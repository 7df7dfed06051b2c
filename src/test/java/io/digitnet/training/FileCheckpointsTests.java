package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.nn.Checkpoint;
import io.digitnet.nn.EpochStats;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class FileCheckpointsTests {

    @TempDir
    Path dir;

    private final JobConfig config = TestJobs.config(3);

    private FileCheckpoints checkpoints() {
        return new FileCheckpoints(TestJobs.settings(dir, 10));
    }

    private static Checkpoint checkpoint(int epoch, boolean withBest) {
        Parameters parameters = Parameters.initialize(784, 5, 10, WeightInit.HE, epoch, DataType.FLOAT);
        Parameters best = withBest ? Parameters.initialize(784, 5, 10, WeightInit.STD, 99, DataType.FLOAT) : null;
        // Shapes as an optimizer keeps them: one velocity per parameter.
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> state = Map.of("v.W1", Nd4j.rand(DataType.FLOAT, 784, 5),
                "v.b2", Nd4j.rand(DataType.FLOAT, 10));
        List<EpochStats> history = List.of(new EpochStats(1, 0.5, 0.9, 0.91, Double.NaN, 0.7),
                new EpochStats(2, 0.4, 0.92, 0.93, 0.35, 0.6));
        return new Checkpoint(epoch, epoch * 600L, parameters, state, 1200, best, withBest ? 0.35 : Double.NaN, 1,
                history);
    }

    @Test
    void roundTripsEveryArrayAndNumber() {
        Checkpoint saved = checkpoint(2, true);
        checkpoints().save("job", config, saved);

        Checkpoint loaded = checkpoints().load("job", config).orElseThrow();
        assertThat(loaded.completedEpochs()).isEqualTo(2);
        assertThat(loaded.iteration()).isEqualTo(1200);
        assertThat(loaded.optimizerStep()).isEqualTo(1200);
        assertThat(loaded.bestLoss()).isEqualTo(0.35);
        assertThat(loaded.epochsWithoutImprovement()).isEqualTo(1);
        assertThat(loaded.history()).hasSize(2);
        assertThat(loaded.history().get(0).validationLoss()).isNaN();
        assertThat(loaded.history().get(1)).isEqualTo(saved.history().get(1));
        assertThat(loaded.parameters().asMap()).isEqualTo(saved.parameters().asMap());
        assertThat(loaded.best().asMap()).isEqualTo(saved.best().asMap());
        assertThat(loaded.optimizerState()).isEqualTo(saved.optimizerState());
    }

    @Test
    void keepsOnlyTheLatestWeightsAndWithoutBestReadsNaN() throws IOException {
        checkpoints().save("job", config, checkpoint(1, true));
        checkpoints().save("job", config, checkpoint(2, false));
        try (var files = Files.list(dir.resolve("job"))) {
            assertThat(files).extracting(f -> f.getFileName().toString())
                    .containsExactlyInAnyOrder("checkpoint.json", "checkpoint-2.npz");
        }
        Checkpoint loaded = checkpoints().load("job", config).orElseThrow();
        assertThat(loaded.best()).isNull();
        assertThat(loaded.bestLoss()).isNaN();
    }

    @Test
    void noCheckpointIsEmpty() {
        assertThat(checkpoints().load("nothing", config)).isEmpty();
    }

    @Test
    void damagedWeightsAreRefusedNamingTheReason() throws IOException {
        checkpoints().save("job", config, checkpoint(1, false));
        Files.write(dir.resolve("job").resolve("checkpoint-1.npz"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> checkpoints().load("job", config))
                .isInstanceOf(CheckpointUnreadableException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void aCheckpointOfAnotherConfigurationIsRefused() {
        checkpoints().save("job", config, checkpoint(1, false));
        assertThatThrownBy(() -> checkpoints().load("job", TestJobs.config(4)))
                .isInstanceOf(CheckpointUnreadableException.class).hasMessageContaining("different configuration");
    }

    @Test
    void isDeletedWhenItsJobEnds() throws IOException {
        FileCheckpoints checkpoints = checkpoints();
        checkpoints.save("j1", config, checkpoint(1, false));
        TrainingJob job = TrainingJob.create("j1", null, config, Instant.now());
        job.start(Instant.now(), null);
        checkpoints.onJobEvent(job.interrupt("shutdown"));
        assertThat(checkpoints.load("j1", config)).isPresent();

        job.start(Instant.now(), null);
        checkpoints.onJobEvent(job.fail("boom", Instant.now()));
        try (var files = Files.list(dir.resolve("j1"))) {
            assertThat(files).isEmpty();
        }
    }
}
