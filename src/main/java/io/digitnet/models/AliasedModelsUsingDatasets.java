package io.digitnet.models;

import io.digitnet.datasets.DatasetUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A dataset whose models have aliases (other than the automatic {@code latest}) cannot be deleted. */
@Component
class AliasedModelsUsingDatasets implements DatasetUsage {

    private final ModelStore store;
    private final ModelRegistry registry;

    AliasedModelsUsingDatasets(ModelStore store, ModelRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @Override
    public List<String> uses(String dataset) {
        Map<String, List<String>> aliases = registry.aliasesByModel();
        List<String> uses = new ArrayList<>();
        for (ModelMetadata model : store.list()) {
            if (dataset.equals(model.dataset())) {
                List<String> set = aliases.getOrDefault(model.id(), List.of()).stream()
                        .filter(alias -> !ModelIds.LATEST.equals(alias)).toList();
                if (!set.isEmpty()) {
                    uses.add("model " + model.id() + " trained on it has the aliases " + set
                            + " (move or remove them first)");
                }
            }
        }
        return uses;
    }
}
