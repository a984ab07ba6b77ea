/**
 * Fetch serving: reading each requested partition up to its high watermark, parking fetches that have too little
 * data until data arrives or their wait runs out (long poll), and handing record regions to the network layer for a
 * zero-copy send. Knows partitions and the protocol's Fetch messages; never writes to a log.
 */
package dev.brook.broker.fetch;
