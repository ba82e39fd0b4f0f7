package dev.dynamatic.it.readme;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dynamatic.ast.Attributes;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.RecordCodec;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.core.Written;
import dev.dynamatic.it.DynamoDbIT;
import dev.dynamatic.it.TestTable;
import dev.dynamatic.it.WithTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The README's first example, verbatim between the markers (the second test holds it to that): get, put, update and
 * query with a record and its generated references. A package of its own, as a user's: its {@code OrderAttributes}
 * is generated from the {@code Order} below.
 */
@DynamoDbIT
@WithTable(pk = "customer", sk = "orderId")
class ReadmeExampleIT {

    @Attributes     // dynamatic-processor generates OrderAttributes: one typed reference per component
    record Order(String customer, String orderId, String status, long totalCents) {}

    @Test
    void getPutUpdateQuery(DynamoDbClient client, TestTable orders) {
        // README example begins
        Table table = Table.of(client, orders.name(), KeySchema.of("customer", "orderId"));
        ItemCodec<Order> codec = RecordCodec.of(Order.class);

        table.put(new Order("ada", "o-1", "OPEN", 1999), codec);
        table.put(new Order("ada", "o-2", "OPEN", 500), codec);

        Optional<Order> first = table.get(Key.of("ada", "o-1"), codec);

        UpdateItem ship = UpdateItem.of(Key.of("ada", "o-1"), update(set(OrderAttributes.status, "SHIPPED")))
                .withCondition(eq(OrderAttributes.status, "OPEN"))
                .withReturnValues(ReturnValue.ALL_NEW);
        Optional<Order> shipped = table.update(ship, codec)
                .fold(failure -> Optional.empty(), Written::item);
        boolean shippedTwice = table.update(ship, codec).isRight(); // false: the order is no longer OPEN

        List<Order> stillOpen = table.query(Query.of(partitionKey(OrderAttributes.customer, "ada"))
                .withFilter(eq(OrderAttributes.status, "OPEN")), codec).toList();

        // String paths work everywhere too, and build the same request: no processor needed
        Condition sameFilter = eq(path("status"), value("OPEN"));   // equals eq(OrderAttributes.status, "OPEN")
        // README example ends

        assertEquals(Optional.of(new Order("ada", "o-1", "OPEN", 1999)), first);
        assertEquals(Optional.of(new Order("ada", "o-1", "SHIPPED", 1999)), shipped);
        assertFalse(shippedTwice);
        assertEquals(List.of(new Order("ada", "o-2", "OPEN", 500)), stillOpen);
        assertEquals(eq(OrderAttributes.status, "OPEN"), sameFilter);
        assertEquals(update(set(path("status"), value("SHIPPED"))), ship.update());
    }

    /** The lines between the markers above are the README's first block (its table name aside), and its record too. */
    @Test
    void isTheReadmesFirstExample() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int open = readme.indexOf("```java");
        List<String> block = readme.subList(open + 1, readme.subList(open, readme.size()).indexOf("```") + open);
        List<String> self = Files.readAllLines(Path.of("src/test/java", getClass().getName().replace('.', '/')
                + ".java"));
        List<String> example = self.subList(self.indexOf("        // README example begins") + 1,
                        self.indexOf("        // README example ends")).stream()
                .map(line -> line.isEmpty() ? line : line.substring(8))
                .map(line -> line.replace("orders.name()", "\"Orders\""))
                .toList();
        int record = self.indexOf("    @Attributes     // dynamatic-processor generates OrderAttributes: one typed"
                + " reference per component");
        List<String> declaration = self.subList(record, record + 2).stream().map(line -> line.substring(4)).toList();
        assertEquals(declaration, block.subList(2, 4));
        assertEquals(example, block.subList(5, block.size()));
    }
}
