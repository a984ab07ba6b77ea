/**
 * JMH benchmarks of the log-core storage engine through its public API: appends under each flush policy
 * ({@link dev.brook.benchmarks.log.LogAppendBenchmark}), sequential reads with CRC checks and zero-copy
 * transfers ({@link dev.brook.benchmarks.log.LogReadBenchmark}), offset and timestamp lookups
 * ({@link dev.brook.benchmarks.log.OffsetLookupBenchmark}) and the open after clean and unclean shutdowns
 * ({@link dev.brook.benchmarks.log.RecoveryBenchmark}). Results, commands and their reading are in
 * {@code docs/performance.md}.
 *
 * <p>Only {@link dev.brook.benchmarks.log.BenchLogs} reaches past the public API (to simulate a crash). Nothing
 * here is used by production code; it must not touch the network or any directory other than its own scratch
 * directories, which it deletes.
 */
package dev.brook.benchmarks.log;
