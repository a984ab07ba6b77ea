/**
 * Kafka wire protocol for Brook: the implemented {@link dev.brook.protocol.ApiKey}s and their version ranges,
 * {@link dev.brook.protocol.ErrorCode}s, request/response headers, and the two entry points the broker uses —
 * {@link dev.brook.protocol.RequestDecoder} (frame to header + body) and {@link dev.brook.protocol.ResponseEncoder}
 * (header + body to size-prefixed chunks).
 *
 * <p>Implemented APIs (advertised range; see docs/kafka-protocol.md §1):
 * <ul>
 *   <li>Produce (0): 0-7 advertised, 3-7 parsed; v0-2 raise {@link dev.brook.protocol.UnsupportedApiVersionException}</li>
 *   <li>Fetch (1): 4-11</li>
 *   <li>ListOffsets (2): 1-5</li>
 *   <li>Metadata (3): 4-8</li>
 *   <li>ApiVersions (18): 0-4 (flexible from 3; response header always v0)</li>
 * </ul>
 *
 * <p>Must not touch: storage (log-core), sockets or threads. Pure JDK; it turns bytes into records and back.
 */
package dev.brook.protocol;
