/**
 * The sparse, preallocated, memory-mapped indexes of one log segment: {@link dev.brook.log.index.OffsetIndex}
 * ({@code .index}, offset → file position) and {@link dev.brook.log.index.TimeIndex} ({@code .timeindex}, max
 * timestamp → offset), both built on {@link dev.brook.log.index.AbstractMappedIndex}.
 *
 * <p>An index answers "where should a scan of the segment start?" with an entry at or before the target; the
 * caller then reads batch headers forward from there. Entries are derived data: they carry no checksum, and
 * when one is corrupt ({@link dev.brook.log.index.CorruptIndexException}) the caller deletes the file and
 * rebuilds it from the {@code .log} file. The file formats are documented in {@code AbstractMappedIndex}
 * (file layout), {@code IndexHeader} (the 16-byte header), {@code OffsetIndex} and {@code TimeIndex} (entries).
 *
 * <p>Boundaries: this package only reads and writes the index files it is given. It never parses or touches
 * {@code .log} files (positions and offsets come from the caller), never reads or writes checkpoint files,
 * never names segment files (the caller passes paths), does no networking and needs no JVM flags.
 */
package dev.brook.log.index;
