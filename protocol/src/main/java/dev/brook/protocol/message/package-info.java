/**
 * One request record and one response record per Kafka API, each with {@code read(WireReader, short version)} and
 * {@code write(WireWriter, short version)} and its byte layout documented in its Javadoc. Both directions exist for
 * both so tests can check them against kafka-clients either way.
 *
 * <p>Must not touch: storage, sockets, broker logic (what an error code should be is the broker's decision). Record
 * batches are opaque {@link dev.brook.protocol.wire.RecordsPayload}s here.
 */
package dev.brook.protocol.message;
