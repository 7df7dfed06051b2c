package io.digitnet.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request body limits that protect the machine; a larger body is answered 413 before it is read.
 *
 * @param predictBodySize JSON bodies of {@code /predict} and {@code /v2/.../infer}: a full batch
 *                        ({@code digitnet.inference.max-batch}, 1,000 images of 784 values) takes about 8 MB with
 *                        values like {@code 0.5372549}, and up to 16 MB with full double-precision decimals
 * @param uploadSize      multipart uploads: images to {@code /predict/image}, weights to {@code POST /models}
 * @param bodySize        every other request body (job submissions, metadata)
 * @param datasetUploadSize multipart uploads to {@code POST /datasets} (default: the datasets feature's
 *                        {@code digitnet.datasets.uploads.max-bytes}, 200 MB)
 */
@ConfigurationProperties("digitnet.limits")
public record LimitSettings(
        @DefaultValue("16MB") DataSize predictBodySize,
        @DefaultValue("16MB") DataSize uploadSize,
        @DefaultValue("64KB") DataSize bodySize,
        @DefaultValue("200MB") DataSize datasetUploadSize) {

    long limitFor(String path, String contentType) {
        boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
        if (multipart) {
            return path.equals("/datasets") ? datasetUploadSize.toBytes() : uploadSize.toBytes();
        }
        if (path.startsWith("/predict") || path.startsWith("/v2/")) {
            return predictBodySize.toBytes();
        }
        return bodySize.toBytes();
    }
}
