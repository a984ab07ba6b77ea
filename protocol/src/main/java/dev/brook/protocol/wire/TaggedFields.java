package dev.brook.protocol.wire;

/**
 * The TAG_BUFFER that ends every structure in a flexible version: {@code uvarint count}, then per field
 * {@code uvarint tag, uvarint size, size bytes}, tags ascending. Brook models no tagged fields, so unknown ones are
 * skipped on read and every tag buffer is written empty (a single {@code 0x00} byte) — Kafka defines all tagged fields
 * as optional, so an empty buffer is always valid.
 */
public final class TaggedFields {
    private TaggedFields() {
    }

    /**
     * Skips a tag buffer, checking each size against the bytes left.
     *
     * @param r the reader positioned at the tag buffer
     */
    public static void skip(WireReader r) {
        int count = r.readUnsignedVarint("tagged fields count");
        if (count < 0 || count > r.remaining()) {
            throw new MalformedMessageException("tagged fields count " + Integer.toUnsignedString(count)
                    + " cannot fit in " + r.remaining() + " bytes");
        }
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int tag = r.readUnsignedVarint("tagged field tag");
            if (tag < 0 || tag <= previous) {
                throw new MalformedMessageException("tagged field tag " + Integer.toUnsignedString(tag)
                        + " not in ascending order after " + previous);
            }
            previous = tag;
            int size = r.readUnsignedVarint("tagged field " + tag + " size");
            r.skip("tagged field " + tag, size);
        }
    }

    /**
     * Writes an empty tag buffer.
     *
     * @param w the writer
     */
    public static void writeEmpty(WireWriter w) {
        w.writeUnsignedVarint(0);
    }
}
