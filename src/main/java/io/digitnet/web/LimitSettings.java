package io.digitnet.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request body limits that protect the machine; a larger body is answered 413 before it is read.
 *
 * @param predictBodySize JSON bodies of {@code /predict} and {@code /v2/.../infer} (1,000 instances of 784 pixels
 *                        written with a few digits each fit in 8 MB)
 * @param uploadSize      multipart uploads: images to {@code /predict/image}, weights to {@code POST /models}
 * @param bodySize        every other request body (job submissions, metadata)
 */
@ConfigurationProperties("digitnet.limits")
public record LimitSettings(
        @DefaultValue("8MB") DataSize predictBodySize,
        @DefaultValue("16MB") DataSize uploadSize,
        @DefaultValue("64KB") DataSize bodySize) {

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
