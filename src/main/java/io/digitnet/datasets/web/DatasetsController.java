package io.digitnet.datasets.web;

import io.digitnet.datasets.DatasetDescription;
import io.digitnet.datasets.DatasetImage;
import io.digitnet.datasets.DatasetNotFoundException;
import io.digitnet.datasets.Datasets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The datasets as a resource: list, describe, and look at their images. */
@RestController
@RequestMapping("/datasets")
@Tag(name = "datasets", description = "Built-in and uploaded datasets, their classes and images")
@ApiResponse(responseCode = "404", description = "No such dataset or image",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class DatasetsController {

    static final int MAX_SAMPLES_PER_CLASS = 50;

    private final Datasets datasets;

    DatasetsController(Datasets datasets) {
        this.datasets = datasets;
    }

    @GetMapping
    @Operation(summary = "List every dataset (built-in first, then uploads by name)")
    @ApiResponse(responseCode = "200", description = "Every dataset, with its status")
    List<DatasetDescription> list() {
        return datasets.list();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Describe a dataset: source, status, class names, split sizes, per-class counts, checksums")
    @ApiResponse(responseCode = "200", description = "The dataset")
    DatasetDescription get(@PathVariable String name) {
        if (!datasets.exists(name)) {
            throw notFound(name);
        }
        return datasets.describe(name);
    }

    @GetMapping("/{name}/samples")
    @Operation(summary = "The first few test images of each class (indices into the test split), with the class names")
    @ApiResponse(responseCode = "200", description = "Per class, in label order: the class name and image indices")
    @ApiResponse(responseCode = "400", description = "perClass outside 1..50",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    List<ClassSamples> samples(@PathVariable String name,
                               @Parameter(description = "images per class, 1..50") @RequestParam(defaultValue = "5")
                               int perClass) {
        if (perClass < 1 || perClass > MAX_SAMPLES_PER_CLASS) {
            throw new io.digitnet.datasets.InvalidDatasetException("perClass",
                    "perClass must be between 1 and " + MAX_SAMPLES_PER_CLASS + ", was " + perClass);
        }
        List<List<Integer>> byClass = datasets.samples(name, perClass);
        List<String> names = datasets.classNames(name);
        List<ClassSamples> samples = new ArrayList<>();
        for (int label = 0; label < byClass.size(); label++) {
            samples.add(new ClassSamples(label, names.get(label), byClass.get(label)));
        }
        return samples;
    }

    @GetMapping("/{name}/images/{split}/{index}")
    @Operation(summary = "One image: JSON {pixels, label, className}, or a 28×28 grayscale PNG with Accept: image/png")
    @ApiResponse(responseCode = "400", description = "A split other than train or test",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "200", description = "The image", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ImageView.class)),
        @Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary"))})
    ResponseEntity<?> image(@PathVariable String name,
                            @Parameter(description = "train or test") @PathVariable String split,
                            @PathVariable int index,
                            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        DatasetImage image = datasets.image(name, split, index);
        // One URL, two representations: caches must key on Accept. Built-in images never change; an uploaded
        // dataset can be deleted and uploaded again under the same name, so its images are revalidated.
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .header(HttpHeaders.CACHE_CONTROL, datasets.isBuiltIn(name) ? "max-age=3600" : "no-cache");
        if (wantsPng(accept)) {
            return ok.contentType(MediaType.IMAGE_PNG).body(Png.grayscale(image.pixels()));
        }
        return ok.contentType(MediaType.APPLICATION_JSON).body(ImageView.of(image));
    }

    /** PNG only when the client asks for it before (or instead of) JSON. */
    static boolean wantsPng(String accept) {
        if (accept == null) {
            return false;
        }
        List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.isCompatibleWith(MediaType.IMAGE_PNG) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }

    private DatasetNotFoundException notFound(String name) {
        return new DatasetNotFoundException("no dataset called '" + name + "'; known datasets: "
                + String.join(", ", datasets.names()));
    }

    /** @param indices indices into the test split */
    record ClassSamples(@Schema(example = "3") int label, @Schema(example = "Dress") String className,
                        List<Integer> indices) {
    }

    /** @param pixels [784] row by row, in [0, 1] */
    record ImageView(@Schema(example = "mnist") String dataset,
                     @Schema(allowableValues = {"train", "test"}, example = "test") String split,
                     @Schema(example = "0") int index, float[] pixels, @Schema(example = "7") int label,
                     @Schema(example = "7") String className) {
        static ImageView of(DatasetImage image) {
            return new ImageView(image.dataset(), image.split(), image.index(), image.pixels(), image.label(),
                    image.className());
        }
    }
}
