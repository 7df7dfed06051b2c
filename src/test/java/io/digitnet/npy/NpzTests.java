package io.digitnet.npy;

import static io.digitnet.npy.NumpyBytes.entries;
import static io.digitnet.npy.NumpyBytes.npyFloat32;
import static io.digitnet.npy.NumpyBytes.npyFloat64;
import static io.digitnet.npy.NumpyBytes.savez;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpzTests {

    @TempDir
    Path dir;

    // --- reading the exact bytes numpy writes ---

    @Test
    void readsTheZipNumpySavezWrites() {
        byte[] npz = savez(entries(
                "W1", npyFloat32("(2, 3)", false, 1, 2, 3, 4, 5, 6),
                "b1", npyFloat32("(3,)", false, 0.5f, -0.5f, 1e-7f)));

        Map<String, INDArray> arrays = Npz.read(new ByteArrayInputStream(npz));

        assertThat(arrays).containsOnlyKeys("W1", "b1");
        INDArray w1 = arrays.get("W1");
        assertThat(w1.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(w1.shape()).containsExactly(2, 3);
        assertThat(w1.ordering()).isEqualTo('c');
        assertThat(w1.toFloatMatrix()).isEqualTo(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(arrays.get("b1").shape()).containsExactly(3);
        assertThat(arrays.get("b1").toFloatVector()).containsExactly(0.5f, -0.5f, 1e-7f);
    }

    @Test
    void readsFortranOrderAsTheSameMatrixInCOrder() {
        // the matrix [[1, 2, 3], [4, 5, 6]] stored column by column
        byte[] npz = savez(entries("W", npyFloat64("(2, 3)", true, 1, 4, 2, 5, 3, 6)));

        INDArray w = Npz.read(new ByteArrayInputStream(npz)).get("W");

        assertThat(w.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(w.ordering()).isEqualTo('c');
        assertThat(w.toDoubleMatrix()).isEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}});
    }

    @Test
    void readsVersion2HeadersBigEndianDataAndDeflatedEntries() throws IOException {
        ByteBuffer bigEndian = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.25f).putFloat(-3f);
        byte[] v2 = NumpyBytes.npy(">f4", "(2,)", false, bigEndian.array(), 2);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(deflated)) { // np.savez_compressed: DEFLATED entries
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(v2);
            zip.closeEntry();
        }

        INDArray x = Npz.read(new ByteArrayInputStream(deflated.toByteArray())).get("x");

        assertThat(x.toFloatVector()).containsExactly(1.25f, -3f);
    }

    // --- writing what numpy writes ---

    @Test
    void writesStoredEntriesWhoseBytesAreExactlyNumpysNpy() throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("W1", Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c'));
        arrays.put("b1", Nd4j.create(new float[] {0.5f, -0.5f, 0.25f}, new long[] {3}, 'c'));
        arrays.put("W2", Nd4j.create(new double[] {1, 4, 2, 5, 3, 6}, new long[] {2, 3}, 'f'));

        Map<String, byte[]> entries = unzip(write(arrays));

        assertThat(entries).containsOnlyKeys("W1.npy", "b1.npy", "W2.npy");
        assertThat(entries.get("W1.npy")).isEqualTo(npyFloat32("(2, 3)", false, 1, 2, 3, 4, 5, 6));
        assertThat(entries.get("b1.npy")).isEqualTo(npyFloat32("(3,)", false, 0.5f, -0.5f, 0.25f));
        assertThat(entries.get("W2.npy")).isEqualTo(npyFloat64("(2, 3)", false, 1, 2, 3, 4, 5, 6));
        assertThat(entries.get("W1.npy").length % 64).isEqualTo(24); // 64-byte preamble + 6 floats
        assertThat(write(arrays)).as("the whole zip as np.savez writes it").isEqualTo(savez(entries(
                "W1", entries.get("W1.npy"), "b1", entries.get("b1.npy"), "W2", entries.get("W2.npy"))));
    }

    @Test
    void equalArraysGiveIdenticalFiles() {
        Map<String, INDArray> arrays = Map.of("b", Nd4j.create(new float[] {1, 2}, new long[] {2}, 'c'));
        assertThat(write(arrays)).isEqualTo(write(arrays));
    }

    @Test
    void roundTripsFloat32AndFloat64() {
        INDArray w = Nd4j.rand(DataType.FLOAT, 784, 7);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 10);
        Map<String, INDArray> read = Npz.read(new ByteArrayInputStream(write(Map.of("w", w, "b", b))));
        assertThat(read.get("w")).isEqualTo(w);
        assertThat(read.get("b")).isEqualTo(b);
        assertThat(read.get("b").shape()).containsExactly(10);
    }

    // --- interop with the real numpy ---

    @Test
    void numpyLoadsWhatNpzWrites() throws IOException {
        Numpy.assumeAvailable();
        Path file = dir.resolve("w.npz");
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("W1", Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c'));
        arrays.put("b1", Nd4j.create(new float[] {0.5f, -0.5f, 0.25f}, new long[] {3}, 'c'));
        arrays.put("W2", Nd4j.create(new double[] {1.5, -2.5}, new long[] {2, 1}, 'c'));
        Files.write(file, write(arrays));
        Path fromNumpy = dir.resolve("numpy.npz");

        String out = Numpy.run("""
                import sys, numpy as np
                d = np.load(sys.argv[1])
                for k in d.files:
                    a = d[k]
                    print(k, a.dtype.str, a.shape, a.flags.c_contiguous, a.ravel().tolist())
                np.savez(sys.argv[2], **{k: d[k] for k in d.files})
                """, file.toString(), fromNumpy.toString());

        assertThat(out.lines()).containsExactly(
                "W1 <f4 (2, 3) True [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]",
                "b1 <f4 (3,) True [0.5, -0.5, 0.25]",
                "W2 <f8 (2, 1) True [1.5, -2.5]");
        assertThat(Files.readAllBytes(file)).as("byte for byte what np.savez writes").isEqualTo(Files.readAllBytes(fromNumpy));
    }

    @Test
    void readsWhatNumpyWritesAndHandBuiltBytesAreNumpysBytes() throws IOException {
        Numpy.assumeAvailable();
        Path stored = dir.resolve("stored.npz");
        Path compressed = dir.resolve("compressed.npz");
        Numpy.run("""
                import sys, numpy as np
                w = np.array([[1, 2, 3], [4, 5, 6]], dtype='<f4')
                b = np.array([0.5, -0.5, 1e-7], dtype='<f4')
                np.savez(sys.argv[1], W1=w, b1=b)
                np.savez_compressed(sys.argv[2], W1=np.asfortranarray(w.astype('<f8')), b1=b)
                """, stored.toString(), compressed.toString());

        byte[] handBuilt = savez(entries(
                "W1", npyFloat32("(2, 3)", false, 1, 2, 3, 4, 5, 6),
                "b1", npyFloat32("(3,)", false, 0.5f, -0.5f, 1e-7f)));
        assertThat(Files.readAllBytes(stored)).isEqualTo(handBuilt);

        for (Path file : new Path[] {stored, compressed}) {
            Map<String, INDArray> arrays = Npz.read(Files.newInputStream(file));
            assertThat(arrays.get("W1").toDoubleMatrix()).isEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}});
            assertThat(arrays.get("b1").toFloatVector()).containsExactly(0.5f, -0.5f, 1e-7f);
        }
        assertThat(Npz.read(Files.newInputStream(compressed)).get("W1").dataType()).isEqualTo(DataType.DOUBLE);
    }

    // --- clear errors ---

    @Test
    void rejectsWhatIsNotAZip() {
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream("hello".getBytes())))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("not a valid .npz");
    }

    @Test
    void rejectsAnEntryWithoutTheMagic() {
        byte[] npz = savez(entries("W1", "not an array at all".getBytes()));
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(npz)))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("'W1.npy'").hasMessageContaining("magic");
    }

    @Test
    void rejectsUnsupportedDtypesNamingTheEntry() {
        byte[] npz = savez(entries("b2", NumpyBytes.npy("<i8", "(1,)", false, new byte[8], 1)));
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(npz)))
                .isInstanceOf(InvalidNpzException.class)
                .hasMessageContaining("'b2.npy'").hasMessageContaining("'<i8'").hasMessageContaining("float32");
    }

    @Test
    void rejectsTruncatedAndOverlongData() {
        byte[] truncated = savez(entries("W1", NumpyBytes.npy("<f4", "(2, 3)", false, new byte[20], 1)));
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(InvalidNpzException.class)
                .hasMessageContaining("'W1.npy'").hasMessageContaining("has 20 bytes").hasMessageContaining("need 24");

        byte[] overlong = savez(entries("W1", NumpyBytes.npy("<f4", "(2,)", false, new byte[12], 1)));
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(overlong)))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("more data");
    }

    @Test
    void rejectsAnUnreadableHeader() {
        byte[] npy = npyFloat32("(2,)", false, 1, 2);
        byte[] broken = new String(npy, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("'shape': (2,)", "'shape': [2] ").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(savez(entries("W1", broken)))))
                .isInstanceOf(InvalidNpzException.class)
                .hasMessageContaining("'W1.npy'").hasMessageContaining("unreadable header");
    }

    @Test
    void rejectsAnAbsurdShapeWithoutAllocatingIt() {
        byte[] npz = savez(entries("W1", NumpyBytes.npy("<f8", "(100000, 100000)", false, new byte[8], 1)));
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(npz)))
                .isInstanceOf(InvalidNpzException.class).hasMessageContaining("limit");
    }

    private static byte[] write(Map<String, INDArray> arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npz.write(out, arrays);
        return out.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                assertThat(e.getMethod()).as("np.savez writes STORED entries").isEqualTo(ZipEntry.STORED);
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
