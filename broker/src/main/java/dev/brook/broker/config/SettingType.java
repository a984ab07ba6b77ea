package dev.brook.broker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a setting's text is parsed. Parsing is strict: {@code "10 "} and {@code "1e3"} are errors, not numbers. */
enum SettingType {
    INT {
        @Override
        Object parse(String name, String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(name, "expected an integer, got '" + text + "'");
            }
        }
    },
    LONG {
        @Override
        Object parse(String name, String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(name, "expected an integer, got '" + text + "'");
            }
        }
    },
    /** A finite decimal number ({@code 0.5}); NaN and infinities are refused. */
    DOUBLE {
        @Override
        Object parse(String name, String text) {
            try {
                double value = Double.parseDouble(text.trim());
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, with the setting's name
            }
            throw new ConfigException(name, "expected a decimal number, got '" + text + "'");
        }
    },
    BOOLEAN {
        @Override
        Object parse(String name, String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return Boolean.TRUE;
            }
            if (t.equals("false")) {
                return Boolean.FALSE;
            }
            throw new ConfigException(name, "expected true or false, got '" + text + "'");
        }
    },
    STRING {
        @Override
        Object parse(String name, String text) {
            return text.trim();
        }
    },
    /** Comma-separated, entries trimmed, empty entries dropped. */
    LIST {
        @Override
        Object parse(String name, String text) {
            List<String> out = new ArrayList<>();
            for (String part : text.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
            return List.copyOf(out);
        }
    };

    abstract Object parse(String name, String text);
}
