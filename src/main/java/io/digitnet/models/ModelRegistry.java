package io.digitnet.models;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Finds models by id or alias, and moves aliases. {@link #resolve} hands out a {@link StoredModel}: an immutable
 * snapshot of one model, so a request that resolved an alias keeps computing with that model even if the alias moves
 * a moment later, and never sees a mix of two models' weights.
 */
@Component
public class ModelRegistry {

    private static final int RESOLVE_ATTEMPTS = 3;

    private final ModelStore store;
    private final ModelAliases aliases;
    private final ModelCache cache;
    private final ApplicationEventPublisher events;
    private final Object changes = new Object();

    public ModelRegistry(ModelStore store, ModelAliases aliases, ModelCache cache, ApplicationEventPublisher events) {
        this.store = store;
        this.aliases = aliases;
        this.cache = cache;
        this.events = events;
    }

    /**
     * The model with this id, behind this alias, or the newest one for {@code latest}.
     *
     * @throws InvalidModelReferenceException when the name is neither a well-formed id nor an alias
     * @throws ModelNotFoundException         for an unknown id or alias
     * @throws NoModelsException              for {@code latest} while there is no servable model
     * @throws CorruptModelException          when the model's files are damaged
     */
    public StoredModel resolve(String idOrAlias) {
        ModelIds.requireIdOrAlias(idOrAlias);
        if (ModelIds.isId(idOrAlias)) {
            return load(idOrAlias);
        }
        if (ModelIds.LATEST.equals(idOrAlias)) {
            return latest();
        }
        for (int attempt = 1; ; attempt++) {
            String id = aliases.target(idOrAlias).orElseThrow(() -> new ModelNotFoundException(idOrAlias));
            try {
                return load(id);
            } catch (ModelNotFoundException e) {
                // the alias moved and its old model was deleted in between: follow the alias again
                if (attempt == RESOLVE_ATTEMPTS || Objects.equals(aliases.target(idOrAlias).orElse(null), id)) {
                    throw new ModelNotFoundException(idOrAlias);
                }
            }
        }
    }

    /**
     * The model a prediction request means, as the README's "Which model answers" documents:
     * <ul>
     *   <li>a model named, no dataset: that model (its answer says its dataset);</li>
     *   <li>a dataset named, no model (or {@code latest}): the newest model trained on that dataset;</li>
     *   <li>both named: that model, which must have been trained on that dataset;</li>
     *   <li>neither: the newest model of {@code defaultDataset} (MNIST), never a model of another dataset.</li>
     * </ul>
     *
     * @param modelRef a model id or alias, or null
     * @param dataset  a dataset name, or null
     * @throws ModelDatasetMismatchException when the model was trained on another dataset than the one named
     * @throws NoModelsException             when the dataset has no servable model
     */
    public StoredModel resolve(String modelRef, String dataset, String defaultDataset) {
        if (modelRef == null || (ModelIds.LATEST.equals(modelRef) && dataset != null)) {
            return latest(dataset != null ? dataset : defaultDataset);
        }
        StoredModel model = resolve(modelRef);
        if (dataset != null && !dataset.equals(model.metadata().dataset())) {
            throw new ModelDatasetMismatchException(modelRef, model.metadata().dataset(), dataset);
        }
        return model;
    }

    /** The newest servable model trained on the dataset. */
    public Optional<String> latestId(String dataset) {
        return store.list().stream().filter(m -> dataset.equals(m.dataset())).map(ModelMetadata::id)
                .filter(id -> !store.isCorrupt(id)).findFirst();
    }

    /** The metadata of the model an id or alias names, without loading its weights. */
    public ModelMetadata describe(String idOrAlias) {
        ModelIds.requireIdOrAlias(idOrAlias);
        String id = ModelIds.isId(idOrAlias) ? idOrAlias
                : ModelIds.LATEST.equals(idOrAlias) ? latestId().orElseThrow(NoModelsException::new)
                : aliases.target(idOrAlias).orElseThrow(() -> new ModelNotFoundException(idOrAlias));
        return store.find(id).orElseThrow(() -> new ModelNotFoundException(idOrAlias));
    }

    /** The newest model that is not known to be damaged and carries no warnings. */
    public Optional<String> latestId() {
        return store.list().stream().filter(m -> m.warnings().isEmpty()).map(ModelMetadata::id)
                .filter(id -> !store.isCorrupt(id)).findFirst();
    }

    /** Alias → model id, including {@code latest} when there is a model. */
    public Map<String, String> aliases() {
        Map<String, String> all = new TreeMap<>(aliases.current());
        latestId().ifPresent(id -> all.put(ModelIds.LATEST, id));
        return Map.copyOf(all);
    }

    /** The aliases that name this model (including {@code latest}), sorted. */
    public List<String> aliasesOf(String id) {
        return aliasesByModel().getOrDefault(id, List.of());
    }

    /** Model id → the aliases that name it (including {@code latest}), sorted. */
    public Map<String, List<String>> aliasesByModel() {
        return aliases().entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                Collectors.mapping(Map.Entry::getKey, Collectors.collectingAndThen(Collectors.toList(),
                        names -> names.stream().sorted().toList()))));
    }

    /** Points the alias at the model, in one atomic step; a request in flight keeps the model it already resolved. */
    public AliasChange moveAlias(String id, String alias) {
        ModelIds.requireId(id);
        ModelIds.requireSettableAlias(alias);
        synchronized (changes) {
            store.load(id); // refuses unknown and damaged models before anything changes
            String previous = aliases.target(alias).orElse(null);
            if (!id.equals(previous)) {
                aliases.update(map -> {
                    map.put(alias, id);
                    return map;
                });
            }
            return new AliasChange(alias, id, previous);
        }
    }

    public void removeAlias(String id, String alias) {
        ModelIds.requireId(id);
        ModelIds.requireSettableAlias(alias);
        synchronized (changes) {
            String target = aliases.target(alias).orElseThrow(() -> new ModelNotFoundException(alias));
            if (!target.equals(id)) {
                throw new AliasConflictException("alias '" + alias + "' points at model '" + target + "', not '" + id + "'");
            }
            aliases.update(map -> {
                map.remove(alias);
                return map;
            });
        }
    }

    /** Deletes a model; refused while aliases point at it, unless forced (which removes those aliases too). */
    public void delete(String id, boolean force) {
        ModelIds.requireId(id);
        synchronized (changes) {
            List<String> pointing = aliases.current().entrySet().stream()
                    .filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).sorted().toList();
            if (!pointing.isEmpty() && !force) {
                throw new ModelInUseException(id, pointing);
            }
            try {
                store.delete(id);
            } finally {
                events.publishEvent(new ModelDeleted(id)); // also when it was already gone: drop it from memory
            }
            if (!pointing.isEmpty()) {
                aliases.update(map -> {
                    pointing.forEach(map::remove);
                    return map;
                });
            }
        }
    }

    /**
     * From the {@link ModelCache}, or loaded (and verified) from the store. A model found damaged since it was cached
     * (say, by a download that re-reads its file) is dropped and refused.
     */
    private StoredModel load(String id) {
        if (store.isCorrupt(id)) {
            cache.invalidate(id);
            return store.load(id); // throws CorruptModelException with the reason
        }
        return cache.get(id, store::load);
    }

    private StoredModel latest() {
        return latest(null);
    }

    /** The newest servable model, of one dataset or (null) of any. */
    private StoredModel latest(String dataset) {
        for (ModelMetadata candidate : store.list()) {
            if ((dataset == null || dataset.equals(candidate.dataset())) && candidate.warnings().isEmpty()
                    && !store.isCorrupt(candidate.id())) {
                try {
                    return load(candidate.id());
                } catch (ModelNotFoundException | CorruptModelException e) {
                    // deleted a moment ago, or found damaged just now: the next newest one is 'latest'
                }
            }
        }
        throw dataset == null ? new NoModelsException() : new NoModelsException(dataset);
    }
}
