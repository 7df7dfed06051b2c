package io.digitnet.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Multipart uploads larger than {@code spring.servlet.multipart.file-size-threshold} are spooled to
 * {@code spring.servlet.multipart.location}, a folder under the data directory rather than the system's temp folder.
 * The container deletes them after each request, but not after a kill -9: at start-up this creates the folder and
 * removes what an earlier process left there (files older than this process).
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
        type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
class UploadTempFiles {

    private static final Logger log = LoggerFactory.getLogger(UploadTempFiles.class);

    /** Boot's own, with the location made absolute (the container would take a relative one as under its work dir). */
    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties properties) {
        MultipartConfigElement config = properties.createMultipartConfig();
        if (config.getLocation() == null || config.getLocation().isBlank()) {
            return config;
        }
        Path dir = Path.of(config.getLocation()).toAbsolutePath().normalize();
        prepare(dir);
        return new MultipartConfigElement(dir.toString(), config.getMaxFileSize(), config.getMaxRequestSize(),
                config.getFileSizeThreshold());
    }

    private static void prepare(Path dir) {
        FileTime started = FileTime.fromMillis(ManagementFactory.getRuntimeMXBean().getStartTime());
        try {
            Files.createDirectories(dir);
            int removed = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (Files.getLastModifiedTime(file).compareTo(started) < 0 && Files.deleteIfExists(file)) {
                        removed++;
                    }
                }
            }
            if (removed > 0) {
                log.info("Removed {} upload temporary file(s) left in {} by an earlier run", removed, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the upload folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
