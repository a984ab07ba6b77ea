/**
 * Partition assignors: pure functions from a group's members (their subscriptions and current ownership), the
 * subscribed topics' partition counts and the copartition groups to a member → partitions map. The coordinator runs
 * them server-side, so every member gets its assignment from one deterministic computation. Knows nothing of the
 * coordinator's state machine, of storage or of the wire: inputs are plain values, outputs are plain values.
 */
package dev.brook.groups.assignor;
