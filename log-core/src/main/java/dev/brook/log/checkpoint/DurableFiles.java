package dev.brook.log.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Crash-safe replacement and deletion of small files: after a crash at any point a reader sees either the old
 * complete file or the new complete file, and once a call returns its effect survives power loss.
 */
final class DurableFiles {
    /** Suffix of the scratch file a replacement is written to before it is renamed over the target. */
    static final String TMP_SUFFIX = ".tmp";

    /**
     * Windows cannot open a directory as a FileChannel, and NTFS journals renames itself; everywhere else the
     * directory must be fsynced for a rename or unlink to be durable.
     */
    private static final boolean CAN_FSYNC_DIRECTORIES =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private DurableFiles() {
    }

    /**
     * Returns the scratch path a replacement of {@code target} is written to: {@code <name>.tmp} next to it.
     *
     * @param target the file being replaced
     * @return the sibling scratch path
     */
    static Path tmpPathFor(Path target) {
        return target.resolveSibling(target.getFileName() + TMP_SUFFIX);
    }

    /**
     * Replaces {@code target} with {@code content}: writes {@code <name>.tmp} (truncating any leftover from an
     * earlier crash), forces it to the device, renames it atomically over the target and fsyncs the directory.
     *
     * @param target the file to create or replace
     * @param content the complete new content
     * @throws IOException if any step fails; the target then still holds its old content or the new one
     */
    static void replace(Path target, byte[] content) throws IOException {
        Path tmp = tmpPathFor(target);
        try {
            // TRUNCATE_EXISTING: a .tmp left by a crash mid-write is garbage and is simply overwritten.
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // The data must be on the device before the rename can expose it under the real name.
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        fsyncDirectory(parentOf(target));
    }

    /**
     * Deletes {@code file} if it exists and fsyncs its directory, so the deletion survives a crash.
     *
     * @param file the file to delete
     * @return whether the file existed
     * @throws IOException if the deletion or the directory fsync fails
     */
    static boolean delete(Path file) throws IOException {
        boolean existed = Files.deleteIfExists(file);
        // Fsync even when nothing was deleted: an earlier unlink of the same name may not be durable yet.
        fsyncDirectory(parentOf(file));
        return existed;
    }

    /**
     * Forces a directory's entries (creations, renames, deletions) to the device.
     *
     * @param directory the directory to fsync
     * @throws IOException if the directory cannot be opened or forced
     */
    static void fsyncDirectory(Path directory) throws IOException {
        if (!CAN_FSYNC_DIRECTORIES) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static Path parentOf(Path file) {
        return file.toAbsolutePath().getParent();
    }
}
