package io.digitnet.datasets;

import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Debian package (an {@code ar} archive whose {@code data.tar.xz} holds the installed files), read without dpkg so
 * that it works on any machine and without root.
 *
 * @param folder the folder the package installs the files to, relative, e.g. {@code usr/share/datasets/fashion-mnist/}
 */
record DebianPackageSource(URI deb, String sha256, String folder, HttpDownloader http) implements DatasetSource {

    @Override
    public void provide(MissingFiles missing) throws IOException {
        Path archive = http.download(deb, missing.dir());
        try {
            TarEntries.checkSha256(archive, sha256, deb);
            try (ArArchiveInputStream ar = new ArArchiveInputStream(
                    new BufferedInputStream(Files.newInputStream(archive), IdxContent.BUFFER))) {
                ArArchiveEntry entry;
                while ((entry = ar.getNextEntry()) != null) {
                    if (entry.getName().startsWith("data.tar")) {
                        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompress(entry.getName(), ar))) {
                            TarEntries.install(tar, folder, missing);
                        }
                        return;
                    }
                }
                throw new IOException(deb + " has no data.tar member: not a Debian package");
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private InputStream decompress(String member, InputStream in) throws IOException {
        if (member.endsWith(".xz")) {
            return new XZCompressorInputStream(in);
        }
        if (member.endsWith(".gz")) {
            return new GzipCompressorInputStream(in);
        }
        if (member.equals("data.tar")) {
            return in;
        }
        throw new IOException(deb + ": " + member + " is compressed in a way this reader does not know");
    }

    @Override
    public String description() {
        return "Debian package " + deb;
    }

    @Override
    public String manualHint() {
        return "download " + deb + " and take the .gz files from " + folder + " inside its data.tar.xz"
                + " (`dpkg-deb -x <file>.deb <dir>`)";
    }
}
