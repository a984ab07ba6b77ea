package dev.brook.log.index;

/**
 * One {@link OffsetIndex} answer: the batch with base offset {@code offset} starts at byte {@code position} of
 * the segment's {@code .log} file. The fallback for "no entry" is {@code (baseOffset, 0)}: the segment's first
 * batch, which is never indexed.
 *
 * @param offset absolute base offset of the batch
 * @param position byte position of the batch in the {@code .log} file
 */
public record OffsetPosition(long offset, int position) {
}
