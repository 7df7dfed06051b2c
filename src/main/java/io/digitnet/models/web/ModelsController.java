package io.digitnet.models.web;

import io.digitnet.models.FileModelStore;
import io.digitnet.models.InvalidModelImportException;
import io.digitnet.models.ModelImport;
import io.digitnet.models.ModelImporter;
import io.digitnet.models.ModelMetadata;
import io.digitnet.models.ModelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** Stored models: list, describe, delete, download and import weights. {id} also accepts an alias where it reads. */
@RestController
@RequestMapping("/models")
class ModelsController {

    private final FileModelStore store;
    private final ModelRegistry registry;
    private final ModelImporter importer;
    private final JsonMapper json;

    ModelsController(FileModelStore store, ModelRegistry registry, ModelImporter importer, JsonMapper json) {
        this.store = store;
        this.registry = registry;
        this.importer = importer;
        this.json = json;
    }

    @GetMapping
    List<ModelSummary> list() {
        return store.list().stream()
                .map(m -> ModelSummary.of(m, registry.aliasesOf(m.id()), store.isCorrupt(m.id())))
                .toList();
    }

    @GetMapping("/{id}")
    ModelDetails get(@PathVariable String id) {
        ModelMetadata metadata = registry.describe(id);
        return ModelDetails.of(metadata, registry.aliasesOf(metadata.id()), store.problems().get(metadata.id()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
        registry.delete(id, force);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/weights")
    ResponseEntity<byte[]> weights(@PathVariable String id) {
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
    ResponseEntity<ModelDetails> importWeights(@RequestPart("weights") MultipartFile weights,
                                               @RequestPart(value = "metadata", required = false) String metadata)
            throws IOException {
        ModelImport request = parse(metadata);
        ModelMetadata stored;
        try (InputStream in = weights.getInputStream()) {
            stored = importer.importWeights(in, request);
        }
        return ResponseEntity.created(URI.create("/models/" + stored.id()))
                .body(ModelDetails.of(stored, registry.aliasesOf(stored.id()), null));
    }

    /** Strict: a typo such as {@code "activaton"} is an error, not silently the default. */
    private ModelImport parse(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return null;
        }
        try {
            return json.readerFor(ModelImport.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(metadata);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidModelImportException(e.getPropertyName(), "metadata has an unknown field '"
                    + e.getPropertyName() + "'; known fields: name, activation, dataset");
        } catch (JacksonException e) {
            throw new InvalidModelImportException("metadata", "metadata is not a valid JSON object like "
                    + "{\"name\":\"from-numpy\",\"activation\":\"relu\",\"dataset\":\"mnist\"}: " + e.getOriginalMessage());
        }
    }
}
