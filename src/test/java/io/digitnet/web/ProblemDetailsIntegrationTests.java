package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Every error a client can cause is an RFC 9457 problem detail that says what is wrong (and, where a field or
 * parameter is at fault, names it); an unexpected exception is a generic 500 that reveals nothing; each failed
 * request is one log line, with the stack trace only for 5xx and only in the server's log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProblemDetailsIntegrationTests extends ServiceTestContext {

    @Test
    void clientErrorsAreProblemDetailsNamingTheField() {
        assertField(http.postJson("/jobs", "{\"hidenSize\":20}"), 400, "hidenSize");
        assertField(http.postJson("/jobs", "{\"hiddenSize\":\"many\"}"), 400, "hiddenSize");
        assertField(http.postJson("/jobs", "{\"hiddenSize\":0}"), 400, "hiddenSize");
        assertField(http.postJson("/jobs", "{\"earlyStopping\":{\"patience\":1.5}}"), 400, "earlyStopping.patience");
        assertField(http.get("/jobs?page=first"), 400, "page");
        assertField(http.get("/jobs?size=0"), 400, "size");
        assertField(http.get("/jobs?status=DONE"), 400, "status");
        assertField(http.delete("/models/m-20260101120000000-1a2b3c?force=maybe"), 400, "force");

        Http.Multipart noWeights = Http.multipart("weightz", "w.npz", new byte[] {1});
        assertField(http.post("/models", noWeights.contentType(), noWeights.body()), 400, "weights");
        Http.Multipart noImage = Http.multipart("picture", "d.png", new byte[] {1});
        assertField(http.post("/predict/image", noImage.contentType(), noImage.body()), 400, "image");

        // /predict reads its body with a streaming parser: the detail names the field and the index
        assertDetail(http.postJson("/predict", "{\"pixels\":[0.5,0.5,0.5]}"), 400, "pixels has 3 values");
        assertDetail(http.postJson("/predict", "{\"pixels\":[" + "0,".repeat(783) + "\"x\"]}"), 400, "pixels[783]");
        assertDetail(http.postJson("/predict", "{\"pixles\":[]}"), 400, "unknown field \"pixles\"");
        assertDetail(http.postJson("/predict", "{\"pixels\":[0,"), 400, "malformed JSON");
    }

    @Test
    void requestsTheApiDoesNotServeAreProblemDetailsToo() {
        assertDetail(http.postJson("/jobs", "{\"hiddenSize\":"), 400, "not valid JSON");
        assertProblem(http.postJson("/jobs", "[1,2]"), 400);
        assertProblem(http.post("/jobs", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)), 415);
        assertProblem(http.put("/jobs"), 405);
        assertProblem(http.get("/no/such/endpoint"), 404);
        assertDetail(http.get("/jobs/00000000-0000-0000-0000-000000000000"), 404, "no job");
        assertDetail(http.get("/models/m-20990101000000000-abcdef"), 404, "no model");
        assertDetail(http.get("/models/not_an_id!"), 400, "neither a model id nor an alias");
    }

    @Test
    void anUnexpectedExceptionIsAGeneric500AndItsStackTraceStaysInTheLog(CapturedOutput output) {
        Http.Response response = http.get("/test/failure");

        assertProblem(response, 500);
        assertThat(response.problemType()).isEqualTo("urn:digitnet:problem:internal-error");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("The server could not complete the request. The error has been logged.");
        assertThat(response.body()).doesNotContain(FailingTestController.INTERNALS, "IllegalStateException",
                "FailingTestController", "at io.", "trace", "exception");

        assertThat(output.getAll()).contains("ERROR")
                .contains("request failed method=GET path=/test/failure status=500 "
                        + "type=urn:digitnet:problem:internal-error title=\"Internal server error\" durationMs=")
                .contains("java.lang.IllegalStateException: " + FailingTestController.INTERNALS)
                .contains("at io.digitnet.web.FailingTestController.fail(");
    }

    @Test
    void aClientErrorIsOneLogLineWithoutAStackTrace(CapturedOutput output) {
        http.postJson("/jobs", "{\"hidenSize\":20}");
        http.get("/models/m-20990101000000000-abcdef");

        String log = output.getAll();
        assertThat(log.lines().filter(line -> line.contains("request failed")).toList()).satisfiesExactly(
                line -> assertThat(line).contains("request failed method=POST path=/jobs status=400 "
                        + "type=urn:digitnet:problem:invalid-request title=\"Invalid job request\" durationMs="),
                line -> assertThat(line).contains("request failed method=GET path=/models/m-20990101000000000-abcdef "
                        + "status=404 type=urn:digitnet:problem:model-not-found title=\"Model not found\" durationMs="));
        assertThat(log).contains(" INFO ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(log).containsPattern("durationMs=\\d+");
    }

    private static void assertField(Http.Response response, int status, String field) {
        assertProblem(response, status);
        JsonNode errors = response.json().get("errors");
        JsonNode single = response.json().get("field");
        boolean named = single != null && single.asString().equals(field);
        if (errors != null) {
            for (JsonNode error : errors) {
                named |= error.get("field").asString().equals(field) && !error.get("message").asString().isBlank();
            }
        }
        assertThat(named).as("names the field %s: %s", field, response.body()).isTrue();
    }

    private static void assertDetail(Http.Response response, int status, String detail) {
        assertProblem(response, status);
        assertThat(response.json().get("detail").asString()).contains(detail);
    }

    private static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
        assertThat(response.json().has("detail")).as(response.body()).isTrue();
        assertThat(response.body()).doesNotContain("\tat ", "Exception");
    }
}
