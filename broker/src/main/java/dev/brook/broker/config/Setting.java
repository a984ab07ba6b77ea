package dev.brook.broker.config;

import java.util.function.Predicate;

/**
 * One known broker setting: its Kafka name, type, default (as text, parsed like an operator's value) and a range check.
 *
 * @param name        Kafka's name for the setting
 * @param type        how the text is parsed
 * @param defaultText the default, or {@code null} when the setting has none (absent means "derive from others")
 * @param valid       the range check applied after parsing
 * @param rule        what {@code valid} accepts, for the error message
 * @param doc         one line for {@code bin/brook} help and the docs
 */
record Setting(String name, SettingType type, String defaultText, Predicate<Object> valid, String rule, String doc) {

    Object parse(String text) {
        Object value = type.parse(name, text);
        if (!valid.test(value)) {
            throw new ConfigException(name, "value '" + text + "' is invalid: must be " + rule);
        }
        return value;
    }

    static Predicate<Object> any() {
        return v -> true;
    }

    static Predicate<Object> atLeast(long min) {
        return v -> ((Number) v).longValue() >= min;
    }
}
