package io.digitnet.models;

import io.digitnet.cluster.MigratedDatabase;
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
}
