package io.digitnet.files;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The one way digitnet writes files that must survive a crash (kill -9, power loss): write under a temporary name in
 * the same folder, fsync the file, rename it atomically over the target, fsync the folder. Readers (and a restart)
 * see the old content or the new, never a part; a crash leaves at worst a dot-named leftover that
 * {@link #isLeftover} recognises and {@link #deleteLeftovers} removes at the next start.
 *
 * <p>Nothing here creates missing folders: a write into a folder that was deleted meanwhile (a model deleted while
 * its evaluation is written) fails instead of bringing the folder back.
 */
public final class DurableFiles {

    /** Temporary files and folders: {@code .tmp-<name>-<uuid>}. */
    public static final String TEMP_PREFIX = ".tmp-";
    /** Folders taken out of sight before they are deleted: {@code .trash-<name>-<uuid>}. */
    public static final String TRASH_PREFIX = ".trash-";
    /** What temporary files of earlier versions ended with ({@code .job.json.123.tmp}). */
    private static final String OLD_TEMP_SUFFIX = ".tmp";

    /** Writes the content of a file; it may close the stream it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private DurableFiles() {
    }

    /** Replaces {@code target} (in an existing folder) with {@code content}, atomically and durably. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** Replaces {@code target} (in an existing folder) with what {@code content} writes, atomically and durably. */
    public static void write(Path target, Content content) throws IOException {
        Path temp = tempSibling(target);
        try {
            writeNew(temp, content);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes a new file and fsyncs it, without a rename: for files inside a temporary folder that is itself
     * {@link #move moved} into place once complete.
     */
    public static void writeNew(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * As {@link #writeNew(Path, byte[])}, with what {@code content} writes (streamed, so a large file is never held
     * in memory); {@code content} may close the stream it is given.
     */
    public static void writeNew(Path file, Content content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // The writer may close its stream (zip and gzip writers do); the channel must stay open for force().
            OutputStream unclosable = new FilterOutputStream(Channels.newOutputStream(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    this.out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            OutputStream buffered = new BufferedOutputStream(unclosable, 1 << 16);
            content.writeTo(buffered);
            buffered.flush();
            channel.force(true);
        }
    }

    /** A fresh, empty temporary folder in {@code dir} (same file system as its final place, so the rename is atomic). */
    public static Path newTempFolder(Path dir) throws IOException {
        return Files.createDirectory(dir.resolve(TEMP_PREFIX + UUID.randomUUID()));
    }

    /** A fresh, empty temporary file in {@code dir}, to be filled and then {@link #publish published}. */
    public static Path newTempFile(Path dir) throws IOException {
        return Files.createFile(dir.resolve(TEMP_PREFIX + UUID.randomUUID()));
    }

    /** Makes a complete temporary file visible under its final name: fsync, atomic rename, fsync of the folder. */
    public static void publish(Path temp, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        move(temp, target);
    }

    /** Renames a file or folder atomically (replacing a file at {@code target}) and makes the rename durable. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically", e);
        }
        fsyncFolder(target.toAbsolutePath().getParent());
    }

    /** Makes new entries and renames in {@code dir} durable; a no-op where the platform cannot open folders. */
    public static void fsyncFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; its renames are durable enough for this purpose
        }
    }

    /** Takes a folder out of sight atomically, then deletes it; what cannot be deleted now goes at the next start. */
    public static void removeAtomically(Path folder) throws IOException {
        Path trash = folder.resolveSibling(TRASH_PREFIX + folder.getFileName() + "-" + UUID.randomUUID());
        move(folder, trash);
        deleteRecursively(trash);
    }

    /** A temporary file or folder, or a folder taken out of sight, that a crash left behind. */
    public static boolean isLeftover(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(TEMP_PREFIX) || name.startsWith(TRASH_PREFIX)
                || (name.startsWith(".") && name.endsWith(OLD_TEMP_SUFFIX));
    }

    /** Deletes the {@link #isLeftover leftovers} in {@code root} and its sub-folders down to {@code depth}; how many. */
    public static int deleteLeftovers(Path root, int depth) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(root, depth)) {
            List<Path> leftovers = paths.filter(p -> !p.equals(root) && isLeftover(p)).toList();
            leftovers.forEach(DurableFiles::deleteRecursively);
            return leftovers.size();
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean up " + root + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a file or a folder with everything in it; nothing when it does not exist. */
    public static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (NoSuchFileException e) {
            // deleted by someone else meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + path, e);
        }
    }

    private static Path tempSibling(Path target) {
        return target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
    }
}
