/**
 * The broker's settings, under Apache Kafka's names, parsed strictly from a properties file and command-line
 * overrides. Knows nothing of the network, the protocol or storage: it only turns text into validated values.
 */
package dev.brook.broker.config;
