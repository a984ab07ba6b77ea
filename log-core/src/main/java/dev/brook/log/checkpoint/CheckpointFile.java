package dev.brook.log.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * One small Brook-owned file holding one value of one kind (a log start offset, a recovery point, ...) in a
 * versioned, CRC-32C-checksummed envelope, replaced atomically and durably. Every checkpoint kind in this
 * package is a thin typed wrapper over this class and a {@link CheckpointCodec} for its payload lines.
 *
 * <h2>File format</h2>
 *
 * <p>The file is US-ASCII text so an operator can read it with {@code cat}. Every line, the last one included,
 * ends with exactly one LF (0x0A); there is no CR, no byte-order mark and nothing after the last LF. Payload
 * bytes are printable ASCII (0x20 to 0x7E). With {@code c} the offset of the trailer line and {@code n = c + 16}
 * the file size:
 *
 * <pre>
 * bytes            content
 * [0, 16)          magic "brook-checkpoint" (0x62 0x72 0x6F 0x6F 0x6B 0x2D 0x63 0x68 0x65 0x63 0x6B 0x70 0x6F
 *                  0x69 0x6E 0x74)
 * [16, 17)         SP (0x20)
 * [17, k)          kind: [a-z][a-z0-9-]*, for example "recovery-point"; must equal the reader's kind
 * [k, k+1)         SP (0x20)
 * [k+1, h-1)       version of the kind's payload layout, canonical decimal, 1 to 2147483647; a reader accepts
 *                  1 up to the version it writes and refuses newer ones
 * [h-1, h)         LF, end of the header line
 * [h, c)           payload: zero or more lines, each printable ASCII then LF; layout defined by the kind
 * [c, c+7)         "crc32c " (0x63 0x72 0x63 0x33 0x32 0x63 0x20)
 * [c+7, c+15)      CRC-32C (Castagnoli, as java.util.zip.CRC32C) of bytes [0, c), 8 lowercase hex digits,
 *                  most significant first
 * [c+15, c+16)     LF, end of file
 * </pre>
 *
 * <p>Example, a log start offset of 42 (payload layout in {@link OffsetCheckpoint}):
 *
 * <pre>
 * brook-checkpoint log-start-offset 1
 * offset 42
 * crc32c 909d0c0f
 * </pre>
 *
 * <p>Numbers in the header and payload have one accepted spelling (see {@link PayloadReader}), and the CRC
 * digits must be lowercase, so any single changed byte is either a checksum mismatch or a syntax error, and a
 * file cut at any length lacks a valid trailer. A change to the envelope itself would need a new magic.
 *
 * <h2>Writing and reading</h2>
 *
 * <p>{@link #write} writes {@code <name>.tmp}, forces it, renames it over {@code <name>} with
 * {@code ATOMIC_MOVE} and fsyncs the directory; a {@code .tmp} left by a crash is never read and is overwritten
 * by the next write. {@link #read} returns empty when the file does not exist and throws
 * {@link CorruptCheckpointException} for anything it cannot fully verify; it never returns a guess.
 *
 * <p>Instances are thread-safe; writes through one instance are serialised. Two instances writing the same
 * path at once would share the scratch file, so a log keeps one instance per file.
 *
 * @param <T> the value the checkpoint holds
 */
public final class CheckpointFile<T> {
    /** First bytes of every Brook checkpoint file, without the following space. */
    public static final String MAGIC = "brook-checkpoint";

    /**
     * Files larger than this are refused without being read: no checkpoint comes near it, and the cap keeps a
     * stray huge file from exhausting the heap.
     */
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*");
    private static final byte LF = '\n';
    private static final byte[] MAGIC_AND_SPACE = (MAGIC + " ").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER_PREFIX = "crc32c ".getBytes(StandardCharsets.US_ASCII);
    private static final int CRC_HEX_DIGITS = 8;
    private static final int TRAILER_LENGTH = TRAILER_PREFIX.length + CRC_HEX_DIGITS + 1;

    private final Path file;
    private final String kind;
    private final int version;
    private final CheckpointCodec<T> codec;

    /**
     * Describes a checkpoint file; nothing is read or written until {@link #read} or {@link #write}.
     *
     * @param file the file path; its directory must exist before the first write
     * @param kind the kind written in the header and required on read, matching {@code [a-z][a-z0-9-]*}
     * @param version the payload version written, and the newest one accepted on read; at least 1
     * @param codec converts values to and from payload lines
     * @throws IllegalArgumentException if {@code kind} or {@code version} is invalid
     */
    public CheckpointFile(Path file, String kind, int version, CheckpointCodec<T> codec) {
        this.file = Objects.requireNonNull(file, "file");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must match " + KIND + ": \"" + kind + "\"");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
        this.version = version;
    }

    /**
     * Returns the path of the file.
     *
     * @return the file path
     */
    public Path path() {
        return file;
    }

    /**
     * Replaces the file's content with {@code value}, atomically and durably: when this returns the new value
     * survives a crash, and a crash before it returns leaves the old value or the new one, never a mix.
     *
     * @param value the value to store
     * @throws IOException if writing, forcing, renaming or fsyncing the directory fails
     * @throws IllegalArgumentException if the codec cannot encode the value
     */
    public synchronized void write(T value) throws IOException {
        DurableFiles.replace(file, serialize(value));
    }

    /**
     * Reads and verifies the file.
     *
     * @return the value, or empty if the file does not exist
     * @throws CorruptCheckpointException if the file exists but is truncated, has a wrong magic or kind, an
     *     unsupported version, a checksum mismatch or malformed content
     * @throws IOException if reading fails
     */
    public Optional<T> read() throws IOException {
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            bytes = readFully(channel);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(parse(bytes));
    }

    /**
     * Deletes the file if it exists and fsyncs its directory, so the deletion survives a crash.
     *
     * @return whether the file existed
     * @throws IOException if the deletion or the directory fsync fails
     */
    public synchronized boolean delete() throws IOException {
        return DurableFiles.delete(file);
    }

    /**
     * Encodes a value as the complete file content.
     *
     * @param value the value
     * @return the bytes {@link #write} stores
     */
    byte[] serialize(T value) {
        List<String> payload = codec.encode(Objects.requireNonNull(value, "value"));
        StringBuilder text = new StringBuilder(64);
        text.append(MAGIC).append(' ').append(kind).append(' ').append(version).append('\n');
        for (String line : payload) {
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (ch < 0x20 || ch > 0x7E) {
                    throw new IllegalArgumentException(
                            "payload line is not printable ASCII at index " + i + ": " + PayloadReader.quote(line));
                }
            }
            text.append(line).append('\n');
        }
        byte[] covered = text.toString().getBytes(StandardCharsets.US_ASCII);
        String trailer = "crc32c " + String.format("%08x", crc32c(covered, covered.length)) + "\n";
        byte[] trailerBytes = trailer.getBytes(StandardCharsets.US_ASCII);
        byte[] content = Arrays.copyOf(covered, covered.length + trailerBytes.length);
        System.arraycopy(trailerBytes, 0, content, covered.length, trailerBytes.length);
        return content;
    }

    /**
     * Verifies and decodes complete file content.
     *
     * @param bytes the file content
     * @return the value
     * @throws CorruptCheckpointException if the content is not a valid checkpoint of this kind and version
     */
    T parse(byte[] bytes) throws CorruptCheckpointException {
        int n = bytes.length;
        if (n == 0) {
            throw corrupt("file is empty (truncated)");
        }
        if (!regionEquals(bytes, 0, MAGIC_AND_SPACE)) {
            throw corrupt("does not start with \"" + MAGIC + " \": not a Brook checkpoint, or truncated");
        }
        int c = n - TRAILER_LENGTH;
        // c - 1 must be the header's (or last payload line's) LF, after at least the magic.
        if (c <= MAGIC_AND_SPACE.length || bytes[n - 1] != LF || bytes[c - 1] != LF
                || !regionEquals(bytes, c, TRAILER_PREFIX)) {
            throw corrupt("last line is not \"crc32c <8 lowercase hex digits>\": truncated or damaged");
        }
        int stored = parseCrcHex(bytes, c + TRAILER_PREFIX.length);
        int computed = crc32c(bytes, c);
        if (stored != computed) {
            throw corrupt(String.format("checksum mismatch: file records crc32c %08x, content has %08x",
                    stored, computed));
        }
        for (int i = 0; i < c; i++) {
            // Only a writer bug can get here (the CRC matched), but such content must still not be trusted.
            if (bytes[i] != LF && (bytes[i] < 0x20 || bytes[i] > 0x7E)) {
                throw corrupt(String.format("byte 0x%02x at position %d is not printable ASCII", bytes[i], i));
            }
        }
        String text = new String(bytes, 0, c - 1, StandardCharsets.US_ASCII);
        List<String> lines = Arrays.asList(text.split("\n", -1));
        int fileVersion = parseHeader(lines.get(0));
        PayloadReader payload = new PayloadReader(file, fileVersion, lines.subList(1, lines.size()), 2);
        T value;
        try {
            value = codec.decode(payload);
        } catch (IllegalArgumentException e) {
            throw corrupt("invalid content: " + e.getMessage());
        }
        payload.expectEnd();
        return value;
    }

    private int parseHeader(String header) throws CorruptCheckpointException {
        String[] fields = header.split(" ", -1);
        if (fields.length != 3) {
            throw corrupt("line 1: expected \"" + MAGIC + " <kind> <version>\", found " + PayloadReader.quote(header));
        }
        if (!fields[1].equals(kind)) {
            throw corrupt("wrong kind: expected \"" + kind + "\", found " + PayloadReader.quote(fields[1]));
        }
        long fileVersion;
        try {
            fileVersion = PayloadReader.parseCanonicalLong(fields[2]);
        } catch (NumberFormatException e) {
            throw corrupt("line 1: version is not a canonical decimal integer: " + PayloadReader.quote(fields[2]));
        }
        if (fileVersion < 1) {
            throw corrupt("invalid version " + fileVersion);
        }
        if (fileVersion > version) {
            throw corrupt("unsupported version " + fileVersion + " (written by a newer Brook); this build reads "
                    + kind + " versions 1 to " + version);
        }
        return (int) fileVersion;
    }

    private int parseCrcHex(byte[] bytes, int from) throws CorruptCheckpointException {
        int value = 0;
        for (int i = from; i < from + CRC_HEX_DIGITS; i++) {
            byte b = bytes[i];
            int digit;
            if (b >= '0' && b <= '9') {
                digit = b - '0';
            } else if (b >= 'a' && b <= 'f') {
                digit = b - 'a' + 10;
            } else {
                // Lowercase only: accepting 'A' for 'a' would let a flipped case bit go unnoticed.
                throw corrupt("last line is not \"crc32c <8 lowercase hex digits>\": truncated or damaged");
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    private byte[] readFully(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > MAX_FILE_BYTES) {
            throw corrupt("file is " + size + " bytes, more than any checkpoint (" + MAX_FILE_BYTES + ")");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading; a file that shrank underneath us yields fewer bytes and fails verification
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static boolean regionEquals(byte[] bytes, int from, byte[] expected) {
        return from >= 0 && bytes.length - from >= expected.length
                && Arrays.equals(bytes, from, from + expected.length, expected, 0, expected.length);
    }

    private static int crc32c(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private CorruptCheckpointException corrupt(String problem) {
        return new CorruptCheckpointException(file, problem);
    }
}
