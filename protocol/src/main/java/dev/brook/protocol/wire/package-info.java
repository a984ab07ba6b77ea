/**
 * Kafka protocol primitive types: bounds-checked {@link dev.brook.protocol.wire.WireReader}, chunking
 * {@link dev.brook.protocol.wire.WireWriter}, tag buffers, and the {@link dev.brook.protocol.wire.RecordsPayload}
 * abstraction that lets record batches pass through without copies.
 *
 * <p>Must not know any API's message layout (that is {@code dev.brook.protocol.message}), nor storage or sockets.
 */
package dev.brook.protocol.wire;
