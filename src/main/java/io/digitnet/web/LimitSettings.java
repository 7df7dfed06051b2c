package io.digitnet.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * Request body limits that protect the machine; a larger body is answered 413 before it is read.
 *
 * @param predictBodySize JSON bodies of {@code /predict} and {@code /v2/.../infer}: a full batch
 *                        ({@code digitnet.inference.max-batch}, 1,000 images of 784 values) takes about 8 MB with
 *                        values like {@code 0.5372549}, and up to 16 MB with full double-precision decimals
 * @param uploadSize      multipart uploads: images to {@code /predict/image}, weights to {@code POST /models}
 * @param bodySize        every other request body (job submissions, metadata)
 * @param bodyTimeout     the whole body must arrive within this time after the request's headers, or the request is
 *                        answered 408 and its connection closed ({@link BodyDeadlineFilter}); not per read
 */
@ConfigurationProperties("digitnet.limits")
public record LimitSettings(
        @DefaultValue("16MB") DataSize predictBodySize,
        @DefaultValue("16MB") DataSize uploadSize,
        @DefaultValue("64KB") DataSize bodySize,
        @DefaultValue("15s") Duration bodyTimeout) {

    long limitFor(String path, String contentType) {
        boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
        if (multipart) {
            return uploadSize.toBytes();
        }
        if (path.startsWith("/predict") || path.startsWith("/v2/")) {
            return predictBodySize.toBytes();
        }
        return bodySize.toBytes();
    }
}
