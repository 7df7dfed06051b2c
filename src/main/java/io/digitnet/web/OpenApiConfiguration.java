package io.digitnet.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): what springdoc reads from
 * the controllers' annotations, plus what holds for every endpoint ({@link OpenApiConventions}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String API_KEY_HEADER = "apiKeyHeader";

    private static final String DESCRIPTION = """
            Trains two-layer neural networks on MNIST and Fashion-MNIST and serves their predictions.

            * **jobs**: submit a training job, watch it (poll or server-sent events), cancel it.
            * **models**: the stored models (numpy-compatible `weights.npz`), their aliases and evaluations.
            * **prediction**: `POST /predict` with one image or a batch of 784-pixel images, or a PNG/JPEG upload.
            * **V2**: the Open Inference Protocol (KServe / Triton V2) over REST.

            **Errors** are RFC 9457 problem details (`application/problem+json`) with a `type` such as
            `urn:digitnet:problem:invalid-request`; a 400 about a field names it (`errors[].field`). The V2 endpoints
            answer `{"error": "..."}` as their protocol specifies.

            **API key**: when the service has one (`DIGITNET_API_KEY`), every operation that changes something (on
            jobs and models; on prediction too with `digitnet.security.protect-predict=true`) needs it, as
            `Authorization: Bearer <key>` or `X-API-Key: <key>`; use *Authorize* above. Reads stay open.

            **Limits** (`digitnet.limits.*`, `digitnet.inference.*`, `digitnet.jobs.*`): request body sizes
            (413), images per prediction request (400), queued jobs (429), concurrent event streams (503).""";

    @Bean
    OpenAPI digitnetOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("digitnet API").description(DESCRIPTION)
                        .version(properties == null ? "development" : properties.getVersion()))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Authorization: Bearer <the service's API key>"))
                        .addSecuritySchemes(API_KEY_HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("X-API-Key: <the service's API key>"))
                        .addExamples("predict-one", new Example().summary("One image (a drawn 7)")
                                .value(OpenApiExamples.predictOne()))
                        .addExamples("predict-batch", new Example().summary("A batch of two images, latest model")
                                .value(OpenApiExamples.predictBatch()))
                        .addExamples("v2-infer", new Example().summary("Two images as one [2, 784] tensor")
                                .value(OpenApiExamples.v2Infer())));
    }

    @Bean
    OpenApiCustomizer digitnetOpenApiConventions(SecuritySettings security, LimitSettings limits,
                                                 ObjectProvider<EndpointGroup> endpoints) {
        return new OpenApiConventions(security, limits, endpoints.orderedStream().toList());
    }
}
