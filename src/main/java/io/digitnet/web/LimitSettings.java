package io.digitnet.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request body limits that protect the machine; a larger body is answered 413 before it is read. Features that
 * accept larger JSON bodies declare them in an {@link EndpointGroup} (prediction: {@code digitnet.inference.max-request-size}).
 *
 * @param uploadSize multipart uploads (images, weights files); a feature's {@link EndpointGroup} may set its own
 * @param bodySize   every other request body (job submissions, metadata)
 * @param bodyTimeout the whole body must arrive within this time after the request's headers, or the request is
 *                    answered 408 and its connection closed ({@link BodyDeadlineFilter}); not per read
 * @param uploadTimeout as {@code bodyTimeout}, for the multipart bodies that are spooled to a file because their
 *                    endpoint accepts more than {@code uploadSize} (dataset uploads, up to 200 MB)
 */
@ConfigurationProperties("digitnet.limits")
public record LimitSettings(
        @DefaultValue("16MB") DataSize uploadSize,
        @DefaultValue("64KB") DataSize bodySize,
        @DefaultValue("15s") Duration bodyTimeout,
        @DefaultValue("10m") Duration uploadTimeout) {

    /** The limit in bytes of a body to {@code path}, and the setting that sets it. */
    record Limit(long bytes, String setting) {
    }

    Limit limitFor(String path, String contentType, List<EndpointGroup> groups) {
        boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
        if (multipart) {
            return EndpointGroup.of(groups, path).filter(group -> group.maxUploadSize() != null)
                    .map(group -> new Limit(group.maxUploadSize().toBytes(), group.uploadLimitSetting()))
                    .orElseGet(() -> new Limit(uploadSize.toBytes(), "digitnet.limits.upload-size"));
        }
        return EndpointGroup.of(groups, path)
                .map(group -> new Limit(group.maxBodySize().toBytes(), group.limitSetting()))
                .orElseGet(() -> new Limit(bodySize.toBytes(), "digitnet.limits.body-size"));
    }
}
