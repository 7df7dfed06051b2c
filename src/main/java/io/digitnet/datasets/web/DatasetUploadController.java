package io.digitnet.datasets.web;

import io.digitnet.datasets.DatasetDescription;
import io.digitnet.datasets.DatasetUploads;
import io.digitnet.datasets.InvalidDatasetException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** Uploading and deleting datasets. */
@RestController
@RequestMapping("/datasets")
@Tag(name = "datasets")
@ApiResponse(responseCode = "400", description = "The upload cannot become a dataset; the detail names the part, "
        + "line or entry and why",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class DatasetUploadController {

    private static final String METADATA = "metadata";

    private final DatasetUploads uploads;
    private final JsonMapper json;

    DatasetUploadController(DatasetUploads uploads, JsonMapper json) {
        this.uploads = uploads;
        this.json = json;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a dataset of 28×28 images: a Kaggle-style CSV, IDX files, or a zip of image folders",
            description = "Part 'file': a CSV (label,pixel0..pixel783 per line, pixels 0..255, header optional; may be "
                    + "gzipped), a zip of the IDX files (raw or .gz), or a zip of train/<class>/*.png|jpg (and "
                    + "optionally test/<class>/…). Or the IDX files as the parts train-images, train-labels, "
                    + "test-images, test-labels. Optional part 'metadata': {\"name\":\"my-digits\",\"classNames\":"
                    + "[\"zero\",\"one\"]}. 2 to 100 classes. Without a test split, a stratified 1/6 of each class is "
                    + "held out (seeded: the same everywhere, every time).")
    @ApiResponse(responseCode = "201", description = "Stored and ready; Location names it")
    @ApiResponse(responseCode = "202", description = "Large upload accepted; processed in the background "
            + "(status provisioning, then ready or failed); Location names it")
    @ApiResponse(responseCode = "413", description = "More bytes, inflated bytes or images than the limits",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<DatasetDescription> upload(HttpServletRequest request) throws IOException, jakarta.servlet.ServletException {
        DatasetUploads.Metadata metadata = null;
        List<DatasetUploads.Part> files = new ArrayList<>();
        for (Part part : request.getParts()) {
            if (METADATA.equals(part.getName())) {
                metadata = metadata(new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } else {
                files.add(new DatasetUploads.Part(part.getName(), part.getSubmittedFileName(), part.getInputStream()));
            }
        }
        DatasetUploads.Outcome outcome = uploads.upload(metadata, files);
        URI location = URI.create("/datasets/" + outcome.dataset().name());
        return outcome.inBackground() ? ResponseEntity.accepted().location(location).body(outcome.dataset())
                : ResponseEntity.created(location).body(outcome.dataset());
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete an uploaded dataset",
            description = "Refused (409) for built-in datasets, while jobs are queued or running on it, and while "
                    + "models trained on it have aliases. Its models stay.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such dataset",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Built in, or in use",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Void> delete(@Parameter(description = "the dataset's name") @PathVariable String name) {
        uploads.delete(name);
        return ResponseEntity.noContent().build();
    }

    private DatasetUploads.Metadata metadata(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return json.readerFor(DatasetUploads.Metadata.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(text);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidDatasetException(e.getPropertyName(), "metadata has an unknown field '"
                    + e.getPropertyName() + "'; known fields: name, classNames");
        } catch (JacksonException e) {
            throw new InvalidDatasetException(METADATA, "metadata is not a JSON object like {\"name\":\"my-digits\","
                    + "\"classNames\":[\"zero\",\"one\"]}: " + e.getOriginalMessage());
        }
    }
}
