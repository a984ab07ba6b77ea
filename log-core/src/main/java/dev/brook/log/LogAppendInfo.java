package dev.brook.log;

/**
 * What an append wrote.
 *
 * @param firstOffset offset of the first record appended
 * @param lastOffset offset of the last record appended
 * @param maxTimestamp largest batch timestamp appended
 * @param logAppendTime the time stamped into the batches for LogAppendTime logs, else -1
 * @param batchCount number of batches
 * @param recordCount number of records
 * @param sizeInBytes bytes written
 */
public record LogAppendInfo(long firstOffset, long lastOffset, long maxTimestamp, long logAppendTime,
        int batchCount, long recordCount, int sizeInBytes) {
}
