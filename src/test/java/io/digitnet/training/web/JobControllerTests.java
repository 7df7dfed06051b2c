package io.digitnet.training.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.digitnet.datasets.DatasetCatalog;
import io.digitnet.training.JobConfigResolver;
import io.digitnet.training.JobStatus;
import io.digitnet.training.JobsSettings;
import io.digitnet.training.TestJobs;
import io.digitnet.training.TrainingJobs;
import io.digitnet.web.ProblemDetailsAdvice;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The HTTP mapping of {@link JobController} with the real job service, repository and queue behind it, but no
 * training workers (so jobs stay QUEUED) and a catalog that only knows the datasets' sizes (loading one fails).
 */
@WebMvcTest(JobController.class)
@Import({JobControllerTests.Slice.class, ProblemDetailsAdvice.class})
class JobControllerTests {

    @TempDir
    static Path jobsDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("digitnet.jobs.dir", () -> jobsDir.toString());
        registry.add("digitnet.jobs.queue-capacity", () -> "2");
    }

    @TestConfiguration
    @EnableConfigurationProperties(JobsSettings.class)
    @ComponentScan(basePackageClasses = TrainingJobs.class, useDefaultFilters = false, includeFilters = {
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = {
                    "io\\.digitnet\\.training\\.(TrainingJobs|JobConfigResolver|FileJobRepository|InMemoryJobQueue|"
                            + "JobPersistence|WorkerAvailability)",
                    "io\\.digitnet\\.training\\.web\\.JobEventStreams"})})
    static class Slice {
        @Bean
        DatasetCatalog datasetCatalog() {
            return TestJobs.sizesOnlyCatalog();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TrainingJobs jobs;

    @AfterEach
    void emptyTheQueue() {
        jobs.withStatus(JobStatus.QUEUED).forEach(job -> jobs.cancel(job.id()));
    }

    private String submit(String body) throws Exception {
        MvcResult result = mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted()).andReturn();
        return result.getResponse().getHeader("Location").substring("/jobs/".length());
    }

    @Test
    void anEmptyBodyQueuesAnMnistJobWithEveryEffectiveHyperparameter() throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", matchesPattern("/jobs/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.status").value("QUEUED"))
                .andExpect(jsonPath("$.config.dataset").value("mnist"))
                .andExpect(jsonPath("$.config.hiddenSize").value(50))
                .andExpect(jsonPath("$.config.activation").value("sigmoid"))
                .andExpect(jsonPath("$.config.weightInit").value("std"))
                .andExpect(jsonPath("$.config.optimizer").value("sgd"))
                .andExpect(jsonPath("$.config.learningRate").value(0.1))
                .andExpect(jsonPath("$.config.batchSize").value(100))
                .andExpect(jsonPath("$.config.epochs").value(5))
                .andExpect(jsonPath("$.config.seed").isNumber())
                .andExpect(jsonPath("$.config.randomSeed").value(true))
                .andExpect(jsonPath("$.progress").value(0.0))
                .andExpect(jsonPath("$.epochs").value(5))
                .andExpect(jsonPath("$.iterations").value(3000))
                .andExpect(jsonPath("$.history", hasSize(0)))
                .andExpect(jsonPath("$.createdAt").isString())
                .andExpect(jsonPath("$.gradientCheckError").doesNotExist());
    }

    /** The catalog here refuses to load a dataset: a submission must learn the size from metadata alone. */
    @Test
    void aSubmissionReadsTheDatasetsSizeButNotItsPixels() throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dataset\":\"fashion-mnist\",\"earlyStopping\":{}}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.config.validation.size").value(6000))
                .andExpect(jsonPath("$.config.trainSize").value(54000));
    }

    @Test
    void noBodyAtAllIsAnEmptyRequest() throws Exception {
        mvc.perform(post("/jobs")).andExpect(status().isAccepted()).andExpect(jsonPath("$.config.dataset")
                .value("mnist"));
    }

    @Test
    void aJobCanBeReadBack() throws Exception {
        String id = submit("{\"name\":\"first-net\",\"seed\":42,\"iterations\":300}");
        mvc.perform(get("/jobs/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.name").value("first-net"))
                .andExpect(jsonPath("$.config.seed").value(42))
                .andExpect(jsonPath("$.config.randomSeed").value(false))
                .andExpect(jsonPath("$.config.iterations").value(300))
                .andExpect(jsonPath("$.iterations").value(300))
                .andExpect(jsonPath("$.epochs").value(1));
    }

    static List<Arguments> badBodies() {
        return List.of(
                Arguments.of("{\"hidenSize\": 20}", "hidenSize", "did you mean 'hiddenSize'"),
                Arguments.of("{\"earlyStopping\": {\"patiense\": 2}}", "earlyStopping.patiense", "unknown field"),
                Arguments.of("{\"dataset\": \"cifar\"}", "dataset", "must be one of: fashion-mnist, mnist"),
                Arguments.of("{\"activation\": \"tanh\"}", "activation", "must be one of: sigmoid, relu"),
                Arguments.of("{\"optimizer\": \"rmsprop\"}", "optimizer", "sgd, momentum, adam"),
                Arguments.of("{\"weightInit\": \"glorot\"}", "weightInit", "std, xavier, he"),
                Arguments.of("{\"hiddenSize\": 0}", "hiddenSize", "between 1 and 1000"),
                Arguments.of("{\"hiddenSize\": 100000}", "hiddenSize", "between 1 and 1000"),
                Arguments.of("{\"hiddenSize\": 1.5}", "hiddenSize", "whole number"),
                Arguments.of("{\"hiddenSize\": \"many\"}", "hiddenSize", "must be a number"),
                Arguments.of("{\"learningRate\": -0.1}", "learningRate", "greater than 0"),
                Arguments.of("{\"batchSize\": 70000}", "batchSize", "must not exceed the training set"),
                Arguments.of("{\"epochs\": 2, \"iterations\": 100}", "iterations", "either epochs or iterations"),
                Arguments.of("{\"epochs\": 1000}", "epochs", "limit"),
                Arguments.of("{\"earlyStopping\": {\"patience\": 0}}", "earlyStopping.patience", "between 1"),
                Arguments.of("{\"gradientCheck\": \"yes\"}", "gradientCheck", "must be true or false"),
                Arguments.of("{\"earlyStopping\": 3}", "earlyStopping", "must be an object"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void eachKindOfBadBodyIsA400NamingTheField(String body, String field, String message) throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message", containsString(message)))
                .andExpect(jsonPath("$.detail", containsString(field)));
    }

    @Test
    void everyViolationIsReportedAtOnceUnknownFieldsFirst() throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hidenSize\": 20, \"activation\": \"tanh\", \"batchSize\": 70000}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains(
                        "hidenSize", "activation", "batchSize")));
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"hiddenSize\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Unreadable request body"))
                .andExpect(jsonPath("$.detail", containsString("not valid JSON")));
    }

    @Test
    void anUnknownJobIsA404() throws Exception {
        mvc.perform(get("/jobs/nope")).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("no job with id 'nope'"));
        mvc.perform(delete("/jobs/nope")).andExpect(status().isNotFound());
        mvc.perform(get("/jobs/nope/events")).andExpect(status().isNotFound());
    }

    @Test
    void cancellingAQueuedJobEndsItAndCancellingAgainIsAConflict() throws Exception {
        String id = submit("{}");
        mvc.perform(delete("/jobs/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.finishedAt").isString());
        mvc.perform(delete("/jobs/" + id)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("already finished (CANCELLED)")));
    }

    @Test
    void aFullQueueIsA429WithRetryAfter() throws Exception {
        submit("{}");
        submit("{}");
        mvc.perform(post("/jobs").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "10"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Training queue full"))
                .andExpect(jsonPath("$.detail", containsString("queue is full (2 jobs waiting)")));
    }

    @Test
    void listsNewestFirstPagedAndFiltered() throws Exception {
        String first = submit("{\"name\":\"list-1\"}");
        String second = submit("{\"name\":\"list-2\"}");
        jobs.cancel(first);

        mvc.perform(get("/jobs").param("size", "1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.content", hasSize(1)))
                .andExpect(jsonPath("$.content[0].id").value(second))
                .andExpect(jsonPath("$.size").value(1))
                .andExpect(jsonPath("$.page").value(0));
        mvc.perform(get("/jobs").param("status", "queued")).andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].status", org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.is("QUEUED"))))
                .andExpect(jsonPath("$.content[0].id").value(second));
        mvc.perform(get("/jobs").param("status", "CANCELLED,QUEUED").param("size", "100"))
                .andExpect(jsonPath("$.content[?(@.id == '" + first + "')]").exists())
                .andExpect(jsonPath("$.content[?(@.id == '" + second + "')]").exists());
    }

    @Test
    void listsTheTrialsOfOneSweep() throws Exception {
        String alone = submit("{\"name\":\"not-a-trial\"}");
        String trial = jobs.submitTrial(io.digitnet.training.JobSpec.defaults(), "sweep-1").id();
        mvc.perform(get("/jobs").param("sweepId", "sweep-1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.content", hasSize(1)))
                .andExpect(jsonPath("$.content[0].id").value(trial))
                .andExpect(jsonPath("$.content[0].sweepId").value("sweep-1"))
                .andExpect(jsonPath("$.totalElements").value(1));
        mvc.perform(get("/jobs").param("sweepId", "sweep-1").param("status", "CANCELLED"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.content", hasSize(0)));
        mvc.perform(get("/jobs").param("sweepId", "no-such-sweep")).andExpect(status().isOk())
                .andExpect(jsonPath("$.content", hasSize(0)));
        mvc.perform(get("/jobs").param("size", "100")).andExpect(status().isOk())
                .andExpect(jsonPath("$.content[?(@.id == '" + alone + "')]").exists())
                .andExpect(jsonPath("$.content[?(@.id == '" + trial + "')]").exists());
    }

    @Test
    void badListParametersAre400s() throws Exception {
        mvc.perform(get("/jobs").param("sweepId", " ")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sweepId"));
        mvc.perform(get("/jobs").param("status", "DONE")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"))
                .andExpect(jsonPath("$.errors[0].message", containsString("QUEUED, RUNNING")));
        mvc.perform(get("/jobs").param("size", "0")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/jobs").param("page", "x")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("page")));
    }

    @Test
    void theEventStreamOfAFinishedJobSendsItsFinalStatusAndEnds() throws Exception {
        String id = submit("{}");
        jobs.cancel(id);
        MvcResult result = mvc.perform(get("/jobs/" + id + "/events")).andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(result)).andExpect(status().isOk())
                .andExpect(content().string(containsString("event:status")))
                .andExpect(content().string(containsString("\"status\":\"CANCELLED\"")));
    }
}
