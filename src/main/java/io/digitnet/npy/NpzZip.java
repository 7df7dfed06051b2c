package io.digitnet.npy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The zip container exactly as Python's {@code zipfile} writes it for {@code np.savez}: STORED entries, local headers
 * whose sizes sit in a zip64 extra field (numpy forces zip64), the fixed timestamp 1980-01-01 00:00:00, mode 0600,
 * then the central directory and its end record. Written by hand because {@code java.util.zip} adds fields of its own
 * (an extended timestamp that depends on the time zone), which would make equal weights hash differently.
 */
final class NpzZip {

    private static final short ZIP64_VERSION = 45;
    private static final short MADE_BY_UNIX = 0x0300 | ZIP64_VERSION;
    private static final short DOS_DATE_1980_01_01 = 0x21;
    private static final int MODE_0600 = 0600 << 16;

    private NpzZip() {
    }

    /** @param entries file name → content, in order; names are ASCII ({@code W1.npy}) */
    static byte[] stored(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            byte[] name = entry.getKey().getBytes(StandardCharsets.US_ASCII);
            byte[] data = entry.getValue();
            CRC32 crc = new CRC32();
            crc.update(data);
            int offset = out.size();
            out.writeBytes(littleEndian(30 + name.length + 20)
                    .putInt(0x04034b50).putShort(ZIP64_VERSION).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort(DOS_DATE_1980_01_01)
                    .putInt((int) crc.getValue()).putInt(0xffffffff).putInt(0xffffffff)
                    .putShort((short) name.length).putShort((short) 20).put(name)
                    .putShort((short) 0x0001).putShort((short) 16).putLong(data.length).putLong(data.length)
                    .array());
            out.writeBytes(data);
            central.writeBytes(littleEndian(46 + name.length)
                    .putInt(0x02014b50).putShort(MADE_BY_UNIX).putShort(ZIP64_VERSION).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort(DOS_DATE_1980_01_01)
                    .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length)
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(MODE_0600).putInt(offset).put(name)
                    .array());
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        out.writeBytes(littleEndian(22)
                .putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) entries.size()).putShort((short) entries.size())
                .putInt(central.size()).putInt(centralOffset).putShort((short) 0)
                .array());
        return out.toByteArray();
    }

    private static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
