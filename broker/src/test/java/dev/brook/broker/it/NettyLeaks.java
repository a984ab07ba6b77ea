package dev.brook.broker.it;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Netty leak reports into test failures. Netty only logs a leak (at ERROR, when a leaked buffer is garbage
 * collected and a later allocation notices), so this installs a detector factory whose detectors also record each
 * report, and {@link #assertNone()} nudges the collector and fails with the recorded traces.
 *
 * <p>Best effort by nature: the factory must be installed before Netty creates its detectors (class
 * initialisation), which holds when a test of this package is the first to start a broker in the JVM; and a leak
 * is seen only once its buffer has been collected. Run with {@code -Dio.netty.leakDetection.level=paranoid} (the
 * broker's surefire configuration does) so every buffer is tracked.
 */
final class NettyLeaks {
    private static final List<String> REPORTS = new ArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    private NettyLeaks() {
    }

    /** Makes sure the recording factory is installed (by running the static initialiser). */
    static void install() {
        // Nothing else to do: loading the class installed the factory.
    }

    /** Collects garbage, lets Netty look for leaked buffers, and fails if any leak was reported so far. */
    static void assertNone() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            // Leaks are reported when a detector tracks a new resource: allocate one to make it look.
            ByteBufAllocator.DEFAULT.buffer(1).release();
        }
        synchronized (REPORTS) {
            if (!REPORTS.isEmpty()) {
                List<String> found = new ArrayList<>(REPORTS);
                REPORTS.clear();
                throw new AssertionError("Netty reported " + found.size() + " leak(s):\n"
                        + String.join("\n\n", found));
            }
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @Deprecated
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                   long maxActive) {
            return newResourceLeakDetector(resource, samplingInterval);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            ResourceLeakDetector<T> detector = new ResourceLeakDetector<>(resource, samplingInterval);
            detector.setLeakListener((type, records) -> {
                synchronized (REPORTS) {
                    REPORTS.add(type + ": " + records);
                }
            });
            return detector;
        }
    }
}
