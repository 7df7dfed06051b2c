package io.digitnet.datasets;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /datasets/{name}} says about a dataset. While it is {@code provisioning} or {@code failed}, only
 * name, source, status and reason are known.
 *
 * @param status      {@code provisioning}, {@code ready} or {@code failed}
 * @param reason      why it failed, else null
 * @param classNames  label k means classNames[k]
 * @param trainCounts images per class in the training split, index = label
 * @param testCounts  images per class in the test split, index = label
 * @param sha256      SHA-256 of each stored file's (decompressed) content, by file name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetDescription(@Schema(example = "fashion-mnist") String name, Source source,
                                 @Schema(allowableValues = {"provisioning", "ready", "failed"}, example = "ready")
                                 String status,
                                 @Schema(example = "checksum mismatch for train-images-idx3-ubyte") String reason,
                                 List<String> classNames,
                                 Integer trainSize, Integer testSize, int[] trainCounts, int[] testCounts,
                                 Map<String, String> sha256, Instant createdAt) {

    public static final String PROVISIONING = "provisioning";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    /**
     * @param kind   {@code built-in} or {@code uploaded}
     * @param file   the uploaded file's name (or the names of its parts), null for built-ins
     * @param format {@code idx}, {@code csv} or {@code image-folders} for uploads
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(@Schema(allowableValues = {"built-in", "uploaded"}, example = "built-in") String kind,
                         @Schema(example = "letters.csv") String file,
                         @Schema(allowableValues = {"idx", "csv", "image-folders"}, example = "idx") String format) {
        public static final String BUILT_IN = "built-in";
        public static final String UPLOADED = "uploaded";
    }

    static DatasetDescription ready(String name, Source source, Dataset dataset, Map<String, String> sha256,
                                    Instant createdAt) {
        return new DatasetDescription(name, source, READY, null, dataset.classNames(), dataset.train().size(),
                dataset.test().size(), counts(dataset.train(), dataset.classCount()),
                counts(dataset.test(), dataset.classCount()), sha256, createdAt);
    }

    static DatasetDescription notReady(String name, Source source, String status, String reason) {
        return new DatasetDescription(name, source, status, reason, null, null, null, null, null, null, null);
    }

    boolean isReady() {
        return READY.equals(status);
    }

    static int[] counts(LabeledImages images, int classes) {
        int[] counts = new int[classes];
        for (int label : images.labels()) {
            counts[label]++;
        }
        return counts;
    }
}
