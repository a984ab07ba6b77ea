package dev.brook.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogMaintenanceAgentTest {
    @TempDir
    Path dir;

    @Test
    void aFailingLogDoesNotStopTheOthersAndIsRetried() {
        AtomicInteger healthyRuns = new AtomicInteger();
        AtomicInteger failingRuns = new AtomicInteger();
        LogMaintenanceAgent.Maintainable healthy = () -> {
            healthyRuns.incrementAndGet();
            return 1;
        };
        LogMaintenanceAgent.Maintainable failing = () -> {
            failingRuns.incrementAndGet();
            throw new LogStorageException("disk gone", new java.io.IOException("EIO"));
        };
        LogMaintenanceAgent agent = new LogMaintenanceAgent(10, "test-maintenance");
        agent.register(failing);
        agent.register(healthy);
        agent.doWork();
        agent.doWork();
        assertThat(healthyRuns).hasValue(2);
        assertThat(failingRuns).hasValue(2);
        assertThat(agent.health().get(failing).failures()).isEqualTo(2);
        assertThat(agent.health().get(failing).lastError()).contains("disk gone");
        assertThat(agent.health().get(healthy).failures()).isZero();
    }

    @Test
    void closeLetsTheRunningCycleFinishWithoutInterruptingIt() throws Exception {
        java.util.concurrent.CountDownLatch inCycle = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        LogMaintenanceAgent agent = new LogMaintenanceAgent(1, "test-maintenance");
        agent.register(() -> {
            inCycle.countDown();
            try {
                // Stands for file I/O: an interrupt here would close a FileChannel.
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return 0;
        });
        agent.start();
        inCycle.await();
        Thread closer = new Thread(agent::close);
        closer.start();
        Thread.sleep(100); // give close() the chance to (wrongly) interrupt; no timing is asserted
        release.countDown();
        closer.join();
        assertThat(interrupted).isFalse();
    }

    @Test
    void flushesLogsOnItsOwnThread() throws InterruptedException {
        LogConfig config = LogConfig.defaults().withFlushPolicy(FlushPolicy.everyInterval(1));
        try (Log log = Log.open(dir, config); LogMaintenanceAgent agent = new LogMaintenanceAgent(1, "flusher")) {
            agent.register(log);
            agent.start();
            log.append(TestBatches.batch(3, 100, 10), 0);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (log.recoveryPoint() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(log.recoveryPoint()).isEqualTo(3);
        }
    }
}
