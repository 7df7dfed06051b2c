package io.digitnet.inference.web;

import io.digitnet.inference.InferenceSettings;
import io.digitnet.inference.InputImages;
import io.digitnet.inference.OpenInference;
import io.digitnet.inference.Prediction;
import io.digitnet.inference.Predictions;
import io.digitnet.inference.ServedModel;
import io.digitnet.inference.ServedModels;
import io.digitnet.inference.ServingReadiness;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol (KServe / Triton V2) over REST. {@code {name}} is a model id or an alias; the
 * response's {@code model_version} is the id that computed it. Errors are {@code {"error": "..."}}
 * ({@link V2ErrorAdvice}); health answers 200 for true and 400 for false, as the protocol says.
 */
@Tag(name = "V2")
@ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
@ApiResponse(responseCode = "400", description = "Invalid request, or not live/ready",
        content = @Content(schema = @Schema(implementation = V2Responses.Error.class)))
@ApiResponse(responseCode = "404", description = "No such model or alias, or no model yet",
        content = @Content(schema = @Schema(implementation = V2Responses.Error.class)))
@ApiResponse(responseCode = "409", description = "The model's files are corrupt; it is not served",
        content = @Content(schema = @Schema(implementation = V2Responses.Error.class)))
@RestController
@RequestMapping("/v2")
class V2Controller {

    private static final String NAME = "A model id (m-20260101120000000-1a2b3c) or an alias (production, latest)";
    private static final String VERSION = "Optional: the model id that {name} must resolve to (a model's version "
            + "is its id); 404 when it resolves to another";
    private static final String INFER_EXAMPLE = "{\"model_name\":\"latest\",\"model_version\":"
            + "\"m-20260101120000000-1a2b3c\",\"id\":\"req-1\",\"parameters\":{\"dataset\":\"mnist\","
            + "\"class_names\":\"[\\\"7\\\"]\"},\"outputs\":[{\"name\":\"probabilities\","
            + "\"shape\":[1,10],\"datatype\":\"FP32\",\"data\":[0.0002,0.0011,0.0043,0.0086,0.0001,0.0004,"
            + "0.0000,0.9712,0.0021,0.0120]}]}";
    private static final List<V2Responses.TensorMetadata> INPUTS = List.of(new V2Responses.TensorMetadata(
            OpenInference.INPUT, OpenInference.FP32, new long[] {-1, InputImages.PIXELS}));

    private final ServedModels models;
    private final Predictions predictions;
    private final ServingReadiness readiness;
    private final int maxBatch;
    private final String version;
    private final ObjectWriter answerHeader;

    V2Controller(ServedModels models, Predictions predictions, ServingReadiness readiness,
                 InferenceSettings settings, ObjectProvider<BuildProperties> build, JsonMapper json) {
        this.answerHeader = json.writerFor(V2Responses.InferResponse.class);
        this.models = models;
        this.predictions = predictions;
        this.readiness = readiness;
        this.maxBatch = settings.maxBatch();
        BuildProperties info = build.getIfAvailable();
        this.version = info == null ? "unknown" : info.getVersion();
    }

    @Operation(summary = "Server metadata: name, version, protocol extensions")
    @ApiResponse(responseCode = "200", description = "The server's metadata")
    @GetMapping({"", "/"})
    V2Responses.ServerMetadata server() {
        return new V2Responses.ServerMetadata(OpenInference.PLATFORM, version, OpenInference.EXTENSIONS);
    }

