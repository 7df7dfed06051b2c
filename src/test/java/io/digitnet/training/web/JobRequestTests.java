package io.digitnet.training.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.digitnet.training.InvalidJobRequestException;
import io.digitnet.training.JobSpec;
import io.digitnet.training.JobViolation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class JobRequestTests {

    /** Configured like Boot's mapper, which ignores unknown properties. */
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private JobSpec spec(String body) {
        JobRequest request = json.readValue(body, JobRequest.class);
        if (!request.readErrors().isEmpty()) {
            throw new InvalidJobRequestException(request.readErrors());
        }
        return request.toSpec();
    }

    @Test
    void readsEveryField() {
        JobSpec spec = spec("""
                {"dataset":"mnist","hiddenSize":100,"activation":"sigmoid","weightInit":"std","optimizer":"sgd",
                 "learningRate":0.1,"batchSize":100,"epochs":5,"seed":42,"name":"first-net",
                 "earlyStopping":{"patience":3,"minDelta":0.0005},"gradientCheck":true,"trainMetrics":"full"}""");
        assertThat(spec).isEqualTo(new JobSpec("first-net", "mnist", 100L, "sigmoid", "std", "sgd", 0.1, 100L, 5L,
                null, 42L, new JobSpec.EarlyStoppingSpec(3L, 0.0005), true, "full"));
    }

    @Test
    void anEmptyObjectAsksForNothing() {
        assertThat(spec("{}")).isEqualTo(JobSpec.defaults());
    }

    @Test
    void unknownFieldsAreNamedWithASuggestion() {
        assertThatThrownBy(() -> spec("{\"hidenSize\": 20, \"earlyStopping\": {\"patiense\": 2}, \"colour\": 1}"))
                .isInstanceOfSatisfying(InvalidJobRequestException.class, e -> {
                    assertThat(e.violations()).extracting(JobViolation::field)
                            .containsExactlyInAnyOrder("hidenSize", "colour", "earlyStopping.patiense");
                    assertThat(e.violations()).filteredOn(v -> v.field().equals("hidenSize")).singleElement()
                            .extracting(JobViolation::message).asString()
                            .contains("did you mean 'hiddenSize'?").contains("known fields: name, dataset");
                    assertThat(e.violations()).filteredOn(v -> v.field().equals("colour")).singleElement()
                            .extracting(JobViolation::message).asString().doesNotContain("did you mean");
                });
    }

    @Test
    void wholeNumbersMustBeWhole() {
        assertThat(spec("{\"epochs\": 2.0, \"seed\": 1e3}").epochs()).isEqualTo(2L);
        assertThatThrownBy(() -> spec("{\"hiddenSize\": 1.5}")).isInstanceOfSatisfying(
                InvalidJobRequestException.class, e -> assertThat(e.violations())
                        .containsExactly(new JobViolation("hiddenSize", "must be a whole number, was 1.5")));
        assertThatThrownBy(() -> spec("{\"batchSize\": 1e40}")).isInstanceOfSatisfying(
                InvalidJobRequestException.class, e -> assertThat(e.violations()).singleElement()
                        .extracting(JobViolation::field).isEqualTo("batchSize"));
    }

    @Test
    void fieldsThatCannotBeReadAreLeftToTheirDefaults() {
        JobRequest request = json.readValue("{\"hiddenSize\": 1.5, \"epochs\": 3, \"hidenSize\": 2}",
                JobRequest.class);
        assertThat(request.toSpec().hiddenSize()).isNull();
        assertThat(request.toSpec().epochs()).isEqualTo(3L);
        assertThat(request.readErrors()).extracting(JobViolation::field).containsExactly("hidenSize", "hiddenSize");
    }
}
