/**
 * JMH comparison of three ways to hold a Brook offset index (16-byte header, then 8-byte big-endian entries of
 * relative offset and file position): {@link dev.brook.log.index.OffsetIndex} itself, a bare JDK
 * {@link java.nio.MappedByteBuffer} ({@link dev.brook.benchmarks.index.JdkMappedEntries}) and chronicle-bytes'
 * {@code MappedBytes} ({@link dev.brook.benchmarks.index.ChronicleMappedEntries}). Results and the decision
 * they support are in {@code docs/chronicle-bytes.md}.
 */
package dev.brook.benchmarks.index;
