/**
 * Integration tests: a real in-process {@link dev.brook.broker.Broker} on 127.0.0.1 driven by unmodified
 * kafka-clients (producer, consumer with assign/seek, admin). They must not reach into broker internals beyond
 * starting and stopping it, so they test what a Kafka client sees.
 */
package dev.brook.broker.it;
