package dev.brook.groups;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Test helpers: requests as a Kafka consumer would send them. */
final class Members {
    static final int SESSION_MS = 10_000;
    static final int REBALANCE_MS = 30_000;

    private Members() {
    }

    /** A consumer subscription (ConsumerProtocolSubscription v0) for the topics. */
    static byte[] subscription(String... topics) {
        int size = 2 + 4 + 4;
        for (String t : topics) {
            size += 2 + t.getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putShort((short) 0).putInt(topics.length);
        for (String t : topics) {
            byte[] b = t.getBytes(StandardCharsets.UTF_8);
            buf.putShort((short) b.length).put(b);
        }
        buf.putInt(-1);
        return buf.array();
    }

    static List<ProtocolMetadata> range(String... topics) {
        return List.of(new ProtocolMetadata("range", subscription(topics)));
    }

    static JoinRequest join(String group, String memberId, List<ProtocolMetadata> protocols) {
        return new JoinRequest(group, memberId, null, "consumer", protocols, SESSION_MS, REBALANCE_MS, false,
                "client", "/127.0.0.1");
    }

    static JoinRequest joinStatic(String group, String memberId, String instanceId,
            List<ProtocolMetadata> protocols) {
        return new JoinRequest(group, memberId, instanceId, "consumer", protocols, SESSION_MS, REBALANCE_MS, false,
                "client", "/127.0.0.1");
    }

    static SyncRequest sync(String group, JoinResult joined, Map<String, byte[]> assignments) {
        return new SyncRequest(group, joined.generationId(), joined.memberId(), null, null, null, assignments);
    }

    static <T> T now(CompletableFuture<T> future) {
        if (!future.isDone()) {
            throw new AssertionError("expected an immediate answer");
        }
        return future.join();
    }
}
