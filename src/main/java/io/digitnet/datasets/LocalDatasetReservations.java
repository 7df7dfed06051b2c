package io.digitnet.datasets;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** File mode: the uploads of this instance, kept in memory (a restart forgets a failed upload). */
final class LocalDatasetReservations implements DatasetReservations {

    private final ConcurrentMap<String, DatasetDescription> pending = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean reserve(String name, DatasetDescription.Source source) {
        DatasetDescription current = pending.get(name);
        if (current != null && !DatasetDescription.FAILED.equals(current.status())) {
            return false;
        }
        pending.put(name, DatasetDescription.notReady(name, source, DatasetDescription.PROVISIONING, null));
        return true;
    }

    @Override
    public void failed(String name, String reason) {
        pending.computeIfPresent(name, (n, current) -> DatasetDescription.notReady(n, current.source(),
                DatasetDescription.FAILED, reason));
    }

    @Override
    public void release(String name) {
        pending.remove(name);
    }

    @Override
    public Optional<DatasetDescription> find(String name) {
        return Optional.ofNullable(pending.get(name));
    }

    @Override
    public List<DatasetDescription> list() {
        return pending.values().stream().sorted(Comparator.comparing(DatasetDescription::name)).toList();
    }

    @Override
    public synchronized boolean deleteFailed(String name) {
        DatasetDescription current = pending.get(name);
        return current != null && DatasetDescription.FAILED.equals(current.status()) && pending.remove(name, current);
    }
}
