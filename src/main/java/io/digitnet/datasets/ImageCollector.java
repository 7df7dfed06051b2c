package io.digitnet.datasets;

import java.util.Arrays;

/** Images (784 bytes each) and their labels as they are read, growing as needed, up to a limit. */
final class ImageCollector {

    static final int PIXELS = IdxFiles.PIXELS;

    private final int maxImages;
    private byte[] pixels = new byte[PIXELS * 1024];
    private int[] labels = new int[1024];
    private int size;

    ImageCollector(int maxImages) {
        this.maxImages = maxImages;
    }

    /** Adds the 784 bytes at {@code offset} of {@code image}. */
    void add(byte[] image, int offset, int label) {
        if (size == maxImages) {
            throw new UploadTooLargeException("the upload holds more than " + maxImages
                    + " images (digitnet.datasets.uploads.max-images)");
        }
        if (size == labels.length) {
            int capacity = (int) Math.min((long) labels.length * 2, maxImages);
            labels = Arrays.copyOf(labels, capacity);
            pixels = Arrays.copyOf(pixels, capacity * PIXELS);
        }
        System.arraycopy(image, offset, pixels, size * PIXELS, PIXELS);
        labels[size++] = label;
    }

    int size() {
        return size;
    }

    int maxLabel() {
        int max = -1;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, labels[i]);
        }
        return max;
    }

    DatasetContent.Split toSplit() {
        return new DatasetContent.Split(Arrays.copyOf(pixels, size * PIXELS), Arrays.copyOf(labels, size));
    }
}
