package io.digitnet.inference;

import io.digitnet.models.ModelMetadata;
import io.digitnet.models.ModelNotFoundException;
import io.digitnet.models.ModelStore;
import io.digitnet.models.StoredModel;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Predictor;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Resolves a model id or alias to a {@link ServedModel}, keeping one immutable {@link Predictor} per stored model.
 *
 * <p>The cache key holds the weights' checksum as well as the id, so a predictor is never reused for other weights.
 * A model that fails to load (missing, corrupt) is not cached: the next request tries again and fails again, so a
 * corrupt model is never served.
 */
@Component
public class ServedModels {

    /** The alias every request uses when it names no model. */
    public static final String LATEST = "latest";

    private final ModelStore store;
    private final int maxCached;
    private final ConcurrentMap<Key, CompletableFuture<ServedModel>> cache = new ConcurrentHashMap<>();

    public ServedModels(ModelStore store, InferenceProperties properties) {
        this.store = store;
        this.maxCached = properties.maxCachedModels();
    }

    /**
     * @throws ModelNotFoundException when nothing is called {@code idOrAlias}
     * @throws NoModelYetException    when {@code latest} is asked for and there is no model at all
     * @throws io.digitnet.models.CorruptModelException when the model's files fail their checksum
     */
    public ServedModel get(String idOrAlias) {
        ModelMetadata metadata = resolve(idOrAlias);
        Key key = new Key(metadata.id(), metadata.weightsSha256());
        CompletableFuture<ServedModel> entry = cache.get(key);
        if (entry == null) {
            entry = loadOnce(key);
        }
        try {
            return entry.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Loads the model in the calling thread, while concurrent requests for the same key wait for it. */
    private CompletableFuture<ServedModel> loadOnce(Key key) {
        CompletableFuture<ServedModel> mine = new CompletableFuture<>();
        CompletableFuture<ServedModel> theirs = cache.putIfAbsent(key, mine);
        if (theirs != null) {
            return theirs;
        }
        try {
            mine.complete(load(key));
            evictBeyondLimit(key);
        } catch (RuntimeException e) {
            cache.remove(key, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private ServedModel load(Key key) {
        StoredModel stored = store.load(key.id());
        Activation activation = Activation.valueOf(
                stored.metadata().architecture().activation().toUpperCase(Locale.ROOT));
        return new ServedModel(stored.metadata(), new Predictor(stored.parameters(), activation));
    }

    /** Models no longer used stay cached until the limit is reached; then any other entry goes. */
    private void evictBeyondLimit(Key keep) {
        for (Key key : cache.keySet()) {
            if (cache.size() <= maxCached) {
                return;
            }
            if (!key.equals(keep)) {
                cache.remove(key);
            }
        }
    }

    // TODO: use the alias registry of io.digitnet.models once it exists (this knows ids and `latest` only)
    private ModelMetadata resolve(String idOrAlias) {
        if (LATEST.equals(idOrAlias)) {
            List<ModelMetadata> all = store.list();
            if (all.isEmpty()) {
                throw new NoModelYetException();
            }
            return all.get(0);
        }
        return store.find(idOrAlias).orElseThrow(() -> new ModelNotFoundException(idOrAlias));
    }

    private record Key(String id, String weightsSha256) {
    }
}
