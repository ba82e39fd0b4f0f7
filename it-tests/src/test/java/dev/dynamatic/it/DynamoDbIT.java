package dev.dynamatic.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration-test class that runs against the shared DynamoDB-compatible server of this test run.
 *
 * <p>The class gets its own table (declare its keys with {@link WithTable}; default {@code pk}/{@code sk}
 * strings), deleted after the class. Test methods, constructors and lifecycle methods can take
 * {@link TestTable}, {@code DynamoDbClient}, {@code DynamoDbAsyncClient}, {@code DynamoDbServer} and
 * {@code Engine} parameters. Tag tests that need an API an engine lacks ({@code transactions}, {@code ttl},
 * {@code streams}):
 * the build excludes those tags for that engine.
 *
 * {@snippet :
 * @DynamoDbIT
 * @WithTable(pk = "pk", sk = "sk")
 * class OrdersIT {
 *     @Test
 *     void readsBackWhatItWrote(DynamoDbClient client, TestTable table) { ... }
 * }
 * }
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DynamoDbExtension.class)
public @interface DynamoDbIT {
}
