/**
 * Topics as Kafka defines them: {@link dev.brook.partition.topic.TopicPartition}, topic-name rules
 * ({@link dev.brook.partition.topic.TopicName}), topic configs and their mapping onto a log-core
 * {@link dev.brook.log.LogConfig} ({@link dev.brook.partition.topic.TopicConfig}), topic metadata and its files
 * under {@code <logdir>/brook-metadata/topics/} ({@link dev.brook.partition.topic.TopicStore}).
 *
 * <p>This package must not touch partition logs, producer state or the network; it knows log-core only for
 * {@code LogConfig} and the checkpoint envelope its files reuse.
 */
package dev.brook.partition.topic;
