package io.digitnet.datasets;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Obtains and verifies the built-in datasets in the background once the service is up, so that the first training
 * job does not wait for a download ({@code digitnet.datasets.provision-at-startup}). A job that comes earlier simply
 * waits for the same provisioning.
 */
@Component
class DatasetProvisioningAtStartup {

    private final DatasetsSettings settings;
    private final BuiltInDatasetCatalog catalog;

    DatasetProvisioningAtStartup(DatasetsSettings settings, BuiltInDatasetCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (settings.provisionAtStartup()) {
            Thread thread = new Thread(catalog::provisionAll, "dataset-provisioning");
            thread.setDaemon(true);
            thread.start();
        }
    }
}
