package dev.brook.broker.cli;

import dev.brook.protocol.ApiKey;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.DescribeGroupsRequest;
import dev.brook.protocol.message.DescribeGroupsResponse;
import dev.brook.protocol.message.FindCoordinatorRequest;
import dev.brook.protocol.message.FindCoordinatorResponse;
import dev.brook.protocol.message.ListGroupsRequest;
import dev.brook.protocol.message.ListGroupsResponse;
import dev.brook.protocol.message.ListOffsetsRequest;
import dev.brook.protocol.message.ListOffsetsResponse;
import dev.brook.protocol.message.OffsetFetchRequest;
import dev.brook.protocol.message.OffsetFetchResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code bin/brook groups list|describe GROUP [--bootstrap-server HOST:PORT]}: shows consumer groups of a running
 * broker, speaking the Kafka protocol like any client (ListGroups, FindCoordinator, DescribeGroups, OffsetFetch and
 * ListOffsets latest), so it works against Brook and Kafka alike.
 *
 * <p>{@code describe} prints the group's state, its members with their assignments, and per partition with a
 * committed offset: the committed offset, the log end offset and the lag (log end minus committed).
 *
 * <p>Exit codes: 0 on success, 1 when the broker cannot be reached or answers with an error (or the group does not
 * exist), 2 for a usage error.
 */
final class GroupsCommand {
    static final String USAGE = "bin/brook groups list|describe GROUP [--bootstrap-server HOST:PORT]";
    private static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    private static final short FIND_COORDINATOR_VERSION = 2;
    private static final short LIST_GROUPS_VERSION = 2;
    private static final short DESCRIBE_GROUPS_VERSION = 4;
    private static final short OFFSET_FETCH_VERSION = 5;
    private static final short LIST_OFFSETS_VERSION = 5;
    private static final long LATEST = -1L;

    private final PrintStream out;
    private final PrintStream err;

