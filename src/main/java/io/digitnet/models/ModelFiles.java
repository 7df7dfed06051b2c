package io.digitnet.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The durable-write primitives of the model store: write to a temporary name, fsync the file, rename atomically,
 * fsync the directory. A crash leaves either the old state or the new one, plus at worst a dot-named leftover that
 * {@link #isLeftover} recognises and the store removes at start.
 */
final class ModelFiles {

    static final String WEIGHTS = "weights.npz";
    static final String METADATA = "model.json";
    static final String EVALUATION = "evaluation.json";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String TRASH_PREFIX = ".trash-";

    private ModelFiles() {
    }

    /** A fresh, empty temporary folder next to where the final one will be renamed to (same file system). */
    static Path newTempFolder(Path dir) throws IOException {
        return Files.createDirectory(dir.resolve(TEMP_PREFIX + UUID.randomUUID()));
    }

    /** Writes and fsyncs one file (the caller renames it into place). */
    static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Replaces {@code target} with {@code content} atomically: readers see the old file or the new one, never a mix. */
    static void replaceAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        try {
            writeDurably(temp, content);
            moveAtomically(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the model directory's file system cannot rename atomically: " + target, e);
        }
        fsyncDirectory(target.getParent());
    }

    /** Makes a rename or a new entry in {@code dir} durable; a no-op where the platform cannot open directories. */
    static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; its renames are durable enough for this purpose
        }
    }

    /** Takes a folder out of sight atomically, then removes it; what cannot be removed now is cleaned at next start. */
    static void removeAtomically(Path folder) throws IOException {
        Path trash = folder.resolveSibling(TRASH_PREFIX + folder.getFileName() + "-" + UUID.randomUUID());
        moveAtomically(folder, trash);
        deleteRecursively(trash);
    }

    static boolean isLeftover(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(TEMP_PREFIX) || name.startsWith(TRASH_PREFIX);
    }

    static void deleteRecursively(Path path) {
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
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + path, e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
