package io.digitnet.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.cluster.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** The model store contract on PostgreSQL: a database of its own per test, migrated by Flyway, dropped after. */
class PostgresModelStoreContractTests extends ModelStoreContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final MigratedDatabase db = new MigratedDatabase("digitnet_models_contract");
    private PostgresModelStore store;
    private PostgresModelAliases aliases;

    @Override
    ModelStore store() {
        if (store == null) {
            store = (PostgresModelStore) restarted();
        }
        return store;
    }

    @Override
    ModelStore restarted() {
        return new PostgresModelStore(db.jdbc(), JSON, db.notifications(),
                new ModelCache(new ModelsSettings(null, 4, 4096, 2000)));
    }

    @Override
    ModelAliases aliases() {
        if (aliases == null) {
            aliases = (PostgresModelAliases) aliasesRestarted();
        }
        return aliases;
    }

    @Override
    ModelAliases aliasesRestarted() {
        return new PostgresModelAliases(db.jdbc(), db.transactions(), db.notifications());
    }

    /**
     * Another instance's model is found (and served) here before its notification arrives: in the test, never (this
     * instance's notifications are not started). A job seen SUCCEEDED here may name a model stored there a moment ago.
     */
    @Test
    void findsAModelAnotherInstanceSavedBeforeItsNotificationArrives() {
        PostgresModelStore here = new PostgresModelStore(db.jdbc(), JSON, db.newNotifications(),
                new ModelCache(new ModelsSettings(null, 4, 4096, 2000)));
        ModelMetadata saved = store().save(draft("elsewhere"), TestNetworks.parameters(5, 1));

        assertThat(here.find(saved.id())).contains(saved);
        assertThat(here.load(saved.id()).metadata()).isEqualTo(saved);
        assertThat(here.list()).contains(saved);
        assertThat(here.find("m-20000101000000000-000000")).isEmpty();
    }
}
