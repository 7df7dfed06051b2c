package io.digitnet.datasets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog bean on the real datasets in the configured data directory (see ProvisionDatasets and .ci/run). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BuiltInDatasetCatalogIntegrationTests {

    @Autowired
    DatasetCatalog catalog;

    @Autowired
    DatasetsSettings settings;

    @Test
    void settingsPointAtTheDataDirectory() {
        assertThat(settings.dir().normalize()).isEqualTo(dataDir().resolve("datasets").normalize());
    }

    @Test
    void loadsTheRealMnistOnceAndSharesIt() {
        Dataset mnist = catalog.load("mnist");

        assertThat(mnist.name()).isEqualTo("mnist");
        assertThat(mnist.train().size()).isEqualTo(60_000);
        assertThat(mnist.train().images().shape()).containsExactly(60_000, 784);
        assertThat(mnist.test().size()).isEqualTo(10_000);
        assertThat(Arrays.copyOf(mnist.train().labels(), 4)).containsExactly(5, 0, 4, 1);
        assertThat(Arrays.copyOf(mnist.test().labels(), 4)).containsExactly(7, 2, 1, 0);
        assertThat(catalog.load("mnist")).isSameAs(mnist);
    }

    @Test
    void loadsTheRealFashionMnist() {
        Dataset fashion = catalog.load("fashion-mnist");

        assertThat(fashion.train().size()).isEqualTo(60_000);
        assertThat(fashion.test().size()).isEqualTo(10_000);
        assertThat(fashion.test().images().shape()).containsExactly(10_000, 784);
        // 9 = ankle boot, 0 = T-shirt/top, 3 = dress, 2 = pullover, 1 = trouser
        assertThat(Arrays.copyOf(fashion.train().labels(), 4)).containsExactly(9, 0, 0, 3);
        assertThat(Arrays.copyOf(fashion.test().labels(), 4)).containsExactly(9, 2, 1, 1);
    }

    private static Path dataDir() {
        String env = System.getenv("DIGITNET_DATA_DIR");
        return Path.of(env == null || env.isBlank() ? "./data" : env);
    }
}
