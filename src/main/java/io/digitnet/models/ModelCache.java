package io.digitnet.models;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loaded models kept in memory, least recently used evicted first. An entry is only valid for the exact file it was
 * verified from ({@code stamp}: checksum, size, modification time, inode), so a replaced or damaged file is re-read
 * and re-verified instead of served from memory.
 */
final class ModelCache {

    record Entry(StoredModel model, Object stamp) {
    }

    private final Map<String, Entry> entries;

    ModelCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized StoredModel get(String id, Object stamp) {
        Entry entry = entries.get(id);
        return entry != null && entry.stamp().equals(stamp) ? entry.model() : null;
    }

    synchronized void put(String id, StoredModel model, Object stamp) {
        entries.put(id, new Entry(model, stamp));
    }

    synchronized void evict(String id) {
        entries.remove(id);
    }
}
