package io.digitnet.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class JobsSettingsTests {

    @Configuration
    @EnableConfigurationProperties(JobsSettings.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void hasDefaultsForEverythingButTheDirectory() {
        runner.withPropertyValues("digitnet.jobs.dir=/tmp/jobs").run(context -> {
            JobsSettings settings = context.getBean(JobsSettings.class);
            assertThat(settings.dir()).isEqualTo(Path.of("/tmp/jobs"));
            assertThat(settings.workers()).isEqualTo(1);
            assertThat(settings.threads()).isEqualTo(1);
            assertThat(settings.queueCapacity()).isEqualTo(10);
            assertThat(settings.maxHiddenSize()).isEqualTo(1000);
            assertThat(settings.maxSamples()).isEqualTo(6_000_000);
            assertThat(settings.validationFraction()).isEqualTo(0.1);
            assertThat(settings.progressInterval()).isEqualTo(Duration.ofMillis(250));
            assertThat(settings.maxEventStreams()).isEqualTo(16);
        });
    }

    @Test
    void rejectsNonsense() {
        runner.withPropertyValues("digitnet.jobs.dir=/tmp/jobs", "digitnet.jobs.workers=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("workers"));
        runner.withPropertyValues("digitnet.jobs.dir=/tmp/jobs", "digitnet.jobs.validation-fraction=0.9").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("validationFraction"));
        runner.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("dir"));
    }
}
