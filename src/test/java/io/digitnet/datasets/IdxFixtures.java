package io.digitnet.datasets;

import java.nio.ByteBuffer;

/** Small well-formed IDX contents for tests. */
final class IdxFixtures {

    private IdxFixtures() {
    }

    /** An idx3 file of 28×28 unsigned-byte images, each given as 784 pixels. */
    static byte[] images(byte[]... pixels) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + pixels.length * 784);
        buffer.putInt(0x00000803).putInt(pixels.length).putInt(28).putInt(28);
        for (byte[] image : pixels) {
            buffer.put(image);
        }
        return buffer.array();
    }

    /** An idx1 file of unsigned-byte labels. */
    static byte[] labels(int... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length);
        buffer.putInt(0x00000801).putInt(labels.length);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return buffer.array();
    }
}
