package io.digitnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;

/** Issue 9: spooled upload files do not pile up after a kill -9; they live under the data directory. */
class UploadTempFilesTests {

    @TempDir
    Path dataDir;

    @Test
    void removesWhatAnEarlierProcessLeftAndKeepsThisOnesFiles() throws IOException {
        Path folder = dataDir.resolve("tmp/uploads");
        Files.createDirectories(folder);
        Path left = Files.writeString(folder.resolve("body-1.spool"), "from a process killed with -9");
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        Files.setLastModifiedTime(left, FileTime.fromMillis(started - 60_000));
        Path current = Files.writeString(folder.resolve("upload_2.tmp"), "this process's");

        MultipartProperties properties = new MultipartProperties();
        properties.setLocation(folder.toString());
        MultipartConfigElement config = new UploadTempFiles().multipartConfigElement(properties);

        assertThat(Path.of(config.getLocation())).isEqualTo(folder.toAbsolutePath().normalize());
        assertThat(left).doesNotExist();
        assertThat(current).exists();
    }

    @Test
    void createsTheFolderWhenItIsMissing() {
        Path folder = dataDir.resolve("fresh/tmp/uploads");
        MultipartProperties properties = new MultipartProperties();
        properties.setLocation(folder.toString());

        new UploadTempFiles().multipartConfigElement(properties);

        assertThat(folder).isDirectory();
    }
}