    @Operation(summary = "Server liveness")
    @ApiResponse(responseCode = "200", description = "Live: {\"live\": true}")
    @ApiResponse(responseCode = "400", description = "Not live: {\"live\": false}, as the protocol answers",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Responses.Live.class)))
    @GetMapping("/health/live")
    ResponseEntity<V2Responses.Live> live() {
        boolean live = readiness.live();
        return ResponseEntity.status(live ? HttpStatus.OK : HttpStatus.BAD_REQUEST).body(new V2Responses.Live(live));
    }

    @Operation(summary = "Server readiness (the same answer as /actuator/health/readiness)")
    @ApiResponse(responseCode = "200", description = "Ready: {\"ready\": true}")
    @ApiResponse(responseCode = "400", description = "Not ready: {\"ready\": false}, as the protocol answers",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Responses.Ready.class)))
    @GetMapping("/health/ready")
    ResponseEntity<V2Responses.Ready> ready() {
        boolean ready = readiness.ready();
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                .body(new V2Responses.Ready(ready));
    }

    @Operation(summary = "Model metadata: input pixels FP32 [-1,784], output probabilities FP32 [-1,classes]",
            description = "parameters.dataset names the model's dataset; the output's parameters.class_names lists "
                    + "what each class means, in output order (a JSON array in a string)")
    @ApiResponse(responseCode = "200", description = "The model's metadata; versions holds the id {name} resolves to")
    @ApiResponse(responseCode = "400", description = "Malformed model id or alias")
    @ApiResponse(responseCode = "404", description = "No such model or alias")
    @ApiResponse(responseCode = "409", description = "The model's files are damaged; it is not served")
    @GetMapping({"/models/{name}", "/models/{name}/versions/{version}"})
    V2Responses.ModelMetadata metadata(@Parameter(description = NAME) @PathVariable String name,
                                       @Parameter(description = VERSION) @PathVariable(required = false)
                                       String version) {
        ServedModel model = models.get(name, version);
        int classes = model.predictor().outputSize();
        List<V2Responses.TensorMetadata> outputs = List.of(new V2Responses.TensorMetadata(OpenInference.OUTPUT,
                OpenInference.FP32, new long[] {-1, classes},
                OpenInference.outputParameters(model.metadata(), classes)));
        return new V2Responses.ModelMetadata(name, List.of(model.id()), OpenInference.PLATFORM, INPUTS, outputs,
                OpenInference.modelParameters(model.metadata()));
    }

    /** Ready once its weights loaded and passed their checksum; unknown → 404, corrupt → 409. */
    @Operation(summary = "Model readiness")
    @ApiResponse(responseCode = "200", description = "Ready: its weights loaded and passed their checksum")
    @ApiResponse(responseCode = "400", description = "Malformed model id or alias")
    @ApiResponse(responseCode = "404", description = "No such model or alias")
    @ApiResponse(responseCode = "409", description = "The model's files are damaged; it is not served")
    @GetMapping({"/models/{name}/ready", "/models/{name}/versions/{version}/ready"})
    V2Responses.ModelReady modelReady(@Parameter(description = NAME) @PathVariable String name,
                                      @Parameter(description = VERSION) @PathVariable(required = false)
                                      String version) {
        models.get(name, version);
        return new V2Responses.ModelReady(name, true);
    }

    @Operation(summary = "Inference: inputs [{name: pixels, shape: [N,784], datatype: FP32, data: [N*784]}]",
            description = "Answers the probabilities of the model's classes for each image, as one [N, classes] FP32 "
                    + "tensor; parameters.dataset names the model's dataset and parameters.class_names the class of "
                    + "each image (a JSON array in a string). At most digitnet.inference.max-batch images per "
                    + "request.")
    @ApiResponse(responseCode = "200", description = "outputs: probabilities, shape [N, 10], row-major",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = V2Responses.InferResponse.class),
                    examples = @ExampleObject(value = INFER_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "A malformed tensor (name, shape, datatype, data length, "
            + "values), malformed JSON, an oversized batch, a malformed model id or alias")
    @ApiResponse(responseCode = "404", description = "No such model or alias")
    @ApiResponse(responseCode = "409", description = "The model's files are damaged; it is not served")
    // no `consumes`: a wrong content type is answered in the V2 error format
    @PostMapping({"/models/{name}/infer", "/models/{name}/versions/{version}/infer"})
    ResponseEntity<?> infer(@Parameter(description = NAME) @PathVariable String name,
                                    @Parameter(description = VERSION) @PathVariable(required = false)
                                    String version,
                                    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = V2RequestSchema.class),
                                            examples = @ExampleObject(name = "two images",
                                                    ref = "#/components/examples/v2-infer")))
                                    @RequestBody V2InferRequest request,
                                    HttpServletResponse response) throws IOException {
        InputImages images = request.images(maxBatch);
        Prediction prediction = predictions.predict(name, version, images);
        return V2InferAnswer.of(name, request, prediction, answerHeader, response);
    }
}
