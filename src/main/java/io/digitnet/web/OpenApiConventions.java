package io.digitnet.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.swagger.v3.core.util.Json31;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What holds for every operation, written once instead of on every controller method: the API key where
 * {@link SecuritySettings#requiresKey} asks for it (401), the body limits (413), the generic 500, and the shape of
 * every error response, a {@code ProblemDetail} (on the V2 protocol's paths, its {@code {"error": ...}}), each with
 * an example. Controllers document what is particular to them (summaries, their 4xx and what they mean).
 */
class OpenApiConventions implements OpenApiCustomizer {

    static final String PROBLEM = "ProblemDetail";
    static final String V2_ERROR = "V2Error";
    static final String PROBLEM_JSON = "application/problem+json";
    static final List<Tag> TAGS = List.of(
            new Tag().name("datasets").description("Built-in and uploaded datasets: class names, sizes, images, "
                    + "uploads (CSV, IDX, image folders)"),
            new Tag().name("jobs").description("Training jobs: submit, watch (poll or server-sent events), cancel"),
            new Tag().name("sweeps").description("Sweeps: many job configurations compared in one request (grid or "
                    + "random search), ranked in a live leaderboard, the best promoted"),
            new Tag().name("models").description("Stored models: metadata, weights.npz download and import, "
                    + "aliases, evaluation on the test set"),
            new Tag().name("prediction").description("Digits predicted from 784-pixel images or PNG/JPEG uploads"),
            new Tag().name("V2").description("Open Inference Protocol (KServe / Triton V2), REST; errors are "
                    + "{\"error\": \"...\"}"));

    private final SecuritySettings security;
    private final LimitSettings limits;
    private final List<EndpointGroup> endpoints;

    OpenApiConventions(SecuritySettings security, LimitSettings limits, List<EndpointGroup> endpoints) {
        this.security = security;
        this.limits = limits;
        this.endpoints = endpoints;
    }

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, problemSchema()).addSchemas(V2_ERROR, v2ErrorSchema());
        api.setTags(TAGS);
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> apply(path, method, operation)));
        }
        removeUnreferencedSchemas(api);
    }

    private void apply(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (security.requiresKey(method.name(), path, endpoints)) {
            operation.addSecurityItem(new SecurityRequirement().addList(OpenApiConfiguration.BEARER));
            operation.addSecurityItem(new SecurityRequirement().addList(OpenApiConfiguration.API_KEY_HEADER));
            responses.putIfAbsent("401", new ApiResponse().description("The API key is missing or wrong"));
        }
        boolean hasQuery = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()));
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("400", new ApiResponse().description("The request is invalid; the problem says "
                    + "what is wrong and names the field"));
            responses.putIfAbsent("413", new ApiResponse().description("The request body is larger than its limit "
                    + "(digitnet.limits.* or the feature's own setting)"));
        } else if (hasQuery) {
            responses.putIfAbsent("400", new ApiResponse().description("A parameter is invalid; the problem names it"));
        }
        responses.putIfAbsent("500", new ApiResponse().description("An unexpected error; the details are only in "
                + "the server's log"));
        String tag = operation.getTags() == null || operation.getTags().isEmpty() ? "" : operation.getTags().get(0);
        long bodyLimit = isMultipart(operation) ? limits.uploadSize().toBytes()
                : limits.limitFor(path, "application/json", endpoints).bytes();
        responses.forEach((code, response) -> {
            int status = Integer.parseInt(code);
            boolean protocolAnswer = path.startsWith("/v2/health/") && status == 400; // {"live": false}
            if (status >= 400 && !protocolAnswer) {
                response.setContent(errorContent(ProblemExamples.of(path, tag, status, bodyLimit), path, status));
                if (status == 429 || status == 503) {
                    response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before "
                            + "trying again").schema(schema("integer")));
                }
            }
        });
    }

    /**
     * Problem details everywhere; on {@code /v2/...} the protocol's {@code {"error": ...}}, except where a servlet
     * filter answers before the endpoint (401; 413 on a declared Content-Length): a problem detail that also
     * carries {@code error}.
     */
    private static Content errorContent(Map<String, Object> problem, String path, int status) {
        MediaType problemType = new MediaType().schema(ref(PROBLEM)).example(problem);
        if (!path.startsWith("/v2/")) {
            return new Content().addMediaType(PROBLEM_JSON, problemType);
        }
        Map<String, Object> error = Map.of("error", problem.get("detail"));
        MediaType v2 = new MediaType().schema(ref(V2_ERROR)).example(error);
        if (status == 401) {
            problem.put("error", problem.get("detail"));
            return new Content().addMediaType(PROBLEM_JSON, problemType);
        }
        if (status == 413) {
            problem.put("error", problem.get("detail"));
            return new Content().addMediaType("application/json", v2).addMediaType(PROBLEM_JSON, problemType);
        }
        return new Content().addMediaType("application/json", v2);
    }

    private static boolean isMultipart(Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().containsKey("multipart/form-data");
    }

    /** Schemas springdoc made for return types that the annotations then replaced (e.g. SseEmitter). */
    private static void removeUnreferencedSchemas(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        boolean removed = true;
        while (removed && schemas != null) {
            String json = Json31.pretty(api);
            removed = schemas.keySet().removeIf(name -> !json.contains("\"#/components/schemas/" + name + "\""));
        }
    }

    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", schema("string").format("uri-reference")
                .description("What kind of problem: urn:digitnet:problem:<kind>, or about:blank when the status says "
                        + "it all").example("urn:digitnet:problem:invalid-request"));
        properties.put("title", schema("string").description("Short summary of the kind of problem")
                .example("Invalid job request"));
        properties.put("status", schema("integer").format("int32").description("The HTTP status").example(400));
        properties.put("detail", schema("string").description("What went wrong in this request, in words")
                .example("hiddenSize: must be between 1 and 1000, was 5000"));
        properties.put("instance", schema("string").format("uri-reference").description("The request's path")
                .example("/jobs"));
        properties.put("errors", schema("array").description("For invalid fields or parameters: each one named")
                .items(fieldError()));
        properties.put("field", schema("string").description("The field or part at fault, where there is one"));
        return schema("object").description("An RFC 9457 problem detail (application/problem+json)")
                .required(List.of("type", "title", "status")).properties(properties)
                .additionalProperties(Boolean.TRUE);
    }

    private static Schema<?> fieldError() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("field", schema("string").example("hiddenSize"));
        properties.put("message", schema("string").example("must be between 1 and 1000, was 5000"));
        return schema("object").required(List.of("field", "message")).properties(properties);
    }

    private static Schema<?> v2ErrorSchema() {
        return schema("object").description("An error of the Open Inference Protocol")
                .required(List.of("error"))
                .properties(Map.of("error", schema("string").example("no model or alias named 'production'")));
    }

    private static Schema<Object> schema(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }
}
