/**
 * Consumer groups: the classic group protocol's coordinator ({@link dev.brook.groups.GroupCoordinator}:
 * membership, generations, rebalances, session timeouts, static members), committed offsets and group metadata
 * kept in the keyed, compacted internal topic {@code __consumer_offsets} (through partitioning's
 * {@code PartitionStore} and log-core's record batches), offset expiry and consumer lag.
 *
 * <p>Must not touch: sockets, Netty or the Kafka wire format (the broker translates requests into calls here, and
 * this package does not depend on the {@code protocol} module); partition assignment (the leader member, or the
 * assignors of {@code dev.brook.groups.assignor}, decide it; the coordinator only relays the bytes).
 */
package dev.brook.groups;
