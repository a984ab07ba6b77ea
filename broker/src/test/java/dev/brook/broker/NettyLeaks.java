package dev.brook.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Netty's LEAK reports so a test can fail on them. Netty reports a leak only when a tracked buffer has been
 * garbage-collected unreleased and a later allocation is tracked, so {@link #leaks()} runs the GC and allocates
 * before it answers. Run tests with {@code -Dio.netty.leakDetection.level=paranoid} so every buffer is tracked.
 */
public final class NettyLeaks {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        try {
            // The detector every pooled/unpooled ByteBuf reports to; package-private, so reached reflectively.
            Field f = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            ResourceLeakDetector<ByteBuf> detector = (ResourceLeakDetector<ByteBuf>) f.get(null);
            detector.setLeakListener((type, records) -> LEAKS.add(type + " leaked:\n" + records));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NettyLeaks() {
    }

    /** Starts listening (idempotent); call before the code under test allocates. */
    public static void install() {
        // The static initializer does the work.
    }

    /** Every leak reported so far, after giving unreleased buffers the chance to be collected and reported. */
    public static List<String> leaks() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            for (int i = 0; i < 200; i++) {
                ByteBufAllocator.DEFAULT.buffer(16).release(); // each tracked allocation drains the leak queue
            }
        }
        return new ArrayList<>(LEAKS);
    }
}
