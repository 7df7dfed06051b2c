package io.digitnet.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.files.Sha256;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import io.digitnet.npy.Numpy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FileModelStoreTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private FileModelStore store() {
        return new FileModelStore(new ModelsSettings(dir, 4, 4096, 2000), JSON);
    }

    private static ModelDraft draft(String name) {
        return new ModelDraft(name, Activation.RELU, "mnist", Map.of("learningRate", 0.1, "seed", 42),
                Map.of("testAccuracy", 0.97), "job-1");
    }

    @Test
    void savesWeightsAndMetadataAndLoadsThemBack() throws IOException {
        FileModelStore store = store();
        Parameters parameters = TestNetworks.parameters(5, 1);

        ModelMetadata saved = store.save(draft("first"), parameters);

        assertThat(ModelIds.isId(saved.id())).isTrue();
        assertThat(saved.architecture()).isEqualTo(new Architecture(784, 5, 10, Activation.RELU));
        Path folder = dir.resolve(saved.id());
        assertThat(folder.resolve("weights.npz")).exists();
        assertThat(Sha256.of(Files.readAllBytes(folder.resolve("weights.npz")))).isEqualTo(saved.weightsSha256());
        JsonNode json = JSON.readTree(folder.resolve("model.json").toFile());
        assertThat(json.get("id").asString()).isEqualTo(saved.id());
        assertThat(json.get("jobId").asString()).isEqualTo("job-1");
        assertThat(json.get("weightsSha256").asString()).isEqualTo(saved.weightsSha256());
        assertThat(json.get("trainingConfig").get("seed").asInt()).isEqualTo(42);
        assertThat(json.get("metrics").get("testAccuracy").asDouble()).isEqualTo(0.97);
        assertThat(json.get("architecture").get("hiddenSize").asInt()).isEqualTo(5);
        assertThat(json.get("architecture").get("activation").asString()).isEqualTo("relu"); // as before the enum

        StoredModel loaded = new FileModelStore(new ModelsSettings(dir, 4, 4096, 2000), JSON).load(saved.id());
        assertThat(loaded.metadata()).isEqualTo(saved);
        assertThat(loaded.parameters().asMap()).isEqualTo(parameters.asMap());
    }

    @Test
    void numpyLoadsTheStoredWeights() {
        Numpy.assumeAvailable();
        ModelMetadata saved = store().save(draft("n"), TestNetworks.parameters(3, 2));
        float[][] expected = TestNetworks.values(3, 2);

        String out = Numpy.run("""
                import sys, numpy as np
                d = np.load(sys.argv[1])
                print(sorted(d.files))
                for k in ['W1', 'b1', 'W2', 'b2']:
                    print(k, d[k].dtype.str, d[k].shape, repr(float(d[k].ravel()[-1])))
                """, dir.resolve(saved.id()).resolve("weights.npz").toString());

        assertThat(out.lines()).containsExactly("['W1', 'W2', 'b1', 'b2']",
                "W1 <f4 (784, 3) " + (double) expected[0][expected[0].length - 1],
                "b1 <f4 (3,) " + (double) expected[1][2],
                "W2 <f4 (3, 10) " + (double) expected[2][29],
                "b2 <f4 (10,) " + (double) expected[3][9]);
    }

    @Test
    void equalWeightsGiveEqualChecksums() {
        FileModelStore store = store();
        String a = store.save(draft("a"), TestNetworks.parameters(4, 7)).weightsSha256();
        String b = store.save(draft("b"), TestNetworks.parameters(4, 7)).weightsSha256();
        String c = store.save(draft("c"), TestNetworks.parameters(4, 8)).weightsSha256();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void listsNewestFirstAndAfterARestart() {
        FileModelStore store = store();
        String first = store.save(draft("1"), TestNetworks.parameters(2, 1)).id();
        String second = store.save(draft("2"), TestNetworks.parameters(2, 2)).id();
        String third = store.save(draft("3"), TestNetworks.parameters(2, 3)).id();

        assertThat(store.list()).extracting(ModelMetadata::id).containsExactly(third, second, first);
        assertThat(store().list()).extracting(ModelMetadata::id).containsExactly(third, second, first);
    }

    @Test
    void aHalfWrittenTemporaryFolderIsNeitherListedNorKept() throws IOException {
        FileModelStore store = store();
        String id = store.save(draft("kept"), TestNetworks.parameters(2, 1)).id();
        // what a crash in the middle of save() leaves: a temp folder holding part of a model
        Path leftover = Files.createDirectory(dir.resolve(".tmp-" + java.util.UUID.randomUUID()));
        Files.write(leftover.resolve("weights.npz"), new byte[] {1, 2, 3});
        Path trash = Files.createDirectory(dir.resolve(".trash-" + id + "-x"));
        Path halfEvaluation = Files.writeString(dir.resolve(id).resolve(".tmp-evaluation.json-x"), "{\"acc");

        FileModelStore restarted = store();

        assertThat(restarted.list()).extracting(ModelMetadata::id).containsExactly(id);
        assertThat(restarted.problems()).isEmpty();
        assertThat(leftover).doesNotExist();
        assertThat(trash).doesNotExist();
        assertThat(halfEvaluation).doesNotExist();
    }

    @Test
    void aModelWhoseWeightsNoLongerMatchTheirChecksumIsNeverServed() throws IOException {
        FileModelStore store = store();
        ModelMetadata saved = store.save(draft("x"), TestNetworks.parameters(3, 1));
        store.load(saved.id()); // now cached in memory
        Path weights = dir.resolve(saved.id()).resolve("weights.npz");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x01; // one flipped bit in the data of W1
        Files.write(weights, bytes);

        assertThatThrownBy(() -> store.load(saved.id())).isInstanceOf(CorruptModelException.class)
                .hasMessageContaining(saved.id()).hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> store.verifiedWeights(saved.id())).isInstanceOf(CorruptModelException.class);
        assertThat(store.isCorrupt(saved.id())).isTrue();

        FileModelStore restarted = store();
        assertThat(restarted.list()).extracting(ModelMetadata::id).containsExactly(saved.id());
        assertThat(restarted.isCorrupt(saved.id())).isTrue();
        assertThat(restarted.problems().get(saved.id())).contains("SHA-256");
        assertThatThrownBy(() -> restarted.load(saved.id())).isInstanceOf(CorruptModelException.class);
    }

    @Test
    void aModelWithoutReadableMetadataIsReportedNotListed() throws IOException {
        FileModelStore store = store();
        ModelMetadata saved = store.save(draft("x"), TestNetworks.parameters(2, 1));
        Files.writeString(dir.resolve(saved.id()).resolve("model.json"), "{\"id\": ");

        FileModelStore restarted = store();

        assertThat(restarted.list()).isEmpty();
        assertThat(restarted.problems()).containsOnlyKeys(saved.id());
        assertThatThrownBy(() -> restarted.load(saved.id())).isInstanceOf(CorruptModelException.class);
        restarted.delete(saved.id()); // a damaged model can still be removed
        assertThat(dir.resolve(saved.id())).doesNotExist();
    }

    @Test
    void deleteRemovesTheFolder() {
        FileModelStore store = store();
        String id = store.save(draft("x"), TestNetworks.parameters(2, 1)).id();
        store.load(id);

        store.delete(id);

        assertThat(dir.resolve(id)).doesNotExist();
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.load(id)).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> store.delete(id)).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void idsThatCouldLeaveTheDirectoryAreRejectedBeforeAnyFileIsTouched() throws IOException {
        FileModelStore store = store();
        Files.writeString(dir.resolveSibling("secret.txt"), "secret");
        for (String id : List.of("..", "../secret.txt", "/etc/passwd", "m-1/../..", "%2e%2e", ".tmp-x", "", "M-X")) {
            assertThatThrownBy(() -> store.load(id)).isInstanceOf(InvalidModelReferenceException.class);
            assertThatThrownBy(() -> store.delete(id)).isInstanceOf(InvalidModelReferenceException.class);
            assertThatThrownBy(() -> store.weightsFile(id)).isInstanceOf(InvalidModelReferenceException.class);
            assertThat(store.find(id)).isEmpty();
        }
        assertThat(dir.resolveSibling("secret.txt")).exists();
    }

    @Test
    void unknownIdsAreNotFound() {
        assertThatThrownBy(() -> store().load("m-20260101000000000-abcdef"))
                .isInstanceOf(ModelNotFoundException.class);
    }
}
