package io.digitnet.datasets;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of dataset uploads ({@code digitnet.datasets.uploads.*}).
 *
 * @param dir               where uploaded datasets are stored; default {@code <digitnet.datasets.dir>/uploads}
 * @param maxBytes          largest upload (all parts together); also the multipart limit of {@code POST /datasets}
 * @param maxUncompressed   most bytes an upload may inflate to (gzip, zip): a zip bomb stops here
 * @param maxImages         most images (training and test together)
 * @param maxClasses        most classes (at least 2 are always needed)
 * @param maxImageSide      largest width or height of an image in a zip of image folders
 * @param backgroundAbove   uploads larger than this are processed in the background: 202 + Location
 * @param provisioningHeartbeat cluster mode: how often an instance processing an upload says so in the database; an
 *                          upload whose instance has been silent for 6 heartbeats is reported failed and its name
 *                          can be used again
 */
@Validated
@ConfigurationProperties("digitnet.datasets.uploads")
public record DatasetUploadSettings(
        Path dir,
        @DefaultValue("200MB") @NotNull DataSize maxBytes,
        @DefaultValue("2GB") @NotNull DataSize maxUncompressed,
        @DefaultValue("500000") @Min(1) @Max(2_000_000) int maxImages,
        @DefaultValue("100") @Min(2) @Max(ClassNames.MAX) int maxClasses,
        @DefaultValue("2048") @Min(28) @Max(65_536) int maxImageSide,
        @DefaultValue("16MB") @NotNull DataSize backgroundAbove,
        @DefaultValue("10s") @NotNull Duration provisioningHeartbeat) {
}
