package io.digitnet.inference;

import io.digitnet.models.ModelIds;
import io.digitnet.models.ModelRegistry;
import io.digitnet.models.StoredModel;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Predictor;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Resolves a model id or alias to a {@link ServedModel}, keeping one immutable {@link Predictor} per stored model.
 *
 * <p>The registry hands out one verified snapshot per call, so a request that resolved an alias computes with that
 * model even if the alias moves a moment later. The predictor cache is keyed by id and weights checksum, so a
 * predictor is never reused for other weights; a model that fails to load (missing, corrupt) is never cached.
 */
@Component
public class ServedModels {

    /** The alias a request means when it names no model: the newest model. */
    public static final String LATEST = ModelIds.LATEST;

    private final ModelRegistry registry;
    private final int maxCached;
    private final ConcurrentMap<Key, CompletableFuture<ServedModel>> predictors = new ConcurrentHashMap<>();

    public ServedModels(ModelRegistry registry, InferenceSettings settings) {
        this.registry = registry;
        this.maxCached = settings.maxCachedModels();
    }

    /**
     * @throws io.digitnet.models.ModelNotFoundException         when nothing is called {@code idOrAlias}
     * @throws io.digitnet.models.NoModelsException              for {@code latest} while there is no model at all
     * @throws io.digitnet.models.InvalidModelReferenceException when the name is not a well-formed id or alias
     * @throws io.digitnet.models.CorruptModelException          when the model's files fail their checksum
     */
    public ServedModel get(String idOrAlias) {
        StoredModel stored = registry.resolve(idOrAlias);
        Key key = new Key(stored.metadata().id(), stored.metadata().weightsSha256());
        CompletableFuture<ServedModel> entry = predictors.get(key);
        if (entry == null) {
            entry = buildOnce(key, stored);
        }
        try {
            return entry.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The model {@code idOrAlias} resolves to, pinned to {@code version} when one is given: in the V2 protocol the
     * version of a model is its id, and an alias has one version, the id it points to now.
     *
     * @param version null or empty: any; else the id that {@code idOrAlias} must resolve to
     * @throws UnknownVersionException when {@code idOrAlias} resolves to another id
     */
    public ServedModel get(String idOrAlias, String version) {
        ServedModel model = get(idOrAlias);
        if (version != null && !version.isEmpty() && !version.equals(model.id())) {
            throw new UnknownVersionException(idOrAlias, version, model.id());
        }
        return model;
    }

    /** Builds the predictor in the calling thread, while concurrent requests for the same model wait for it. */
    private CompletableFuture<ServedModel> buildOnce(Key key, StoredModel stored) {
        CompletableFuture<ServedModel> mine = new CompletableFuture<>();
        CompletableFuture<ServedModel> theirs = predictors.putIfAbsent(key, mine);
        if (theirs != null) {
            return theirs;
        }
        try {
            Activation activation = Activation.valueOf(
                    stored.metadata().architecture().activation().toUpperCase(Locale.ROOT));
            mine.complete(new ServedModel(stored.metadata(), new Predictor(stored.parameters(), activation)));
            evictBeyondLimit(key);
        } catch (RuntimeException e) {
            predictors.remove(key, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    /** Predictors of models no longer asked for stay until the limit is reached; then any other entry goes. */
    private void evictBeyondLimit(Key keep) {
        for (Key key : predictors.keySet()) {
            if (predictors.size() <= maxCached) {
                return;
            }
            if (!key.equals(keep)) {
                predictors.remove(key);
            }
        }
    }

    private record Key(String id, String weightsSha256) {
    }
}
