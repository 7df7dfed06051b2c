package io.digitnet.datasets;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.system.ClusterMode;
import io.digitnet.system.FileMode;
import io.digitnet.system.InstanceId;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dataset store, chosen by {@code digitnet.mode}: uploaded datasets under {@code digitnet.datasets.uploads.dir}
 * (file mode), or in the shared PostgreSQL database (cluster mode; that folder is then only scratch space); and the
 * names held by uploads being processed or failed: in memory (file mode), or rows of that database (cluster mode).
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
    @FileMode
    DatasetReservations localDatasetReservations() {
        return new LocalDatasetReservations();
    }

    @Bean
    @ClusterMode
    PostgresDatasetReservations postgresDatasetReservations(JdbcTemplate jdbc, JsonMapper json, InstanceId instance,
                                                            DatasetUploadSettings uploads) {
        return new PostgresDatasetReservations(jdbc, json, instance::get, uploads.provisioningHeartbeat());
    }

    @Bean
    @ClusterMode
    DatasetStore postgresDatasetStore(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json,
                                      ClusterNotifications notifications, DatasetsSettings settings,
                                      DatasetUploadSettings uploads, PostgresDatasetReservations reservations) {
        return new PostgresDatasetStore(jdbc, transactions, json, notifications,
                uploadsDir(settings, uploads).resolve("scratch"),
                PostgresDatasetStore.CHUNK_BYTES, reservations::claim);
    }

    static Path uploadsDir(DatasetsSettings settings, DatasetUploadSettings uploads) {
        return uploads.dir() != null ? uploads.dir() : settings.dir().resolve("uploads");
    }
}
