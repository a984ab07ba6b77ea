/**
 * The standalone broker: wires the partition store, the Kafka API handlers and the Netty server together, and owns
 * the data directory's lock and identity files. The only package that sees both storage and the network.
 */
package dev.brook.broker;
