package dev.brook.log.index;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a whole file read-write at a given length, and unmaps it again without waiting for the garbage collector.
 *
 * <p>Unmapping uses {@code sun.misc.Unsafe.invokeCleaner}, found reflectively: {@code jdk.unsupported} exports
 * and opens {@code sun.misc}, so this needs no JVM flag on Java 17+, and reflection keeps javac's
 * "internal proprietary API" warning (which no annotation can suppress) out of a {@code -Werror} build. Without
 * an explicit unmap, every resized or closed index would hold its address range (and, on Windows, a lock on the
 * file) until some later GC; with thousands of segments that is the {@code vm.max_map_count} exhaustion Kafka
 * users hit. If the method is missing, unmapping falls back to the GC.
 *
 * <p>Java 17 to 23 run this silently. Java 24 and later print a one-time "terminally deprecated method in
 * sun.misc.Unsafe" warning on the first unmap (JEP 498); a build with a Java 22+ baseline could map through
 * {@code FileChannel.map(mode, offset, size, Arena)} instead and unmap by closing the arena.
 */
final class MappedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(MappedFiles.class);
    /** {@code (ByteBuffer)void}, bound to the Unsafe instance; null when unavailable. */
    private static final MethodHandle INVOKE_CLEANER = findInvokeCleaner();

    private MappedFiles() {
    }

    /**
     * Creates the file if needed, sets its length (new bytes read as zero) and maps all of it read-write. The
     * file descriptor is closed again at once: the mapping stays valid without it, and an index should not hold
     * one of the process's file descriptors for its whole life.
     *
     * @param file the file
     * @param length the length to give the file and the mapping
     * @return the mapping
     * @throws IOException if the file cannot be opened, resized or mapped
     */
    static MappedByteBuffer map(Path file, int length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (raf.length() != length) {
                raf.setLength(length);
            }
            return raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
    }

    /**
     * Releases a mapping now. Any later access to {@code buffer} would crash the JVM, so the caller must have
     * dropped every other reference and excluded every reader first.
     *
     * @param buffer a buffer returned by {@link #map}, never a slice or duplicate
     */
    static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null) {
            return; // the GC unmaps it once the buffer is unreachable
        }
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("unmapping failed", t);
        }
    }

    /**
     * Tells whether {@link #unmap} releases mappings at once.
     *
     * @return false when it leaves them to the GC
     */
    static boolean unmapsEagerly() {
        return INVOKE_CLEANER != null;
    }

    private static MethodHandle findInvokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            MethodHandle invokeCleaner = MethodHandles.publicLookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class));
            return invokeCleaner.bindTo(theUnsafe.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("sun.misc.Unsafe.invokeCleaner is unavailable ({}); index files are unmapped by the GC", e
                    .toString());
            return null;
        }
    }
}
