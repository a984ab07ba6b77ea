package dev.brook.partition.topic;

import java.util.Collection;
import java.util.Optional;

/**
 * Kafka's topic-name rules ({@code org.apache.kafka.common.internals.Topic}): 1 to {@value #MAX_LENGTH}
 * characters from {@code [a-zA-Z0-9._-]}, and neither {@code "."} nor {@code ".."}. The length limit exists so
 * that {@code <topic>-<partition>} fits a file name.
 *
 * <p>Kafka's metrics replace '.' with '_', so {@code a.b} and {@code a_b} would collide there: such names are
 * legal, but a topic whose name collides with an existing one is refused by the store (as KRaft does), and
 * {@link #hasCollisionChars} tells the caller when to warn.
 */
public final class TopicName {
    /** Longest legal name. */
    public static final int MAX_LENGTH = 249;

    private TopicName() {
    }

    /**
     * Checks a name.
     *
     * @throws InvalidTopicException with Kafka's wording when the name is illegal
     */
    public static void validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicException("Topic name is illegal, it can't be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException("Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTopicException("Topic name is illegal, it can't be longer than " + MAX_LENGTH
                    + " characters, topic name: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isLegalChar(name.charAt(i))) {
                throw new InvalidTopicException("Topic name \"" + name + "\" is illegal, it contains a character "
                        + "other than ASCII alphanumerics, '.', '_' and '-'");
            }
        }
    }

    /** Whether {@link #validate} accepts the name. */
    public static boolean isValid(String name) {
        try {
            validate(name);
            return true;
        } catch (InvalidTopicException e) {
            return false;
        }
    }

    private static boolean isLegalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    /** Whether the name contains '.' or '_' and so may collide with another name (Kafka warns then). */
    public static boolean hasCollisionChars(String name) {
        return name.indexOf('.') >= 0 || name.indexOf('_') >= 0;
    }

    /** The name with '.' replaced by '_': two names collide when these are equal. */
    public static String unifyCollisionChars(String name) {
        return name.replace('.', '_');
    }

    /** Whether two different names collide once '.' and '_' are unified. */
    public static boolean collide(String a, String b) {
        return !a.equals(b) && unifyCollisionChars(a).equals(unifyCollisionChars(b));
    }

    /** The first of {@code existing} that {@code name} collides with, if any. */
    public static Optional<String> collidingWith(String name, Collection<String> existing) {
        return existing.stream().filter(other -> collide(name, other)).findFirst();
    }
}
