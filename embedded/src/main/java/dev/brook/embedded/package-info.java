/**
 * Brook inside a JVM application or its tests. {@link dev.brook.embedded.Brook} is the one entry point: it opens a
 * data directory and hands out {@linkplain dev.brook.embedded.Topics topic admin},
 * {@linkplain dev.brook.embedded.Producer producers}, {@linkplain dev.brook.embedded.Reader readers} and
 * {@linkplain dev.brook.embedded.Subscription subscriptions}, {@linkplain dev.brook.embedded.Table tables} (the latest
 * value per key of a compacted topic) and {@linkplain dev.brook.embedded.GroupConsumer group consumers} that join the
 * directory's group coordinator in-process, all appending to and reading from the partition store directly: no
 * sockets and no protocol encoding unless {@link dev.brook.embedded.Brook#listen(int)} is called.
 *
 * <p>This package wires the partition layer and log-core's batch builder for in-process use; it must not reach into
 * the broker's request handlers or codecs (only {@code Broker.serve} and the data directory), and it owns no file
 * format of its own (group members' metadata and assignments use Kafka's consumer protocol format, see
 * {@code ConsumerProtocolCodec}).
 */
package dev.brook.embedded;
