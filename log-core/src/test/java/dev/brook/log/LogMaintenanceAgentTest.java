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
