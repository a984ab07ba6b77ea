package dev.brook.groups;

import java.util.Objects;

/**
 * One protocol a member can use (for consumers: an assignor name such as {@code range}) with the member's opaque
 * metadata for it (for consumers: its serialized subscription).
 *
 * @param name the protocol name
 * @param metadata the member's metadata for it; not copied, callers must not change it afterwards
 */
public record ProtocolMetadata(String name, byte[] metadata) {
    /** Requires both fields. */
    public ProtocolMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
    }
}
