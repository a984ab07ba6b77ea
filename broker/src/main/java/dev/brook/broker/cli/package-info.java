/**
 * The {@code bin/brook} command line: parses arguments and settings, starts the broker, and turns SIGTERM/SIGINT
 * into a clean shutdown; {@code groups list|describe} inspects consumer groups of a running broker as a Kafka client
 * would, over the wire with the protocol module's codecs. Holds no broker logic and never touches a data directory
 * or the coordinator directly.
 */
package dev.brook.broker.cli;
