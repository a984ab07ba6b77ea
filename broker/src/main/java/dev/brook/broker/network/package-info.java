/**
 * The Netty server: listeners, framing, per-connection request ordering and flow control, and writing responses
 * (zero-copy for records in files). Knows the protocol module's decoder and encoder but not storage, topics or any
 * API's meaning: that is the {@link dev.brook.broker.network.RequestProcessor}'s job.
 */
package dev.brook.broker.network;
