package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * DescribeConfigs response (key 32), v1-3, non-flexible (flexible from v4). Byte layout of the body:
 * <pre>
 * throttle_time_ms          int32
 * results                   ARRAY of
 *   error_code              int16
 *   error_message           NULLABLE_STRING
 *   resource_type           int8
 *   resource_name           STRING
 *   configs                 ARRAY of
 *     name                  STRING
 *     value                 NULLABLE_STRING
 *     read_only             BOOLEAN
 *     config_source         int8
 *     is_sensitive          BOOLEAN
 *     synonyms              ARRAY of
 *       name                STRING
 *       value               NULLABLE_STRING
 *       source              int8
 *     config_type           int8              v3+
 *     documentation         NULLABLE_STRING   v3+
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise)
 * @param results        one result per requested resource
 */
public record DescribeConfigsResponse(int throttleTimeMs, List<Result> results) {

    /**
     * The configs of one resource.
     *
     * @param errorCode    0, or the Kafka error code
     * @param errorMessage a description of the error, or null
     * @param resourceType the resource type
     * @param resourceName the resource name
     * @param configs      the listed configs
     */
    public record Result(short errorCode, String errorMessage, byte resourceType, String resourceName,
            List<Config> configs) {
        /** Copies the list. */
        public Result {
            configs = List.copyOf(configs);
        }
    }

    /**
     * One config entry.
     *
     * @param name          the config name
     * @param value         the value, or null (e.g. when sensitive)
     * @param readOnly      whether it cannot be altered
     * @param configSource  where the value comes from (Kafka's ConfigSource id; 5 = default)
     * @param isSensitive   whether the value is hidden
     * @param synonyms      synonyms in precedence order (empty unless asked for)
     * @param configType    the value's data type (v3+; 0 = unknown, and when read at older versions)
     * @param documentation the documentation (v3+; null when read at older versions)
     */
    public record Config(String name, String value, boolean readOnly, byte configSource, boolean isSensitive,
            List<Synonym> synonyms, byte configType, String documentation) {
        /** Copies the list. */
        public Config {
            synonyms = List.copyOf(synonyms);
        }
    }

    /**
     * One synonym of a config.
     *
     * @param name   the synonym's name
     * @param value  its value, or null
     * @param source where it comes from
     */
    public record Synonym(String name, String value, byte source) {
    }

    /** Copies the list. */
    public DescribeConfigsResponse {
        results = List.copyOf(results);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 1-3
     * @return the response
     */
    public static DescribeConfigsResponse read(WireReader r, short version) {
        int throttle = r.readInt32("throttle_time_ms");
        List<Result> results = r.readArray("results", false, e -> new Result(
                e.readInt16("results.error_code"),
                e.readNullableString("results.error_message"),
                e.readInt8("results.resource_type"),
                e.readString("results.resource_name"),
                e.readArray("results.configs", false, c -> readConfig(c, version))));
        return new DescribeConfigsResponse(throttle, results);
    }

    private static Config readConfig(WireReader c, short version) {
        String name = c.readString("results.configs.name");
        String value = c.readNullableString("results.configs.value");
        boolean readOnly = c.readBoolean("results.configs.read_only");
        byte source = c.readInt8("results.configs.config_source");
        boolean sensitive = c.readBoolean("results.configs.is_sensitive");
        List<Synonym> synonyms = c.readArray("results.configs.synonyms", false, s -> new Synonym(
                s.readString("results.configs.synonyms.name"),
                s.readNullableString("results.configs.synonyms.value"),
                s.readInt8("results.configs.synonyms.source")));
        byte configType = version >= 3 ? c.readInt8("results.configs.config_type") : 0;
        String documentation = version >= 3 ? c.readNullableString("results.configs.documentation") : null;
        return new Config(name, value, readOnly, source, sensitive, synonyms, configType, documentation);
    }

    /**
     * @param w       the writer
     * @param version the api version, 1-3
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(throttleTimeMs);
        w.writeArray(results, false, (ew, e) -> {
            ew.writeInt16(e.errorCode());
            ew.writeNullableString(e.errorMessage());
            ew.writeInt8(e.resourceType());
            ew.writeString(e.resourceName());
            ew.writeArray(e.configs(), false, (cw, c) -> writeConfig(cw, c, version));
        });
    }

    private static void writeConfig(WireWriter w, Config c, short version) {
        w.writeString(c.name());
        w.writeNullableString(c.value());
        w.writeBoolean(c.readOnly());
        w.writeInt8(c.configSource());
        w.writeBoolean(c.isSensitive());
        w.writeArray(c.synonyms(), false, (sw, s) -> {
            sw.writeString(s.name());
            sw.writeNullableString(s.value());
            sw.writeInt8(s.source());
        });
        if (version >= 3) {
            w.writeInt8(c.configType());
            w.writeNullableString(c.documentation());
        }
    }
}
