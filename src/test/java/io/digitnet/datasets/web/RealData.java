package io.digitnet.datasets.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The first n images of the real MNIST or Fashion-MNIST, as bytes, and the files users would upload made of them. */
public final class RealData {

    public final byte[] pixels;   // [n × 784]
    public final int[] labels;    // [n]

    private RealData(byte[] pixels, int[] labels) {
        this.pixels = pixels;
        this.labels = labels;
    }

    /** @param split "train" or "t10k" */
    public static RealData first(String dataset, String split, int n) {
        Path dir = Path.of("data", "datasets", dataset);
        try (DataInputStream images = open(dir, split + "-images-idx3-ubyte");
             DataInputStream labels = open(dir, split + "-labels-idx1-ubyte")) {
            images.skipNBytes(16);
            labels.skipNBytes(8);
            byte[] pixels = images.readNBytes(n * 784);
            int[] l = new int[n];
            for (int i = 0; i < n; i++) {
                l[i] = labels.readUnsignedByte();
            }
            return new RealData(pixels, l);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataInputStream open(Path dir, String name) throws IOException {
        Path raw = dir.resolve(name);
        InputStream in = Files.exists(raw) ? Files.newInputStream(raw)
                : new GZIPInputStream(Files.newInputStream(dir.resolve(name + ".gz")));
        return new DataInputStream(new BufferedInputStream(in));
    }

    int size() {
        return labels.length;
    }

    /** Kaggle style: a header, then label,pixel0..pixel783 per line. */
    public byte[] csv() {
        StringBuilder csv = new StringBuilder("label");
        for (int p = 0; p < 784; p++) {
            csv.append(",pixel").append(p);
        }
        csv.append('\n');
        for (int i = 0; i < size(); i++) {
            csv.append(labels[i]);
            for (int p = 0; p < 784; p++) {
                csv.append(',').append(pixels[i * 784 + p] & 0xff);
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    byte[] idxImages() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, 0x803);
        writeInt(out, size());
        writeInt(out, 28);
        writeInt(out, 28);
        out.writeBytes(pixels);
        return out.toByteArray();
    }

    byte[] idxLabels() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, 0x801);
        writeInt(out, size());
        for (int label : labels) {
            out.write(label);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
