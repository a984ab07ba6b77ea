/**
 * JUnit 5 support: {@link dev.brook.junit.BrookBroker} runs a Kafka-compatible Brook broker inside the test JVM
 * on a free port and hands tests its bootstrap address. Depends on the broker; nothing depends on it.
 */
package dev.brook.junit;
