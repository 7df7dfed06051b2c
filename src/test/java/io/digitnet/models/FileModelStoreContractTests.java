package io.digitnet.models;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class FileModelStoreContractTests extends ModelStoreContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    private FileModelStore store;
    private FileModelAliases aliases;

    @Override
    ModelStore store() {
        if (store == null) {
            store = new FileModelStore(new ModelsSettings(dir, 4, 4096, 2000), JSON);
        }
        return store;
    }

    @Override
    ModelStore restarted() {
        return new FileModelStore(new ModelsSettings(dir, 4, 4096, 2000), JSON);
    }

    @Override
    ModelAliases aliases() {
        if (aliases == null) {
            aliases = new FileModelAliases(dir, JSON);
        }
        return aliases;
    }

    @Override
    ModelAliases aliasesRestarted() {
        return new FileModelAliases(dir, JSON);
    }
}
