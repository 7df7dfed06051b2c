package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.digitnet.models.ModelDraft;
import io.digitnet.models.ModelStore;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Names;
import io.digitnet.nn.OptimizerType;
import io.digitnet.nn.TrainMetrics;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.WeightInit;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v3/api-docs} as a client gets it: valid OpenAPI by an independent parser (swagger-parser), every controller
 * endpoint that Spring MVC actually serves documented with a tag and a summary, errors in the problem-detail shape,
 * the API key on exactly the operations that need it, and the documented examples accepted by the service.
 */
class OpenApiDocumentIntegrationTests extends ServiceTestContext {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    SecuritySettings security;
    @Autowired
    List<EndpointGroup> endpoints;
    @Autowired
    BuildProperties build;
    @Autowired
    ModelStore store;

    String document;
    OpenAPI api;

    @BeforeEach
    void fetchAndParse() throws Exception {
        Http.Response response = http.get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        document = response.body();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), document); // for people to look at
        SwaggerParseResult result = new OpenAPIParser().readContents(document, null, null);
        assertThat(result.getMessages()).as("swagger-parser's messages").isEmpty();
        api = result.getOpenAPI();
    }

    @Test
    void theDocumentIsValidOpenApiWithTheBuildVersionAndTheSixTags() {
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getInfo().getTitle()).isEqualTo("digitnet API");
        assertThat(api.getInfo().getVersion()).isEqualTo(build.getVersion());
        assertThat(api.getTags()).extracting(Tag::getName).containsExactly("datasets", "jobs", "sweeps", "models",
                "prediction", "V2");
        assertThat(api.getTags()).allSatisfy(tag -> assertThat(tag.getDescription()).isNotBlank());
        assertThat(api.getComponents().getSecuritySchemes()).containsKeys("bearer", "apiKeyHeader");
        assertThat(api.getComponents().getSecuritySchemes().get("apiKeyHeader").getName()).isEqualTo("X-API-Key");
        assertThat(api.getComponents().getSchemas().get("ProblemDetail").getProperties())
                .containsKeys("type", "title", "status", "detail", "instance", "errors");
    }

    @Test
    void theJobListDocumentsItsFilterBySweep() {
        Operation list = api.getPaths().get("/jobs").getGet();
        assertThat(list.getParameters()).extracting(p -> p.getName()).contains("status", "sweepId", "page", "size");
        assertThat(list.getParameters()).filteredOn(p -> p.getName().equals("sweepId")).singleElement()
                .satisfies(p -> {
                    assertThat(p.getIn()).isEqualTo("query");
                    assertThat(p.getRequired()).isNotEqualTo(Boolean.TRUE);
                    assertThat(p.getDescription()).contains("sweep");
                });
    }

    @Test
    void everyControllerEndpointIsDocumentedWithATagASummaryAndItsResponses() {
        List<Endpoint> endpoints = controllerEndpoints();
        // the API as the issues define it, so that an empty enumeration cannot pass
        assertThat(endpoints).extracting(Endpoint::toString).contains("POST /jobs", "GET /jobs/{id}/events",
                "POST /predict", "POST /predict/image", "POST /models", "PUT /models/{id}/aliases/{alias}",
                "POST /v2/models/{name}/infer", "GET /v2/health/ready", "GET /datasets/{name}/images/{split}/{index}");
        List<String> tagNames = api.getTags().stream().map(Tag::getName).toList();

        for (Endpoint endpoint : endpoints) {
            PathItem item = api.getPaths().get(endpoint.path());
            assertThat(item).as("%s is in the document", endpoint).isNotNull();
            Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(endpoint.method()));
            assertThat(operation).as("%s is in the document", endpoint).isNotNull();
            assertThat(operation.getTags()).as("%s: tags", endpoint).hasSize(1).isSubsetOf(tagNames);
            assertThat(operation.getSummary()).as("%s: summary", endpoint).isNotBlank();
            assertThat(operation.getResponses().keySet()).as("%s: a success response", endpoint)
                    .anyMatch(code -> code.startsWith("2"));
            assertThat(operation.getResponses()).as("%s: the generic 500", endpoint).containsKey("500");
            operation.getResponses().forEach((code, response) -> {
                assertThat(response.getDescription()).as("%s %s: description", endpoint, code).isNotBlank();
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertErrorShape(endpoint, code, response.getContent());
                }
            });
        }
    }

    @Test
    void theApiKeyIsRequiredExactlyOnTheOperationsThatChangeSomething() {
        int secured = 0;
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Operation operation = entry.getValue();
                String what = entry.getKey() + " " + path.getKey();
                if (security.requiresKey(entry.getKey().name(), path.getKey(), endpoints)) {
                    secured++;
                    assertThat(operation.getSecurity()).as(what).extracting(SecurityRequirement::keySet)
                            .containsExactlyInAnyOrder(java.util.Set.of("bearer"), java.util.Set.of("apiKeyHeader"));
                    assertThat(operation.getResponses()).as(what).containsKey("401");
                } else {
                    assertThat(operation.getSecurity()).as(what).isNullOrEmpty();
                }
            }
        }
        // POST/DELETE /jobs, POST/DELETE /sweeps, POST /models, DELETE /models/{id}, PUT and DELETE of an alias,
        // POST /datasets, DELETE /datasets/{name}
        assertThat(secured).isEqualTo(10);
        assertThat(api.getPaths().get("/predict").getPost().getSecurity()).isNullOrEmpty();
    }

    /** What Swagger UI's "Try it out" sends: the documented example bodies, as they are, to the running service. */
    @Test
    void theDocumentedPredictionExamplesAreAcceptedAsTheyAre() throws Exception {
        store.save(new ModelDraft("for-examples", Activation.RELU, "mnist", Map.of(), Map.of(), null),
                Parameters.initialize(784, 20, 10, WeightInit.HE, 5, DataType.FLOAT));
        JsonNode examples = json.readTree(document).get("components").get("examples");

        for (String name : List.of("predict-one", "predict-batch")) {
            Http.Response response = http.postJson("/predict", examples.get(name).get("value").toString());
            assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(200);
        }
        assertThat(http.postJson("/predict", examples.get("predict-batch").get("value").toString()).json()
                .get("predictions")).hasSize(2);
        Http.Response v2 = http.postJson("/v2/models/latest/infer", examples.get("v2-infer").get("value").toString());
        assertThat(v2.status()).as(v2.body()).isEqualTo(200);
        assertThat(v2.json().get("outputs").get(0).get("shape").toString()).isEqualTo("[2,10]");
    }

    /** The configuration enums list their values, by the lower-case names clients send and the service answers. */
    @Test
    void theEnumsListTheirAllowedValues() {
        JsonNode schemas = json.readTree(document).get("components").get("schemas");
        Map<String, List<String>> expected = Map.of("activation", Names.all(Activation.class),
                "weightInit", Names.all(WeightInit.class), "optimizer", Names.all(OptimizerType.class),
                "trainMetrics", Names.all(TrainMetrics.class));
        assertThat(expected.get("activation")).containsExactly("sigmoid", "relu");
        assertThat(expected.get("optimizer")).containsExactly("sgd", "momentum", "adam");
        assertThat(expected.get("weightInit")).containsExactly("std", "xavier", "he");

        for (String record : List.of("JobRequest", "JobConfig")) {
            expected.forEach((field, values) -> {
                JsonNode property = resolve(schemas, schemas.get(record).get("properties").get(field));
                assertThat(property.get("enum")).as("%s.%s: enum", record, field).isNotNull();
                assertThat(property.get("enum").values()).as("%s.%s", record, field).extracting(JsonNode::asString)
                        .containsExactlyElementsOf(values);
            });
        }
        JsonNode architecture = resolve(schemas, schemas.get("Architecture").get("properties").get("activation"));
        assertThat(architecture.get("enum").values()).extracting(JsonNode::asString).containsExactly("sigmoid", "relu");
        assertThat(schemas.get("JobRequest").get("properties").get("dataset").get("description").asString())
                .contains("GET /datasets");
    }

    /**
     * Swagger UI shows a string property without an example, enum or format as {@code "string"}: every one in a
     * success response carries a real example instead.
     */
    @Test
    void responseExamplesHoldRealValuesNotPlaceholders() {
        JsonNode root = json.readTree(document);
        JsonNode schemas = root.get("components").get("schemas");
        java.util.Set<String> reached = new java.util.TreeSet<>();
        root.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode responses = operation.getValue().get("responses");
            if (responses == null) {
                return;
            }
            responses.properties().stream().filter(r -> r.getKey().startsWith("2") && r.getValue().has("content"))
                    .forEach(r -> r.getValue().get("content").values()
                            .forEach(media -> collect(schemas, media.get("schema"), reached)));
        }));
        assertThat(reached).as("schemas of success responses").contains("JobView", "JobConfig", "ModelDetails",
                "ModelSummary", "Architecture", "DatasetDescription", "SweepView");

        List<String> placeholders = new ArrayList<>();
        for (String name : reached) {
            JsonNode properties = schemas.get(name).get("properties");
            if (properties == null) {
                continue;
            }
            properties.properties().forEach(p -> {
                JsonNode property = p.getValue();
                boolean text = "string".equals(type(property));
                boolean described = property.has("example") || property.has("examples") || property.has("enum")
                        || property.has("format") || property.has("$ref");
                if (text && !described || "string".equals(property.path("example").asString(""))) {
                    placeholders.add(name + "." + p.getKey());
                }
            });
        }
        assertThat(placeholders).as("string properties that Swagger UI would show as \"string\"").isEmpty();
    }

    private static void collect(JsonNode schemas, JsonNode schema, java.util.Set<String> reached) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            if (reached.add(name)) {
                collect(schemas, schemas.get(name), reached);
            }
            return;
        }
        for (String key : List.of("items", "additionalProperties")) {
            if (schema.get(key) != null && schema.get(key).isObject()) {
                collect(schemas, schema.get(key), reached);
            }
        }
        for (String key : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.get(key) != null) {
                schema.get(key).values().forEach(s -> collect(schemas, s, reached));
            }
        }
        if (schema.get("properties") != null) {
            schema.get("properties").values().forEach(s -> collect(schemas, s, reached));
        }
    }

    private static JsonNode resolve(JsonNode schemas, JsonNode schema) {
        if (schema != null && schema.has("$ref")) {
            return schemas.get(schema.get("$ref").asString().replace("#/components/schemas/", ""));
        }
        return schema;
    }

    /** OpenAPI 3.1 writes {@code "type": ["string", "null"]} where 3.0 wrote {@code "type": "string"}. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return null;
        }
        if (type.isArray()) {
            return type.values().stream().map(JsonNode::asString).filter(t -> !t.equals("null")).findFirst()
                    .orElse(null);
        }
        return type.asString();
    }

    @Test
    void swaggerUiOpensAtSwaggerUiHtml() {
        Http.Response redirect = http.get("/swagger-ui.html");
        assertThat(redirect.status()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/swagger-ui/index.html");

        Http.Response page = http.get(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui");
        Http.Response config = http.get("/v3/api-docs/swagger-config");
        assertThat(config.json().get("url").asString()).isEqualTo("/v3/api-docs");
    }

    private void assertErrorShape(Endpoint endpoint, String code, io.swagger.v3.oas.models.media.Content content) {
        boolean v2 = endpoint.path().startsWith("/v2/");
        boolean protocolHealth = endpoint.path().startsWith("/v2/health/") && code.equals("400");
        assertThat(content).as("%s %s: content", endpoint, code).isNotEmpty();
        if (protocolHealth) {
            return; // {"live": false} / {"ready": false}, as the protocol answers
        }
        MediaType problem = content.get("application/problem+json");
        MediaType error = content.get("application/json");
        if (!v2 || code.equals("401")) {
            assertThat(problem).as("%s %s: problem+json", endpoint, code).isNotNull();
            assertThat(problem.getSchema().get$ref()).endsWith("/ProblemDetail");
            assertThat(problem.getExample()).as("%s %s: example", endpoint, code).isNotNull();
        } else {
            assertThat(error).as("%s %s: V2 error", endpoint, code).isNotNull();
            assertThat(error.getSchema().get$ref()).endsWith("/V2Error");
            assertThat(error.getExample()).as("%s %s: example", endpoint, code).isNotNull();
        }
    }

    /** Every path and method Spring MVC maps to this application's controllers (not springdoc's, not Boot's). */
    private List<Endpoint> controllerEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            boolean ours = handler.getBeanType().getPackageName().startsWith("io.digitnet");
            boolean hidden = AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Hidden.class)
                    || handler.hasMethodAnnotation(Hidden.class);
            if (!ours || hidden) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            assertThat(info.getMethodsCondition().getMethods()).as("%s names its HTTP method", handler).isNotEmpty();
            for (String path : info.getPatternValues()) {
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(new Endpoint(method.name(), path));
                }
            }
        }
        return endpoints;
    }

    record Endpoint(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
