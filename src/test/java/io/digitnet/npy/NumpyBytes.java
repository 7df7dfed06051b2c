package io.digitnet.npy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds, byte by byte, the files numpy 2.x writes: {@code np.save}'s .npy and {@code np.savez}'s zip (STORED entries,
 * zip64 extra fields in the local headers because numpy forces zip64, the fixed 1980-01-01 timestamp, mode 0600).
 * Independent of {@link Npz}, so that tests compare the implementation against the format, not against itself.
 */
public final class NumpyBytes {

    private NumpyBytes() {
    }

    /** A version 1.0 .npy of little-endian float32 values. */
    public static byte[] npyFloat32(String shape, boolean fortranOrder, float... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        return npy("<f4", shape, fortranOrder, data.array(), 1);
    }

    /** A version 1.0 .npy of little-endian float64 values. */
    public static byte[] npyFloat64(String shape, boolean fortranOrder, double... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            data.putDouble(v);
        }
        return npy("<f8", shape, fortranOrder, data.array(), 1);
    }

    /**
     * @param shape  python's repr of the shape, e.g. {@code "(2, 3)"} or {@code "(3,)"}
     * @param major  1 (uint16 header length) or 2 (uint32)
     */
    public static byte[] npy(String descr, String shape, boolean fortranOrder, byte[] data, int major) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shape + ", }";
        String axis = shape.replaceAll("[(),]", " ").trim();
        String[] dims = axis.isEmpty() ? new String[0] : axis.split("\\s+");
        if (dims.length > 0) {
            dict += " ".repeat(21 - dims[fortranOrder ? dims.length - 1 : 0].length());
        }
        int lengthBytes = major == 1 ? 2 : 4;
        int headerLength = dict.length() + 1;
        int padding = 64 - (6 + 2 + lengthBytes + headerLength) % 64;
        byte[] header = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(8 + lengthBytes + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) header.length);
        } else {
            out.putInt(header.length);
        }
        return out.put(header).put(data).array();
    }

    /** {@code np.savez(file, **entries)} for entries already in .npy form, keyed by name without ".npy". */
    public static byte[] savez(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] name = (e.getKey() + ".npy").getBytes(StandardCharsets.UTF_8);
            byte[] data = e.getValue();
            CRC32 crc = new CRC32();
            crc.update(data);
            int offset = out.size();
            ByteBuffer local = le(30 + name.length + 20)
                    .putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0x21) // 00:00:00, 1980-01-01
                    .putInt((int) crc.getValue()).putInt(0xffffffff).putInt(0xffffffff) // sizes are in the zip64 extra
                    .putShort((short) name.length).putShort((short) 20).put(name)
                    .putShort((short) 1).putShort((short) 16).putLong(data.length).putLong(data.length);
            out.writeBytes(local.array());
            out.writeBytes(data);
            ByteBuffer dir = le(46 + name.length)
                    .putInt(0x02014b50).putShort((short) 0x032d).putShort((short) 45).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length)
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0600 << 16).putInt(offset).put(name);
            central.writeBytes(dir.array());
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        out.writeBytes(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) entries.size()).putShort((short) entries.size())
                .putInt(central.size()).putInt(centralOffset).putShort((short) 0).array());
        return out.toByteArray();
    }

    public static Map<String, byte[]> entries(Object... nameAndBytes) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < nameAndBytes.length; i += 2) {
            map.put((String) nameAndBytes[i], (byte[]) nameAndBytes[i + 1]);
        }
        return map;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A zip with one DEFLATED .npy entry: a valid float32 header declaring {@code shape}, then {@code zeros} zeros. */
    public static byte[] deflatedZeros(String entry, String shape, int zeros) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                    (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
            zip.write(header.getBytes(StandardCharsets.ISO_8859_1));
            byte[] block = new byte[1 << 20];
            for (int written = 0; written < zeros; written += block.length) {
                zip.write(block, 0, Math.min(block.length, zeros - written));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
