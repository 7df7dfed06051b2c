package io.digitnet.datasets;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The dataset store: uploaded datasets under {@code digitnet.datasets.uploads.dir}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DatasetsSettings.class, DatasetUploadSettings.class})
class DatasetsConfiguration {

    @Bean
    DatasetStore fileDatasetStore(DatasetsSettings settings, DatasetUploadSettings uploads, JsonMapper json) {
        return new FileDatasetStore(uploads.dir() != null ? uploads.dir() : settings.dir().resolve("uploads"), json);
    }
}
