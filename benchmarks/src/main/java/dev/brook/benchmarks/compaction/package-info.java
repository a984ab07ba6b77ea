/**
 * JMH benchmarks of the log cleaner. Setup (filling logs) is never measured. Must not be depended on by anything.
 */
package dev.brook.benchmarks.compaction;
