package dev.brook.broker;

import dev.brook.broker.config.ConfigException;
import dev.brook.log.checkpoint.CheckpointCodec;
import dev.brook.log.checkpoint.CheckpointFile;
import dev.brook.log.checkpoint.CorruptCheckpointException;
import dev.brook.log.checkpoint.PayloadReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The data directory's identity, Brook's counterpart of Kafka's {@code meta.properties}: the cluster id reported in
 * Metadata, and the node id the directory belongs to. Created on first start; a later start with another
 * {@code node.id} is refused, so a directory is never served under two identities.
 *
 * <h2>File format</h2>
 * {@code <log dir>/brook-metadata/cluster.checkpoint}: a {@link CheckpointFile} of kind {@code cluster-identity},
 * version 1, payload lines {@code cluster-id <22 base64url characters>} then {@code node-id <decimal int>}.
 *
 * @param clusterId the cluster id, a random UUID in Kafka's base64url form
 * @param nodeId    the node id this directory belongs to
 */
record ClusterIdentity(String clusterId, int nodeId) {
    static final String FILE_NAME = "cluster.checkpoint";

    static ClusterIdentity loadOrCreate(Path metadataDir, int nodeId) throws IOException {
        CheckpointFile<ClusterIdentity> file = new CheckpointFile<>(metadataDir.resolve(FILE_NAME),
                "cluster-identity", 1, new Codec());
        var existing = file.read();
        if (existing.isPresent()) {
            if (existing.get().nodeId() != nodeId) {
                throw new ConfigException("node.id", "is " + nodeId + " but the data directory " + metadataDir.getParent()
                        + " belongs to node " + existing.get().nodeId());
            }
            return existing.get();
        }
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        ClusterIdentity created = new ClusterIdentity(
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array()), nodeId);
        file.write(created);
        return created;
    }

    private static final class Codec implements CheckpointCodec<ClusterIdentity> {
        @Override
        public List<String> encode(ClusterIdentity value) {
            return List.of("cluster-id " + value.clusterId(), "node-id " + value.nodeId());
        }

        @Override
        public ClusterIdentity decode(PayloadReader payload) throws CorruptCheckpointException {
            String[] fields = payload.readFields(2, "cluster-id <id>");
            if (!fields[0].equals("cluster-id")) {
                throw payload.corruptLine("expected cluster-id, found " + fields[0]);
            }
            String clusterId = fields[1];
            int nodeId = payload.readInt("node-id");
            return new ClusterIdentity(clusterId, nodeId);
        }
    }
}
