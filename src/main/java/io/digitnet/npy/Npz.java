package io.digitnet.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * numpy's {@code .npz}: a zip of {@code .npy} arrays, readable by {@code numpy.load}.
 *
 * <p>Written byte for byte as {@code np.savez} writes it (see {@link NpzZip}), so equal arrays give identical files
 * and equal SHA-256 checksums on any machine.
 */
public final class Npz {

    private Npz() {
    }

    /** Writes each array as {@code <name>.npy} (little-endian, c-order, its own dtype: float32 → '<f4'). */
    public static void write(OutputStream out, Map<String, INDArray> arrays) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        arrays.forEach((name, array) -> entries.put(name + ".npy", NpyFormat.encode(array)));
        try {
            out.write(NpzZip.stored(entries));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write .npz", e);
        }
    }

    /**
     * Reads every {@code .npy} entry (float32 or float64, c- or fortran-order) into c-order arrays of the same
     * dtype, keyed by name without {@code .npy}. @throws InvalidNpzException saying what is wrong
     */
    public static Map<String, INDArray> read(InputStream in) {
        return read(in, ShapeCheck.ANY);
    }

    /**
     * As {@link #read(InputStream)}, with each entry's declared shape put to {@code check} before its data is
     * inflated: an upload declaring an array larger than the caller accepts is refused without reading it.
     */
    public static Map<String, INDArray> read(InputStream in, ShapeCheck check) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read .npz", e);
        }
        CentralDirectory.requireAtMost(bytes, CentralDirectory.MAX_ENTRIES);
        // The central directory (read through a seekable channel) is what numpy.load trusts too; a streaming reader
        // would trip over STORED entries with data descriptors, which Python writes to unseekable outputs.
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".npy")) {
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    throw NpyFormat.invalid(name, "uses zip compression method " + entry.getMethod()
                            + " (only STORED and DEFLATED, as numpy writes, are supported)");
                }
                try (InputStream data = zip.getInputStream(entry)) {
                    String key = name.substring(0, name.length() - ".npy".length());
                    if (arrays.put(key, NpyFormat.decode(name, data, check)) != null) {
                        throw NpyFormat.invalid(name, "appears twice");
                    }
                } catch (IOException e) {
                    throw NpyFormat.invalid(name, "cannot be read from the zip: " + e.getMessage());
                }
            }
            if (arrays.isEmpty()) {
                throw new InvalidNpzException("the .npz holds no .npy arrays");
            }
            return arrays;
        } catch (IOException e) {
            throw new InvalidNpzException("not a valid .npz (a zip of .npy arrays): " + e.getMessage());
        }
    }
}
