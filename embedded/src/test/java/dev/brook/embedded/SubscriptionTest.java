package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionTest {
    private Brook brook;

    @BeforeEach
    void open() throws IOException {
        brook = Brook.openTemporary();
        brook.topics().create("t", 2);
    }

    @AfterEach
    void close() {
        brook.close();
    }

    @Test
    void deliversEveryRecordInOrderUntilClosed() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(20);
        Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string());
        producer.sendSync("t", "a", "before");
        Subscription subscription = brook.subscribe("t", Serdes.string(), Serdes.string(), StartPosition.earliest(),
                record -> {
                    seen.add(record.key() + ":" + record.value());
                    all.countDown();
                });
        for (int i = 1; i < 20; i++) {
            producer.sendSync("t", "a", "v" + i);
        }
        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get(0)).isEqualTo("a:before");
        assertThat(seen.subList(1, 20)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(1, 20).mapToObj(i -> "a:v" + i).toList());
        subscription.close();
        assertThat(subscription.isRunning()).isFalse();
        assertThat(subscription.failure()).isEmpty();
    }

    @Test
    void aFailingListenerStopsTheSubscriptionAndIsReported() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        Subscription subscription = brook.subscribe("t", StartPosition.earliest(), record -> {
            called.countDown();
            throw new IllegalArgumentException("bad record");
        });
        brook.producer(Serdes.bytes(), Serdes.bytes()).sendSync("t", null, new byte[] {1});
        assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();
        while (subscription.isRunning()) {
            Thread.onSpinWait();
        }
        assertThat(subscription.failure()).get().isInstanceOf(IllegalArgumentException.class);
        subscription.close();
    }
}
