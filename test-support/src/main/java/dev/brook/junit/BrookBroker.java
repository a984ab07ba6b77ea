package dev.brook.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a Brook broker in the test JVM for the annotated test class, on 127.0.0.1 and a free port, with its data in
 * a temporary directory removed afterwards. Test methods, constructors and lifecycle methods receive its bootstrap
 * address as a {@code String} parameter annotated {@link BootstrapServers}, or the {@link RunningBrook} itself.
 *
 * <pre>{@code
 * @BrookBroker(topics = @Topic(name = "orders", partitions = 3))
 * class OrderServiceTest {
 *     @Test
 *     void publishesOrders(@BootstrapServers String bootstrap) {
 *         // point a KafkaProducer / KafkaConsumer / the service under test at `bootstrap`
 *     }
 * }
 * }</pre>
 *
 * <p>One broker serves the whole class (it starts in milliseconds, but topics and data then carry over from test
 * to test; give each test its own topic names, or use {@link RunningBrook#createTopic}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(BrookExtension.class)
public @interface BrookBroker {
    /** Topics to create before the first test. */
    Topic[] topics() default {};

    /** Broker settings as {@code name=value}, with Kafka's names ({@code num.partitions=3}, ...). */
    String[] settings() default {};
}
