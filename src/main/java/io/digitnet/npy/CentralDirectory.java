package io.digitnet.npy;

/**
 * Counts the entries of a zip's central directory, walking its records as a zip reader does, before the reader builds
 * an object per entry: a 16 MB upload of empty entries holds some 200,000 records, which would cost far more memory
 * than the upload itself. An .npz holds a few arrays.
 */
final class CentralDirectory {

    /** Far more arrays than a model or a checkpoint holds (4 weights plus optimizer state). */
    static final int MAX_ENTRIES = 1024;

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int END_SIZE = 22;
    private static final int ENTRY_SIZE = 46;

    private CentralDirectory() {
    }

    /**
     * @throws InvalidNpzException when the central directory holds more than {@code max} entries; an archive whose
     *                             end record cannot be found is left to the zip reader to refuse
     */
    static void requireAtMost(byte[] zip, int max) {
        int end = findEnd(zip);
        if (end < 0) {
            return;
        }
        long offset = u32(zip, end + 16);
        if (offset == 0xFFFFFFFFL) {
            offset = zip64Offset(zip, end);
        }
        int count = 0;
        long position = offset;
        while (position >= 0 && position + ENTRY_SIZE <= zip.length && u32(zip, (int) position) == ENTRY_SIGNATURE) {
            if (++count > max) {
                throw new InvalidNpzException("the .npz has more than " + max + " entries; an .npz of a model holds "
                        + "a few arrays");
            }
            int p = (int) position;
            position += ENTRY_SIZE + u16(zip, p + 28) + u16(zip, p + 30) + u16(zip, p + 32);
        }
    }

    /** The end of central directory record, searched from the end (it may be followed by a comment). */
    private static int findEnd(byte[] zip) {
        int lowest = Math.max(0, zip.length - END_SIZE - 0xFFFF);
        for (int i = zip.length - END_SIZE; i >= lowest; i--) {
            if (u32(zip, i) == END_SIGNATURE) {
                return i;
            }
        }
        return -1;
    }

    private static long zip64Offset(byte[] zip, int end) {
        int locator = end - 20;
        if (locator < 0 || u32(zip, locator) != ZIP64_LOCATOR_SIGNATURE) {
            throw new InvalidNpzException("not a valid .npz: its zip64 end record is missing");
        }
        long record = u64(zip, locator + 8);
        if (record < 0 || record + 56 > zip.length || u32(zip, (int) record) != ZIP64_END_SIGNATURE) {
            throw new InvalidNpzException("not a valid .npz: its zip64 end record is damaged");
        }
        return u64(zip, (int) record + 48);
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int i) {
        return (u16(b, i) | (long) u16(b, i + 2) << 16) & 0xFFFFFFFFL;
    }

    private static long u64(byte[] b, int i) {
        return u32(b, i) | u32(b, i + 4) << 32;
    }
}
