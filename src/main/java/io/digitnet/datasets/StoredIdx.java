package io.digitnet.datasets;

import io.digitnet.files.DurableFiles;
import io.digitnet.files.Sha256;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * How both dataset stores keep an uploaded dataset's content: the four standard IDX files, gzipped, each with the
 * SHA-256 of its content before gzip (as the built-in datasets are checked). Writing streams each file to the
 * store's sink; reading checks every file against the record before it is used.
 */
final class StoredIdx {

    /** Where a store puts one file: it runs {@code content} on a stream of its own (a file, database chunks). */
    @FunctionalInterface
    interface Sink {
        void write(StandardFile file, DurableFiles.Content content) throws IOException;
    }

    private StoredIdx() {
    }

    /** Writes the four files; the SHA-256 of each, by its standard file name (as {@link StoredDataset#sha256()}). */
    static Map<String, String> write(DatasetContent content, Sink sink) throws IOException {
        Map<String, String> sha256 = new LinkedHashMap<>();
        sha256.put(StandardFile.TRAIN_IMAGES.fileName(), images(sink, StandardFile.TRAIN_IMAGES, content.train()));
        sha256.put(StandardFile.TRAIN_LABELS.fileName(), labels(sink, StandardFile.TRAIN_LABELS, content.train()));
        sha256.put(StandardFile.TEST_IMAGES.fileName(), images(sink, StandardFile.TEST_IMAGES, content.test()));
        sha256.put(StandardFile.TEST_LABELS.fileName(), labels(sink, StandardFile.TEST_LABELS, content.test()));
        return sha256;
    }

    /** The record, its content and its counts: what a store saves. */
    static StoredDataset record(StoredDataset record, DatasetContent content, Map<String, String> sha256) {
        return new StoredDataset(record.name(), record.source(), content.classNames(), content.counts(content.train()),
                content.counts(content.test()), sha256, record.createdAt());
    }

    /**
     * Reads the dataset from {@code folder} (the four files, gzipped, under their standard names) after checking
     * each against the record.
     *
     * @throws DatasetUnavailableException when a file is missing, fails its checksum or cannot be read
     */
    static Dataset read(StoredDataset record, Path folder) {
        String name = record.name();
        try {
            for (Map.Entry<String, String> file : record.sha256().entrySet()) {
                String actual = IdxContent.sha256(folder.resolve(file.getKey() + ".gz"));
                if (!actual.equals(file.getValue())) {
                    throw new DatasetUnavailableException("dataset '" + name + "': " + file.getKey()
                            + " has SHA-256 " + actual + " but its record says " + file.getValue());
                }
            }
            int classes = record.classNames().size();
            LabeledImages train = IdxFiles.read(folder.resolve(StandardFile.TRAIN_IMAGES.gzipName()),
                    folder.resolve(StandardFile.TRAIN_LABELS.gzipName()), classes);
            LabeledImages test = IdxFiles.read(folder.resolve(StandardFile.TEST_IMAGES.gzipName()),
                    folder.resolve(StandardFile.TEST_LABELS.gzipName()), classes);
            return new Dataset(name, train, test, record.classNames());
        } catch (NoSuchFileException e) {
            throw new DatasetUnavailableException("dataset '" + name + "' is damaged: " + e.getFile() + " is missing");
        } catch (IOException | UncheckedIOException | InvalidIdxFileException e) {
            throw new DatasetUnavailableException("dataset '" + name + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** idx3: magic, n, 28, 28, then the pixels. */
    private static String images(Sink sink, StandardFile file, DatasetContent.Split split) throws IOException {
        return idx(sink, file, out -> {
            out.writeInt(IdxFiles.IMAGES_MAGIC);
            out.writeInt(split.size());
            out.writeInt(IdxFiles.ROWS);
            out.writeInt(IdxFiles.COLUMNS);
            out.write(split.pixels(), 0, split.size() * IdxFiles.PIXELS);
        });
    }

    /** idx1: magic, n, then one byte per label. */
    private static String labels(Sink sink, StandardFile file, DatasetContent.Split split) throws IOException {
        return idx(sink, file, out -> {
            out.writeInt(IdxFiles.LABELS_MAGIC);
            out.writeInt(split.size());
            for (int label : split.labels()) {
                out.write(label);
            }
        });
    }

    private interface IdxWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static String idx(Sink sink, StandardFile file, IdxWriter writer) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        sink.write(file, target -> {
            try (GZIPOutputStream gzip = new GZIPOutputStream(target, IdxContent.BUFFER) {
                     { def.setLevel(Deflater.BEST_SPEED); }
                 };
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                         new DigestOutputStream(gzip, digest), IdxContent.BUFFER))) {
                writer.write(out);
            }
        });
        return HexFormat.of().formatHex(digest.digest());
    }
}
