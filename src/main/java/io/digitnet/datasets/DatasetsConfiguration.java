package io.digitnet.datasets;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.system.ClusterMode;
import io.digitnet.system.FileMode;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dataset store, chosen by {@code digitnet.mode}: uploaded datasets under {@code digitnet.datasets.uploads.dir}
 * (file mode), or in the shared PostgreSQL database (cluster mode; that folder is then only scratch space).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DatasetsSettings.class, DatasetUploadSettings.class})
class DatasetsConfiguration {

    @Bean
    @FileMode
    DatasetStore fileDatasetStore(DatasetsSettings settings, DatasetUploadSettings uploads, JsonMapper json) {
        return new FileDatasetStore(uploadsDir(settings, uploads), json);
    }

    @Bean
    @ClusterMode
    DatasetStore postgresDatasetStore(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json,
                                      ClusterNotifications notifications, DatasetsSettings settings,
                                      DatasetUploadSettings uploads) {
        return new PostgresDatasetStore(jdbc, transactions, json, notifications,
                uploadsDir(settings, uploads).resolve("scratch"),
                PostgresDatasetStore.CHUNK_BYTES);
    }

    static Path uploadsDir(DatasetsSettings settings, DatasetUploadSettings uploads) {
        return uploads.dir() != null ? uploads.dir() : settings.dir().resolve("uploads");
    }
}
