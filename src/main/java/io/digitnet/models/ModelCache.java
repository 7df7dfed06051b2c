package io.digitnet.models;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one cache of loaded models: verified weights and, built once from them, the float32 predictor that inference
 * uses ({@link StoredModel#predictor()}). Keyed by model id: a model's weights never change, so an entry stays valid
 * until the model is deleted ({@link ModelDeleted}) or found damaged; no file is looked at while an entry is served.
 * At most {@code digitnet.models.cache-size} models, the least used evicted first (Caffeine's W-TinyLFU).
 */
@Component
public class ModelCache {

    private final Cache<String, StoredModel> models;

    public ModelCache(ModelsSettings settings) {
        this.models = Caffeine.newBuilder().maximumSize(settings.cacheSize()).build();
    }

    /**
     * The cached model, or the one {@code loader} loads (once, however many threads ask at the same time; nothing is
     * cached when it throws).
     */
    StoredModel get(String id, Function<String, StoredModel> loader) {
        return models.get(id, loader);
    }

    /** Drops a model; a load of it in progress finishes first, and is dropped too. */
    public void invalidate(String id) {
        models.invalidate(id);
    }

    @EventListener
    void onDeleted(ModelDeleted event) {
        invalidate(event.modelId());
    }

    long size() {
        models.cleanUp();
        return models.estimatedSize();
    }
}
