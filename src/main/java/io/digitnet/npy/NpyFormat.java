package io.digitnet.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One array in numpy's {@code .npy} format: magic {@code \x93NUMPY}, version, header length, the header dict padded with
 * spaces and a newline to a multiple of 64 bytes, then the raw data.
 */
final class NpyFormat {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data to 64 bytes (ARRAY_ALIGN). */
    private static final int ALIGN = 64;
    /** numpy leaves room for the first axis to grow to this many digits (GROWTH_AXIS_MAX_DIGITS). */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Refuse arrays above this size: a small DEFLATED upload must not be able to fill the heap. */
    static final long MAX_DATA_BYTES = 1L << 30;

    private NpyFormat() {
    }

    /** The bytes numpy's {@code np.save} writes for this array (version 1.0, little-endian, c-order). */
    static byte[] encode(INDArray array) {
        DataType type = array.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("only float32 and float64 arrays can be written, not " + type);
        }
        NpyHeader header = new NpyHeader(type == DataType.FLOAT ? "<f4" : "<f8", false, array.shape());
        StringBuilder dict = new StringBuilder(header.format());
        if (header.shape().length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(header.shape()[0]).length()));
        }
        int headerLength = dict.length() + 1; // + the final newline
        int padding = ALIGN - (MAGIC.length + 2 + 2 + headerLength) % ALIGN;
        dict.append(" ".repeat(padding)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);

        INDArray c = array.dup('c');
        int itemSize = type == DataType.FLOAT ? 4 : 8;
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + text.length + Math.toIntExact(c.length() * itemSize))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        if (type == DataType.FLOAT) {
            out.asFloatBuffer().put(c.data().asFloat(), 0, (int) c.length());
        } else {
            out.asDoubleBuffer().put(c.data().asDouble(), 0, (int) c.length());
        }
        return out.array();
    }

    /** Reads one array in c-order, of its own dtype; reads no more than the header announces. */
    static INDArray decode(String entry, InputStream in) throws IOException {
        return decode(entry, in, ShapeCheck.ANY);
    }

    /** As above, asking {@code check} about the declared shape before any data is read. */
    static INDArray decode(String entry, InputStream in, ShapeCheck check) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length + 2);
        if (magic.length < MAGIC.length + 2 || !java.util.Arrays.equals(magic, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw invalid(entry, "does not start with the .npy magic \\x93NUMPY");
        }
        int major = magic[MAGIC.length];
        int headerLength;
        if (major == 1) {
            headerLength = readLittleEndian(entry, in, 2);
        } else if (major == 2 || major == 3) {
            headerLength = readLittleEndian(entry, in, 4);
        } else {
            throw invalid(entry, "has .npy format version " + major + "." + magic[MAGIC.length + 1]
                    + " (1.0, 2.0 and 3.0 are supported)");
        }
        byte[] headerBytes = in.readNBytes(headerLength);
        if (headerBytes.length < headerLength) {
            throw invalid(entry, "ends inside its header");
        }
        NpyHeader header;
        try {
            header = NpyHeader.parse(new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw invalid(entry, "has an unreadable header: " + e.getMessage());
        }
        check.check(entry.endsWith(".npy") ? entry.substring(0, entry.length() - ".npy".length()) : entry,
                header.shape());
        return data(entry, header, in);
    }

    private static INDArray data(String entry, NpyHeader header, InputStream in) throws IOException {
        String descr = header.descr();
        ByteOrder order = switch (descr.isEmpty() ? ' ' : descr.charAt(0)) {
            case '<', '=', '|' -> ByteOrder.LITTLE_ENDIAN; // '=' is native: every machine numpy runs on here is little-endian
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> null;
        };
        String kind = descr.length() > 1 ? descr.substring(1) : "";
        if (order == null || !(kind.equals("f4") || kind.equals("f8"))) {
            throw invalid(entry, "has dtype '" + descr + "'; only float32 ('<f4') and float64 ('<f8') are supported");
        }
        int itemSize = kind.equals("f4") ? 4 : 8;
        long count;
        try {
            count = header.elementCount();
        } catch (ArithmeticException e) {
            count = Long.MAX_VALUE;
        }
        if (count > MAX_DATA_BYTES / itemSize) {
            throw invalid(entry, "has shape " + header.shapeRepr() + ", larger than the limit of "
                    + MAX_DATA_BYTES + " bytes");
        }
        if (count == 0) {
            throw invalid(entry, "is empty (shape " + header.shapeRepr() + ")");
        }
        int bytes = (int) count * itemSize;
        byte[] raw = in.readNBytes(bytes); // grows as it reads: a lying header cannot make it allocate up front
        if (raw.length < bytes) {
            throw invalid(entry, "has " + raw.length + " bytes of data but its shape " + header.shapeRepr()
                    + " and dtype '" + descr + "' need " + bytes);
        }
        if (in.read() != -1) {
            throw invalid(entry, "has more data than its shape " + header.shapeRepr() + " and dtype '" + descr + "' need");
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(order);
        long[] shape = header.shape();
        char layout = header.fortranOrder() ? 'f' : 'c';
        INDArray array;
        if (itemSize == 4) {
            float[] values = new float[(int) count];
            buffer.asFloatBuffer().get(values);
            array = shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, layout);
        } else {
            double[] values = new double[(int) count];
            buffer.asDoubleBuffer().get(values);
            array = shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, layout);
        }
        return array.ordering() == 'c' ? array : array.dup('c');
    }

    private static int readLittleEndian(String entry, InputStream in, int size) throws IOException {
        byte[] b = in.readNBytes(size);
        if (b.length < size) {
            throw invalid(entry, "ends inside its header length");
        }
        long value = 0;
        for (int k = size - 1; k >= 0; k--) {
            value = (value << 8) | (b[k] & 0xff);
        }
        if (value > 1 << 20) {
            throw invalid(entry, "declares a header of " + value + " bytes");
        }
        return (int) value;
    }

    static InvalidNpzException invalid(String entry, String reason) {
        return new InvalidNpzException("entry '" + entry + "' " + reason);
    }
}
