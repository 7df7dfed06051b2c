package io.digitnet.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.files.Sha256;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Parameters;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ModelStore} and {@link ModelAliases} adapter must do, run against each: the file adapters and
 * the PostgreSQL ones. A subclass gives a fresh, empty store and the aliases that go with it, and can "restart"
 * (a second store on the same storage).
 */
abstract class ModelStoreContract {

    abstract ModelStore store();

    abstract ModelStore restarted();

    abstract ModelAliases aliases();

    abstract ModelAliases aliasesRestarted();

    static ModelDraft draft(String name) {
        return new ModelDraft(name, Activation.RELU, "mnist", Map.of("seed", 42), Map.of("testAccuracy", 0.97), "job-1");
    }

    @Test
    void savesWeightsAndMetadataAndLoadsThemBackAfterARestart() {
        Parameters parameters = TestNetworks.parameters(5, 1);
        ModelMetadata saved = store().save(draft("first"), parameters);

        assertThat(ModelIds.isId(saved.id())).isTrue();
        assertThat(saved.architecture()).isEqualTo(new Architecture(784, 5, 10, Activation.RELU));
        ModelStore again = restarted();
        assertThat(again.find(saved.id())).contains(saved);
        StoredModel loaded = again.load(saved.id());
        assertThat(loaded.metadata()).isEqualTo(saved);
        assertThat(loaded.parameters().asMap()).isEqualTo(parameters.asMap());
        assertThat(Sha256.of(again.verifiedWeights(saved.id()))).isEqualTo(saved.weightsSha256());
    }

    @Test
    void listsNewestFirstAndForgetsDeletedModels() {
        ModelStore store = store();
        ModelMetadata older = store.save(draft("older"), TestNetworks.parameters(3, 1));
        ModelMetadata newer = store.save(draft("newer"), TestNetworks.parameters(3, 2));

        assertThat(store.list()).extracting(ModelMetadata::id).containsExactly(newer.id(), older.id());
        store.delete(older.id());
        assertThat(store.list()).extracting(ModelMetadata::id).containsExactly(newer.id());
        assertThat(restarted().list()).extracting(ModelMetadata::id).containsExactly(newer.id());
        assertThatThrownBy(() -> store.load(older.id())).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> store.delete(older.id())).isInstanceOf(ModelNotFoundException.class);
        assertThat(store.isCorrupt(newer.id())).isFalse();
        assertThat(store.problems()).isEmpty();
    }

    @Test
    void keepsWarningsAndClassNamesAfterARestart() {
        java.util.List<String> classes = java.util.List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        ModelDraft draft = new ModelDraft("named", Activation.RELU, "letters", Map.of(), Map.of(), "job-2",
                java.util.List.of("no better than chance"), classes);
        ModelMetadata saved = store().save(draft, TestNetworks.parameters(3, 1));

        ModelMetadata again = restarted().find(saved.id()).orElseThrow();
        assertThat(again.warnings()).containsExactly("no better than chance");
        assertThat(again.classNames()).isEqualTo(classes);
        assertThat(again.dataset()).isEqualTo("letters");
    }

    @Test
    void keepsAnEvaluation() {
        ModelStore store = store();
        ModelMetadata model = store.save(draft("evaluated"), TestNetworks.parameters(3, 1));
        assertThat(store.evaluation(model.id())).isEmpty();

        store.saveEvaluation(model.id(), "{\"accuracy\":0.9}".getBytes(StandardCharsets.UTF_8));

        assertThat(restarted().evaluation(model.id())).hasValueSatisfying(json ->
                assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"accuracy\":0.9}"));
    }

    @Test
    void aliasesChangeAtomicallyAndSurviveARestart() {
        ModelStore store = store();
        ModelMetadata first = store.save(draft("first"), TestNetworks.parameters(3, 1));
        ModelMetadata second = store.save(draft("second"), TestNetworks.parameters(3, 2));
        ModelAliases aliases = aliases();

        aliases.update(map -> {
            map.put("production", first.id());
            map.put("staging", second.id());
            return map;
        });
        aliases.update(map -> {
            map.put("production", second.id());
            map.remove("staging");
            return map;
        });

        assertThat(aliases.current()).isEqualTo(Map.of("production", second.id()));
        assertThat(aliasesRestarted().current()).isEqualTo(Map.of("production", second.id()));
        assertThat(aliasesRestarted().target("production")).contains(second.id());
    }

    @Test
    void itsStatusSaysItTakesModelsAndCountsThem() {
        ModelStore store = store();
        store.save(draft("counted"), TestNetworks.parameters(3, 1));

        ModelStore.Status status = store.status();
        assertThat(status.writable()).isTrue();
        assertThat(status.details()).containsEntry("models", status.details().get("models") instanceof Long
                ? (Object) 1L : (Object) 1);
    }

    /** Old model.json files hold the activation as a lower-case string; they still load, and are written that way. */
    @Test
    void theActivationIsStoredByItsLowerCaseName() {
        ModelMetadata saved = store().save(new ModelDraft("sigmoid-by-default", null, "mnist", Map.of(), Map.of(),
                null), TestNetworks.parameters(3, 1));

        assertThat(saved.architecture().activation()).isEqualTo(Activation.SIGMOID);
        assertThat(restarted().load(saved.id()).metadata().architecture().activation()).isEqualTo(Activation.SIGMOID);
    }
}
