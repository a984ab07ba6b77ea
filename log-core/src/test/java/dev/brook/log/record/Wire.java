package dev.brook.log.record;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Writes arbitrary, possibly invalid, record bytes for tests: fields one by one, no rules enforced. */
final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Wire varint(int value) {
        ByteBuffer buffer = ByteBuffer.allocate(Varints.MAX_VARINT_SIZE);
        Varints.writeVarint(value, buffer);
        out.write(buffer.array(), 0, buffer.position());
        return this;
    }

    Wire varlong(long value) {
        ByteBuffer buffer = ByteBuffer.allocate(Varints.MAX_VARLONG_SIZE);
        Varints.writeVarlong(value, buffer);
        out.write(buffer.array(), 0, buffer.position());
        return this;
    }

    Wire int8(int value) {
        out.write(value);
        return this;
    }

    Wire raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** Appends {@code body} as one record: its length as a varint, then its bytes. */
    Wire record(Wire body) {
        byte[] bytes = body.toByteArray();
        return varint(bytes.length).raw(bytes);
    }

    /** A well-formed record body with no headers. */
    static Wire body(int offsetDelta, byte[] key, byte[] value) {
        Wire body = new Wire().int8(0).varlong(0).varint(offsetDelta);
        nullable(body, key);
        nullable(body, value);
        return body.varint(0);
    }

    private static void nullable(Wire wire, byte[] bytes) {
        if (bytes == null) {
            wire.varint(-1);
        } else {
            wire.varint(bytes.length).raw(bytes);
        }
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
