package io.digitnet.models.web;

import static io.digitnet.models.web.ApiDocs.ID;
import static io.digitnet.models.web.ApiDocs.ID_OR_ALIAS;
import static io.digitnet.models.web.ApiDocs.PROBLEM_JSON;

import io.digitnet.models.ModelStore;
import io.digitnet.models.ModelImporter;
import io.digitnet.models.ModelMetadata;
import io.digitnet.models.ModelRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/** Stored models: list, describe, delete, download and import weights. {id} also accepts an alias where it reads. */
@RestController
@RequestMapping("/models")
@Tag(name = "models", description = "Stored models, their weights, aliases and evaluations")
@ApiResponse(responseCode = "400", description = "Malformed model id or alias, or invalid input",
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
class ModelsController {

    private final ModelStore store;
    private final ModelRegistry registry;
    private final ModelImporter importer;
    private final JsonMapper json;

    ModelsController(ModelStore store, ModelRegistry registry, ModelImporter importer, JsonMapper json) {
        this.store = store;
        this.registry = registry;
        this.importer = importer;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "List models, newest first",
            description = "Damaged models (weights failing their SHA-256) are listed with status 'corrupt' and never served.")
    @ApiResponse(responseCode = "200", description = "The models")
    List<ModelSummary> list() {
        Map<String, List<String>> aliases = registry.aliasesByModel();
        return store.list().stream()
                .map(m -> ModelSummary.of(m, aliases.getOrDefault(m.id(), List.of()), store.isCorrupt(m.id())))
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Describe a model: everything in its model.json, its aliases and its status")
    @ApiResponse(responseCode = "200", description = "The model")
    @ApiResponse(responseCode = "404", description = "No such model or alias",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ModelDetails get(@Parameter(description = ID_OR_ALIAS) @PathVariable String id) {
        ModelMetadata metadata = registry.describe(id);
        return ModelDetails.of(metadata, registry.aliasesOf(metadata.id()), store.problems().get(metadata.id()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a model", description = "Refused while an alias points at it, unless force=true "
            + "(which also removes those aliases).")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such model",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "An alias points at the model",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Void> delete(@Parameter(description = ID) @PathVariable String id,
                                @RequestParam(defaultValue = "false") boolean force) {
        registry.delete(id, force);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/weights") // no "produces": errors must still render as problem+json
    @Operation(summary = "Download weights.npz",
            description = "numpy's .npz (W1 [784,H], b1 [H], W2 [H,10], b2 [10], float32): np.load reads it. "
                    + "The bytes are checked against the model's SHA-256 before they are sent.")
    @ApiResponse(responseCode = "200", description = "The .npz file",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                    schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No such model or alias",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The model's files are damaged",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<byte[]> weights(@Parameter(description = ID_OR_ALIAS) @PathVariable String id) {
        ModelMetadata metadata = registry.describe(id);
        byte[] npz = store.verifiedWeights(metadata.id()); // checked against model.json: damaged files are never sent
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(metadata.id() + ".npz").build().toString())
                .eTag("\"" + metadata.weightsSha256() + "\"")
                .body(npz);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a weights.npz written by numpy",
            description = "Part 'weights': an .npz with W1 [784,H], b1 [H], W2 [H,10], b2 [10], float32 or float64 "
                    + "(stored as float32), all finite. Optional part 'metadata': JSON such as "
                    + "{\"name\":\"from-numpy\",\"activation\":\"relu\",\"dataset\":\"mnist\"}; activation defaults to sigmoid.")
    @ApiResponse(responseCode = "201", description = "Imported; Location names the new model")
    ResponseEntity<ModelDetails> importWeights(
            @RequestPart("weights") MultipartFile weights,
            @Parameter(description = "JSON: {\"name\":\"from-numpy\",\"activation\":\"relu\",\"dataset\":\"mnist\"}")
            @RequestPart(value = "metadata", required = false) String metadata) throws IOException {
        ModelMetadata stored;
        try (InputStream in = weights.getInputStream()) {
            stored = importer.importWeights(in, ImportMetadata.parse(json, metadata));
        }
        return ResponseEntity.created(URI.create("/models/" + stored.id()))
                .body(ModelDetails.of(stored, registry.aliasesOf(stored.id()), null));
    }
}
