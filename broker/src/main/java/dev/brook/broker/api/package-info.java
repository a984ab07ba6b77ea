/**
 * One handler per Kafka API, and the dispatcher that picks it: turns decoded requests into calls on the partition
 * layer and their results (or typed exceptions, through the one error table) into responses. Knows nothing of
 * sockets or bytes: the network package frames, decodes and writes.
 */
package dev.brook.broker.api;
