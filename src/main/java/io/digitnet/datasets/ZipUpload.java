package io.digitnet.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The entries of an uploaded zip, checked before anything is read: no entry may escape its folder (absolute paths,
 * {@code ..}, backslashes), and macOS metadata and hidden files are left out.
 */
final class ZipUpload implements AutoCloseable {

    private final ZipFile zip;
    private final String field;
    private final List<ZipEntry> entries = new ArrayList<>();

    ZipUpload(Path file, String field, int maxEntries) throws IOException {
        this.field = field;
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new InvalidDatasetException(field, field + ": not a readable zip archive (" + e.getMessage() + ")");
        }
        try {
            Enumeration<? extends ZipEntry> all = zip.entries();
            int count = 0;
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++count > maxEntries) {
                    throw new UploadTooLargeException(field + ": the zip has more than " + maxEntries + " entries");
                }
                String name = entry.getName();
                requireInside(name);
                if (entry.isDirectory() || ignored(name)) {
                    continue;
                }
                entries.add(entry);
            }
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    List<ZipEntry> entries() {
        return entries;
    }

    InputStream open(ZipEntry entry) throws IOException {
        return zip.getInputStream(entry);
    }

    String field() {
        return field;
    }

    private void requireInside(String name) {
        String normalized = name.replace('\\', '/');
        boolean escapes = name.contains("\\") || normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")
                || List.of(normalized.split("/")).contains("..");
        if (escapes) {
            throw new InvalidDatasetException(field, field + ": entry '" + name + "' escapes its folder (absolute "
                    + "paths, '..' and backslashes are refused)");
        }
    }

    /** macOS resource forks, .DS_Store and other hidden files. */
    private static boolean ignored(String name) {
        for (String segment : name.split("/")) {
            if (segment.startsWith(".") || segment.equals("__MACOSX")) {
                return true;
            }
        }
        return false;
    }

    static String baseName(String entry) {
        int slash = entry.lastIndexOf('/');
        return (slash < 0 ? entry : entry.substring(slash + 1)).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
