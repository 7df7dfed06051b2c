package io.digitnet.models.web;

import io.digitnet.datasets.DatasetsSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.ComponentScan;

/** The real dataset catalog (over the real files in ./data) for web slice tests that validate dataset names. */
@TestConfiguration(proxyBeanMethods = false)
@ComponentScan("io.digitnet.datasets")
@EnableConfigurationProperties(DatasetsSettings.class)
class DatasetsForTests {
}
