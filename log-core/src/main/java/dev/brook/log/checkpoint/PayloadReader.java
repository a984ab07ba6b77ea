package dev.brook.log.checkpoint;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the payload lines of one checkpoint file in order, parsing fields strictly: fields are separated by
 * exactly one space and numbers must be in canonical decimal (no sign on non-negative values, no leading zeros,
 * no {@code -0}), so that every value has exactly one spelling and hand-edited or damaged content is refused.
 * Every failure is a {@link CorruptCheckpointException} that names the file and the line.
 */
public final class PayloadReader {
    /** Longest piece of offending content quoted in an error message. */
    private static final int MAX_QUOTED_CHARS = 60;

    private final Path file;
    private final int version;
    private final List<String> lines;
    /** 1-based line number in the file of {@code lines.get(0)}; the header is line 1. */
    private final int firstLineNumber;
    private int next;

    /**
     * Creates a reader over verified payload lines.
     *
     * @param file the file the lines come from, for error messages
     * @param version the version in the file's header
     * @param lines the payload lines, without terminators
     * @param firstLineNumber the 1-based line number of the first payload line in the file
     */
    PayloadReader(Path file, int version, List<String> lines, int firstLineNumber) {
        this.file = file;
        this.version = version;
        this.lines = List.copyOf(lines);
        this.firstLineNumber = firstLineNumber;
    }

    /**
     * Returns the version the file was written with, between 1 and the version of the reading
     * {@link CheckpointFile}.
     *
     * @return the file's version
     */
    public int version() {
        return version;
    }

    /**
     * Reads the next line, which must be {@code <key> <value>} with a canonical decimal {@code long} value.
     *
     * @param key the expected key
     * @return the value
     * @throws CorruptCheckpointException if the line is missing, has another key or a malformed value
     */
    public long readLong(String key) throws CorruptCheckpointException {
        String[] fields = readFields(2, key + " <integer>");
        if (!fields[0].equals(key)) {
            throw corrupt(lineNumber() + ": expected key \"" + key + "\", found " + quote(fields[0]));
        }
        return parseLong(fields[1], key);
    }

    /**
     * Reads the next line, which must be {@code <key> <value>} with a canonical decimal {@code int} value.
     *
     * @param key the expected key
     * @return the value
     * @throws CorruptCheckpointException if the line is missing, has another key or a malformed value
     */
    public int readInt(String key) throws CorruptCheckpointException {
        long value = readLong(key);
        return toInt(value, key);
    }

    /**
     * Reads the next line and splits it into exactly {@code count} fields separated by single spaces.
     *
     * @param count the number of fields the line must have
     * @param expected what the line should look like, for the error message
     * @return the fields, none of them empty
     * @throws CorruptCheckpointException if the line is missing or does not have exactly {@code count} fields
     */
    public String[] readFields(int count, String expected) throws CorruptCheckpointException {
        if (next >= lines.size()) {
            throw corrupt("line " + (firstLineNumber + next) + ": missing, expected \"" + expected + "\"");
        }
        String line = lines.get(next++);
        String[] fields = line.split(" ", -1);
        boolean anyEmpty = false;
        for (String field : fields) {
            anyEmpty |= field.isEmpty();
        }
        if (fields.length != count || anyEmpty) {
            throw corrupt(lineNumber() + ": expected \"" + expected + "\", found " + quote(line));
        }
        return fields;
    }

    /**
     * Parses a field of the line just read as a canonical decimal {@code long}.
     *
     * @param field the field text
     * @param name what the field is, for the error message
     * @return the value
     * @throws CorruptCheckpointException if the field is not a canonical decimal {@code long}
     */
    public long parseLong(String field, String name) throws CorruptCheckpointException {
        try {
            return parseCanonicalLong(field);
        } catch (NumberFormatException e) {
            throw corrupt(lineNumber() + ": " + name + " is not a canonical decimal integer: " + quote(field));
        }
    }

    /**
     * Parses a field of the line just read as a canonical decimal {@code int}.
     *
     * @param field the field text
     * @param name what the field is, for the error message
     * @return the value
     * @throws CorruptCheckpointException if the field is not a canonical decimal {@code int}
     */
    public int parseInt(String field, String name) throws CorruptCheckpointException {
        return toInt(parseLong(field, name), name);
    }

    /**
     * Returns an exception for a problem the codec found in the line just read, naming the file and line.
     *
     * @param problem what is wrong
     * @return the exception, for the caller to throw
     */
    public CorruptCheckpointException corruptLine(String problem) {
        return corrupt(lineNumber() + ": " + problem);
    }

    /**
     * Called by the file after decoding: content the codec did not read means the file is not what it expects.
     *
     * @throws CorruptCheckpointException if lines are left
     */
    void expectEnd() throws CorruptCheckpointException {
        if (next < lines.size()) {
            throw corrupt("line " + (firstLineNumber + next) + ": unexpected extra line " + quote(lines.get(next)));
        }
    }

    /**
     * Parses the only accepted spelling of a decimal {@code long}: the one {@link Long#toString(long)} produces.
     *
     * @param text the text to parse
     * @return the value
     * @throws NumberFormatException if {@code text} is not that spelling
     */
    static long parseCanonicalLong(String text) {
        long value = Long.parseLong(text);
        // Long.parseLong also accepts "+1", "007" and "-0"; one spelling per value keeps the format exact.
        if (!Long.toString(value).equals(text)) {
            throw new NumberFormatException("not canonical: " + text);
        }
        return value;
    }

    /**
     * Quotes untrusted content for an error message, shortened so a huge line cannot flood the logs.
     *
     * @param text the content
     * @return the quoted, possibly shortened, content
     */
    static String quote(String text) {
        if (text.length() <= MAX_QUOTED_CHARS) {
            return "\"" + text + "\"";
        }
        return "\"" + text.substring(0, MAX_QUOTED_CHARS) + "...\" (" + text.length() + " chars)";
    }

    private int toInt(long value, String name) throws CorruptCheckpointException {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw corrupt(lineNumber() + ": " + name + " " + value + " does not fit in 32 bits");
        }
        return (int) value;
    }

    private String lineNumber() {
        return "line " + (firstLineNumber + next - 1);
    }

    private CorruptCheckpointException corrupt(String problem) {
        return new CorruptCheckpointException(file, problem);
    }
}