    private GroupsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; {@code args} are the words after {@code groups}. Returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        String bootstrap = DEFAULT_BOOTSTRAP;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--bootstrap-server")) {
                if (i + 1 >= args.size()) {
                    return usage(err, "--bootstrap-server needs HOST:PORT");
                }
                bootstrap = args.get(++i);
            } else if (a.startsWith("--bootstrap-server=")) {
                bootstrap = a.substring("--bootstrap-server=".length());
            } else if (a.startsWith("-")) {
                return usage(err, "unknown option " + a);
            } else {
                words.add(a);
            }
        }
        HostPort server;
        try {
            server = HostPort.parse(bootstrap);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        GroupsCommand cmd = new GroupsCommand(out, err);
        try {
            if (words.size() == 1 && words.get(0).equals("list")) {
                return cmd.list(server);
            }
            if (words.size() == 2 && words.get(0).equals("describe")) {
                return cmd.describe(server, words.get(1));
            }
        } catch (IOException e) {
            err.println("brook: cannot talk to " + bootstrap + ": " + e);
            return 1;
        }
        return usage(err, words.isEmpty() ? "missing sub-command" : "bad arguments " + words);
    }

    private static int usage(PrintStream err, String problem) {
        err.println("brook groups: " + problem);
        err.println("usage: " + USAGE);
        return 2;
    }

    private int list(HostPort server) throws IOException {
        try (KafkaProtocolClient client = KafkaProtocolClient.connect(server.host(), server.port())) {
            ListGroupsResponse listed = client.call(ApiKey.LIST_GROUPS, LIST_GROUPS_VERSION,
                    w -> new ListGroupsRequest().write(w, LIST_GROUPS_VERSION), ListGroupsResponse::read);
            if (listed.errorCode() != 0) {
                return failed("ListGroups", listed.errorCode());
            }
            List<String> ids = listed.groups().stream().map(ListGroupsResponse.ListedGroup::groupId).sorted()
                    .toList();
            Map<String, DescribeGroupsResponse.DescribedGroup> described = new HashMap<>();
            if (!ids.isEmpty()) {
                for (DescribeGroupsResponse.DescribedGroup g : describeGroups(client, ids).groups()) {
                    described.put(g.groupId(), g);
                }
            }
            Table table = new Table("GROUP", "STATE", "PROTOCOL-TYPE", "PROTOCOL", "MEMBERS");
            for (ListGroupsResponse.ListedGroup g : listed.groups().stream()
                    .sorted(Comparator.comparing(ListGroupsResponse.ListedGroup::groupId)).toList()) {
                DescribeGroupsResponse.DescribedGroup d = described.get(g.groupId());
                table.row(g.groupId(), d == null ? "?" : d.groupState(), dash(g.protocolType()),
                        d == null ? "?" : dash(d.protocolData()),
                        d == null ? "?" : Integer.toString(d.members().size()));
            }
            table.print(out);
            return 0;
        }
    }

    private int describe(HostPort bootstrap, String groupId) throws IOException {
        HostPort coordinator;
        try (KafkaProtocolClient client = KafkaProtocolClient.connect(bootstrap.host(), bootstrap.port())) {
            FindCoordinatorResponse found = client.call(ApiKey.FIND_COORDINATOR, FIND_COORDINATOR_VERSION,
                    w -> new FindCoordinatorRequest(groupId, (byte) 0).write(w, FIND_COORDINATOR_VERSION),
                    FindCoordinatorResponse::read);
            if (found.errorCode() != 0) {
                return failed("FindCoordinator", found.errorCode());
            }
            coordinator = new HostPort(found.host(), found.port());
        }
        try (KafkaProtocolClient client = KafkaProtocolClient.connect(coordinator.host(), coordinator.port())) {
            DescribeGroupsResponse.DescribedGroup group = describeGroups(client, List.of(groupId)).groups().get(0);
            if (group.errorCode() != 0) {
                return failed("DescribeGroups", group.errorCode());
            }
            OffsetFetchResponse offsets = client.call(ApiKey.OFFSET_FETCH, OFFSET_FETCH_VERSION,
                    w -> new OffsetFetchRequest(groupId, null).write(w, OFFSET_FETCH_VERSION),
                    OffsetFetchResponse::read);
            if (offsets.errorCode() != 0) {
                return failed("OffsetFetch", offsets.errorCode());
            }
            boolean unknown = group.groupState().equals("Dead") && group.members().isEmpty()
                    && offsets.topics().isEmpty();
            if (unknown) {
                err.println("brook groups: group " + groupId + " does not exist");
                return 1;
            }
            Map<TopicPartition, String> owners = printMembers(group);
            out.println();
            printOffsets(client, offsets, owners);
            return 0;
        }
    }

    /** Prints the header and the members; returns each assigned partition's owner. */
    private Map<TopicPartition, String> printMembers(DescribeGroupsResponse.DescribedGroup group) {
        out.printf("Group %s: state %s, protocol type %s, protocol %s, %d member(s)%n", group.groupId(),
                group.groupState(), dash(group.protocolType()), dash(group.protocolData()), group.members().size());
        out.println();
        Map<TopicPartition, String> owners = new HashMap<>();
        Table members = new Table("MEMBER-ID", "INSTANCE-ID", "CLIENT-ID", "HOST", "ASSIGNMENT");
        boolean consumer = group.protocolType().equals("consumer");
        for (DescribeGroupsResponse.Member m : group.members()) {
            Optional<Map<String, List<Integer>>> assignment = consumer
                    ? ConsumerAssignment.parse(m.memberAssignment()) : Optional.empty();
            String text;
            if (assignment.isPresent()) {
                List<String> parts = new ArrayList<>();
                new TreeMap<>(assignment.get()).forEach((topic, partitions) -> {
                    parts.add(topic + partitions.stream().sorted().toList());
                    partitions.forEach(p -> owners.put(new TopicPartition(topic, p), m.memberId()));
                });
                text = parts.isEmpty() ? "-" : String.join(" ", parts);
            } else {
                text = m.memberAssignment().length == 0 ? "-" : m.memberAssignment().length + " bytes";
            }
            members.row(m.memberId(), dash(m.groupInstanceId()), m.clientId(), m.clientHost(), text);
        }
        members.print(out);
        return owners;
    }

    private void printOffsets(KafkaProtocolClient client, OffsetFetchResponse offsets,
                              Map<TopicPartition, String> owners) throws IOException {
        Map<TopicPartition, Long> committed = new TreeMap<>();
        for (OffsetFetchResponse.Topic t : offsets.topics()) {
            for (OffsetFetchResponse.Partition p : t.partitions()) {
                committed.put(new TopicPartition(t.name(), p.partitionIndex()),
                        p.errorCode() == 0 ? p.committedOffset() : -1L);
            }
        }
        for (TopicPartition owned : owners.keySet()) {
            committed.putIfAbsent(owned, -1L);
        }
        Map<TopicPartition, Long> logEnd = logEndOffsets(client, committed.keySet());
        Table table = new Table("TOPIC", "PARTITION", "COMMITTED-OFFSET", "LOG-END-OFFSET", "LAG", "MEMBER-ID");
        committed.forEach((tp, offset) -> {
            Long end = logEnd.get(tp);
            String lag = offset >= 0 && end != null ? Long.toString(Math.max(0, end - offset)) : "-";
            table.row(tp.topic(), Integer.toString(tp.partition()), offset >= 0 ? offset.toString() : "-",
                    end == null ? "-" : end.toString(), lag, owners.getOrDefault(tp, "-"));
        });
        table.print(out);
    }

    private static Map<TopicPartition, Long> logEndOffsets(KafkaProtocolClient client,
                                                           java.util.Collection<TopicPartition> partitions)
            throws IOException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<String, List<ListOffsetsRequest.Partition>> byTopic = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                    .add(new ListOffsetsRequest.Partition(tp.partition(), -1, LATEST));
        }
        List<ListOffsetsRequest.Topic> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(new ListOffsetsRequest.Topic(t, ps)));
        ListOffsetsRequest request = new ListOffsetsRequest(-1, (byte) 0, topics);
        ListOffsetsResponse response = client.call(ApiKey.LIST_OFFSETS, LIST_OFFSETS_VERSION,
                w -> request.write(w, LIST_OFFSETS_VERSION), ListOffsetsResponse::read);
        Map<TopicPartition, Long> out = new HashMap<>();
        for (ListOffsetsResponse.Topic t : response.topics()) {
            for (ListOffsetsResponse.Partition p : t.partitions()) {
                if (p.errorCode() == 0) {
                    out.put(new TopicPartition(t.name(), p.partitionIndex()), p.offset());
                }
            }
        }
        return out;
    }

    private static DescribeGroupsResponse describeGroups(KafkaProtocolClient client, List<String> ids)
            throws IOException {
        DescribeGroupsRequest request = new DescribeGroupsRequest(ids, false);
        return client.call(ApiKey.DESCRIBE_GROUPS, DESCRIBE_GROUPS_VERSION,
                w -> request.write(w, DESCRIBE_GROUPS_VERSION), DescribeGroupsResponse::read);
    }

    private int failed(String api, short code) {
        ErrorCode known = ErrorCode.forCode(code);
        err.println("brook groups: " + api + " failed: " + (known == null ? "error " + code : known + " (" + code
                + ")"));
        return 1;
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /** One partition of a topic, ordered by topic then partition. */
    private record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {
        @Override
        public int compareTo(TopicPartition o) {
            int c = topic.compareTo(o.topic);
            return c != 0 ? c : Integer.compare(partition, o.partition);
        }
    }

    /** {@code HOST:PORT}, with {@code [v6]:PORT} for IPv6 literals. */
    record HostPort(String host, int port) {
        static HostPort parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("expected HOST:PORT, got " + text);
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("port out of range in " + text);
                }
                return new HostPort(host, port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected HOST:PORT, got " + text, e);
            }
        }
    }

    /** A left-aligned text table, columns as wide as their widest cell. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void print(PrintStream out) {
            int[] widths = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    widths[i] = Math.max(widths[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    line.append(r[i]);
                    if (i < r.length - 1) {
                        line.append(" ".repeat(widths[i] - r[i].length() + 2));
                    }
                }
                out.println(line);
            }
        }
    }
}
