package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Client mistakes that used to be answered 500 (issue 9, item 6) and the browser attacks and inconsistencies of
 * item 9: cross-site mutations without an API key, security headers, duplicate JSON keys, imported model names.
 */
class HostileClientIntegrationTests extends ServiceTestContext {

    /** Fails validation, so that a request that gets through the filters queues nothing. */
    private static final String INVALID_JOB = "{\"hiddenSize\":-1}";

    // --- item 6: client mistakes are 4xx problem details ---

    @Test
    void anEmptyBodyToV2InferIsA400() {
        Http.Response response = http.post("/v2/models/latest/infer", "application/json", new byte[0]);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isNotBlank();
    }

    @Test
    void multipartWithoutABoundaryIsA400NamingContentType() {
        for (String path : new String[] {"/models", "/predict/image"}) {
            Http.Response response = http.post(path, "multipart/form-data", "--x\r\n\r\n".getBytes());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).contains("application/problem+json");
            assertThat(response.json().get("field").asString()).isEqualTo("Content-Type");
        }
    }

    @Test
    void aGzipEncodedBodyIsA415NamingContentEncoding() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("{\"pixels\":[0]}".getBytes(StandardCharsets.UTF_8));
        }
        for (String path : new String[] {"/predict", "/jobs"}) {
            Http.Response response = http.post(path, "application/json", zipped.toByteArray(),
                    "Content-Encoding", "gzip");
            assertThat(response.status()).as(path).isEqualTo(415);
            assertThat(response.json().get("detail").asString()).contains("Content-Encoding").contains("gzip");
        }
    }

    // --- item 9: browser attacks and consistency ---

    @Test
    void mutationsFromAnotherSiteAreRefusedWith403() {
        Http.Response foreignOrigin = http.postJson("/jobs", INVALID_JOB, "Origin", "http://evil.example");
        assertThat(foreignOrigin.status()).isEqualTo(403);
        assertThat(foreignOrigin.json().get("type").asString()).isEqualTo("urn:digitnet:problem:cross-site-request");

        Http.Response otherPort = http.postJson("/jobs", INVALID_JOB, "Origin", "http://localhost:1");
        assertThat(otherPort.status()).isEqualTo(403);

        Http.Response crossSite = http.post("/models", Http.multipart("weights", "w.npz", new byte[10]).contentType(),
                Http.multipart("weights", "w.npz", new byte[10]).body(), "Sec-Fetch-Site", "cross-site");
        assertThat(crossSite.status()).isEqualTo(403);

        Http.Response delete = http.delete("/jobs/" + UUID.randomUUID(), "Origin", "null");
        assertThat(delete.status()).isEqualTo(403);
    }

    @Test
    void sameOriginRequestsAndClientsThatAreNotBrowsersGetThrough() {
        Http.Response sameOrigin = http.postJson("/jobs", INVALID_JOB, "Origin", "http://localhost:" + port,
                "Sec-Fetch-Site", "same-origin");
        assertThat(sameOrigin.status()).isEqualTo(400);
        assertThat(http.postJson("/jobs", INVALID_JOB).status()).isEqualTo(400);
        // predictions change nothing: a page elsewhere may still ask for one
        Http.Response prediction = http.postJson("/predict", "{\"pixels\":[0]}", "Origin", "http://evil.example");
        assertThat(prediction.status()).isNotEqualTo(403);
    }

    @Test
    void thePageAndTheApiCarryNosniffFramingProtectionAndAContentSecurityPolicy() {
        for (String path : new String[] {"/", "/index.html", "/jobs", "/jobs/" + UUID.randomUUID()}) {
            Http.Response response = http.get(path);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).get().asString()
                    .contains("frame-ancestors 'none'").contains("script-src 'self'");
        }
    }

    @Test
    void aDuplicateJsonKeyIsRefusedByTheJobsApi() {
        Http.Response response = http.postJson("/jobs", "{\"hiddenSize\":10,\"hiddenSize\":-1}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).containsIgnoringCase("duplicate").contains("hiddenSize");
    }

    @Test
    void importedModelNamesFollowTheJobNameRules() {
        for (String name : new String[] {"bell\\u0007", "x".repeat(101)}) {
            String boundary = "----digitnet" + UUID.randomUUID();
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"weights\"; filename=\"w.npz\""
                    + "\r\nContent-Type: application/octet-stream\r\n\r\nnot an npz\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"name\":\"" + name + "\"}\r\n--"
                    + boundary + "--\r\n";
            Http.Response response = http.post("/models", "multipart/form-data; boundary=" + boundary,
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("field").asString()).isEqualTo("name");
        }
    }
}
