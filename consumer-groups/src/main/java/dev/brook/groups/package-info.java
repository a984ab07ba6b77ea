/**
 * Consumer groups: the classic group protocol's coordinator (membership, generations, rebalances, session
 * timeouts, static members), committed offsets and group metadata kept in the keyed internal topic
 * {@code __consumer_offsets}, and the partition assignors. Knows partitions and logs; knows nothing of sockets or
 * the Kafka wire format (the broker translates requests to calls here).
 */
package dev.brook.groups;
