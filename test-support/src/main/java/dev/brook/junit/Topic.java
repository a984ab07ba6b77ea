package dev.brook.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A topic the test broker creates before the tests run. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Topic {
    /** The topic name (validated as Kafka does). */
    String name();

    /** Partition count. */
    int partitions() default 1;

    /** Topic configs as {@code name=value}, with Kafka's names ({@code cleanup.policy=compact}, ...). */
    String[] configs() default {};
}
