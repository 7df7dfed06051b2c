package io.digitnet.datasets;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;

/**
 * A zip of image folders: {@code train/<class>/*.png|jpg} and optionally {@code test/<class>/…}, possibly inside one
 * top folder. Class names are the folder names (sorted, unless the metadata orders them). A 28×28 grayscale image is
 * taken as it is; any other is converted the MNIST way, as {@code /predict/image} does.
 */
final class ImageFolders {

    /** A PNG or JPEG of at most 2048×2048 pixels (the default side limit) fits in this many bytes. */
    static final int MAX_IMAGE_BYTES = 32 << 20;

    private record Image(ZipEntry entry, boolean test, String className) {
    }

    private ImageFolders() {
    }

    /** True when the zip holds at least one image under a {@code train/} folder. */
    static boolean looksLikeImageFolders(ZipUpload zip) {
        return zip.entries().stream().anyMatch(e -> isImage(e.getName()) && segments(e.getName()).contains("train"));
    }

    static DatasetContent read(ZipUpload zip, List<String> declaredNames, InflationBudget budget,
                               DatasetUploadSettings settings) throws IOException {
        String field = zip.field();
        List<Image> images = new ArrayList<>();
        TreeSet<String> trainClasses = new TreeSet<>();
        TreeSet<String> testClasses = new TreeSet<>();
        for (ZipEntry entry : zip.entries()) {
            String name = entry.getName();
            List<String> path = segments(name);
            int split = path.indexOf("train") >= 0 ? path.indexOf("train") : path.indexOf("test");
            if (split < 0 || split > 1) {
                continue; // a README or licence next to the folders
            }
            if (path.size() != split + 3) {
                throw new InvalidDatasetException(field, field + ": entry '" + name + "' is not at "
                        + path.get(split) + "/<class>/<image>");
            }
            if (!isImage(name)) {
                throw new InvalidDatasetException(field, field + ": entry '" + name + "' is not a .png, .jpg or .jpeg "
                        + "image");
            }
            boolean test = path.get(split).equals("test");
            String className = path.get(split + 1);
            (test ? testClasses : trainClasses).add(className);
            images.add(new Image(entry, test, className));
        }
        if (trainClasses.isEmpty()) {
            throw new InvalidDatasetException(field, field + ": the zip has no images under train/<class>/");
        }
        List<String> classNames = classNames(field, trainClasses, testClasses, declaredNames);
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            labels.put(classNames.get(i), i);
        }
        ImageCollector train = new ImageCollector(settings.maxImages());
        ImageCollector test = new ImageCollector(settings.maxImages());
        byte[] pixels = new byte[IdxFiles.PIXELS];
        int total = 0;
        for (Image image : images) {
            if (++total > settings.maxImages()) {
                throw new UploadTooLargeException("the upload holds more than " + settings.maxImages()
                        + " images (digitnet.datasets.uploads.max-images)");
            }
            toMnist(zip, image.entry(), budget, settings.maxImageSide(), pixels);
            (image.test() ? test : train).add(pixels, 0, labels.get(image.className()));
        }
        return new DatasetContent(classNames, train.toSplit(), testClasses.isEmpty() ? null : test.toSplit());
    }

    private static List<String> classNames(String field, TreeSet<String> train, TreeSet<String> test,
                                           List<String> declared) {
        if (!train.containsAll(test)) {
            TreeSet<String> extra = new TreeSet<>(test);
            extra.removeAll(train);
            throw new InvalidDatasetException(field, field + ": test/ has classes that train/ lacks: " + extra);
        }
        if (declared == null) {
            return List.copyOf(train);
        }
        if (!new TreeSet<>(declared).equals(train)) {
            throw new InvalidDatasetException("classNames", "metadata classNames " + declared
                    + " do not match the class folders under train/: " + train);
        }
        return declared;
    }

    /** Reads one entry (counted against the budget), checks its size before decoding, converts it. */
    private static void toMnist(ZipUpload zip, ZipEntry entry, InflationBudget budget, int maxSide, byte[] out)
            throws IOException {
        byte[] bytes;
        try (InputStream in = budget.count(zip.open(entry))) {
            bytes = in.readNBytes(MAX_IMAGE_BYTES + 1);
        }
        if (bytes.length > MAX_IMAGE_BYTES) {
            throw new InvalidDatasetException(zip.field(), zip.field() + ": entry '" + entry.getName()
                    + "' is larger than " + MAX_IMAGE_BYTES + " bytes; no image of a dataset needs that");
        }
        BufferedImage image;
        float[] converted;
        try {
            image = ImageDecoder.decode(bytes, maxSide);
            if (image.getWidth() == IdxFiles.COLUMNS && image.getHeight() == IdxFiles.ROWS && isGray(image)) {
                Raster raster = image.getRaster();
                for (int y = 0; y < IdxFiles.ROWS; y++) {
                    for (int x = 0; x < IdxFiles.COLUMNS; x++) {
                        out[y * IdxFiles.COLUMNS + x] = (byte) (raster.getSample(x, y, 0)
                                >> Math.max(0, raster.getSampleModel().getSampleSize(0) - 8));
                    }
                }
                return;
            }
            converted = MnistPreprocessor.toMnist(image);
        } catch (InvalidImageException | ImageTooLargeException e) {
            throw new InvalidDatasetException(zip.field(), zip.field() + ": entry '" + entry.getName() + "': "
                    + e.getMessage());
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.round(converted[i] * 255f);
        }
    }

    /** One gray band without alpha (8 or 16 bits). */
    private static boolean isGray(BufferedImage image) {
        return image.getRaster().getNumBands() == 1 && image.getColorModel().getNumComponents() == 1;
    }

    private static boolean isImage(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
    }

    private static List<String> segments(String name) {
        return List.of(name.split("/"));
    }
}
