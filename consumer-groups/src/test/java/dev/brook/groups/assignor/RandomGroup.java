package dev.brook.groups.assignor;

import dev.brook.partition.topic.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A random assignor input: topics with partition counts, copartition groups (of equal-count topics), members with
 * subscriptions (all equal or each random) and a current ownership derived from an earlier assignment of a
 * partly different member set.
 */
record RandomGroup(Map<String, MemberSubscription> members, Map<String, Integer> partitionCounts,
        List<Set<String>> copartitionGroups, boolean equalSubscriptions, boolean conflictingOwnership) {

    static RandomGroup generate(Random random) {
        Map<String, Integer> counts = new TreeMap<>();
        int topicCount = 1 + random.nextInt(5);
        for (int t = 0; t < topicCount; t++) {
            counts.put("t" + t, random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(12));
        }
        List<Set<String>> groups = new ArrayList<>();
        List<String> free = new ArrayList<>(counts.keySet());
        Collections.shuffle(free, random);
        while (free.size() >= 2 && random.nextBoolean()) {
            int size = 2 + random.nextInt(Math.min(3, free.size()) - 1);
            Set<String> group = new TreeSet<>(free.subList(0, size));
            free.subList(0, size).clear();
            int count = 1 + random.nextInt(12);
            group.forEach(topic -> counts.put(topic, count));
            groups.add(group);
        }

        boolean equal = random.nextBoolean();
        Set<String> common = randomTopics(random, counts.keySet());
        List<String> ids = new ArrayList<>();
        int memberCount = 1 + random.nextInt(8);
        for (int m = 0; m < memberCount; m++) {
            ids.add("member-" + Integer.toHexString(random.nextInt(1 << 16)) + "-" + m);
        }
        Map<String, Set<String>> topics = new LinkedHashMap<>();
        for (String id : ids) {
            topics.put(id, equal ? common : randomTopics(random, counts.keySet()));
        }

        // Ownership: an earlier round-robin assignment over some of these members plus some who have left, of
        // partitions that may no longer exist (counts were one lower or higher).
        Map<String, Set<TopicPartition>> owned = new LinkedHashMap<>();
        ids.forEach(id -> owned.put(id, new HashSet<>()));
        if (random.nextInt(4) != 0) {
            List<String> earlier = new ArrayList<>();
            for (String id : ids) {
                if (random.nextInt(3) != 0) {
                    earlier.add(id);
                }
            }
            earlier.add("departed-a");
            if (random.nextBoolean()) {
                earlier.add("departed-b");
            }
            int slot = random.nextInt(earlier.size());
            for (String topic : counts.keySet()) {
                int earlierCount = Math.max(0, counts.get(topic) + random.nextInt(3) - 1);
                for (int p = 0; p < earlierCount; p++) {
                    String holder = earlier.get(slot++ % earlier.size());
                    if (owned.containsKey(holder)) {
                        owned.get(holder).add(new TopicPartition(topic, p));
                    }
                }
            }
        }
        boolean conflicting = random.nextInt(8) == 0;
        if (conflicting && ids.size() >= 2) {
            for (TopicPartition tp : new ArrayList<>(owned.get(ids.get(0)))) {
                if (random.nextBoolean()) {
                    owned.get(ids.get(1)).add(tp);
                }
            }
        }

        Map<String, MemberSubscription> members = new LinkedHashMap<>();
        for (String id : ids) {
            Set<String> subscribed = new TreeSet<>(topics.get(id));
            if (random.nextInt(6) == 0) {
                subscribed.add("unknown-topic");
            }
            members.put(id, new MemberSubscription(equal ? topics.get(id) : subscribed, owned.get(id)));
        }
        return new RandomGroup(members, counts, groups, equal, conflicting);
    }

    private static Set<String> randomTopics(Random random, Set<String> all) {
        Set<String> chosen = new TreeSet<>();
        for (String topic : all) {
            if (random.nextBoolean()) {
                chosen.add(topic);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(new ArrayList<>(all).get(random.nextInt(all.size())));
        }
        return chosen;
    }

    /** The same input with every map and list in a shuffled iteration order. */
    RandomGroup shuffled(Random random) {
        return new RandomGroup(shuffle(members, random), shuffle(partitionCounts, random),
                shuffleList(copartitionGroups, random), equalSubscriptions, conflictingOwnership);
    }

    private static <K, V> Map<K, V> shuffle(Map<K, V> map, Random random) {
        List<K> keys = shuffleList(new ArrayList<>(map.keySet()), random);
        Map<K, V> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, map.get(k)));
        return out;
    }

    private static <T> List<T> shuffleList(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }

    Map<String, List<TopicPartition>> assignWith(Assignor assignor) {
        return assignor.assign(members, partitionCounts, copartitionGroups);
    }

    /** The partitions every assignor must assign: all partitions of existing subscribed topics. */
    Set<TopicPartition> subscribedPartitions() {
        Set<TopicPartition> all = new HashSet<>();
        members.values().forEach(s -> s.topics().forEach(topic -> {
            for (int p = 0; p < partitionCounts.getOrDefault(topic, 0); p++) {
                all.add(new TopicPartition(topic, p));
            }
        }));
        return all;
    }
}
