package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.RecordCodec;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.core.Written;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** The README's example, verbatim between the markers: get, put, update and query with a record. */
@DynamoDbIT
@WithTable(pk = "customer", sk = "orderId")
class ReadmeExampleIT {

    record Order(String customer, String orderId, String status, long totalCents) {
    }

    @Test
    void getPutUpdateQuery(DynamoDbClient client, TestTable orders) {
        // README example begins
        Table table = Table.of(client, orders.name(), KeySchema.of("customer", "orderId"));
        ItemCodec<Order> codec = RecordCodec.of(Order.class);

        table.put(new Order("ada", "o-1", "OPEN", 1999), codec);
        table.put(new Order("ada", "o-2", "OPEN", 500), codec);

        Optional<Order> first = table.get(Key.of("ada", "o-1"), codec);

        UpdateItem ship = UpdateItem.of(Key.of("ada", "o-1"), update(set(path("status"), value("SHIPPED"))))
                .withCondition(eq(path("status"), value("OPEN")))
                .withReturnValues(ReturnValue.ALL_NEW);
        Optional<Order> shipped = table.update(ship, codec)
                .fold(failure -> Optional.empty(), Written::item);
        boolean shippedTwice = table.update(ship, codec).isRight(); // false: the order is no longer OPEN

        List<Order> stillOpen = table.query(Query.of(partitionKey("customer", value("ada")))
                .withFilter(eq(path("status"), value("OPEN"))), codec).toList();
        // README example ends

        assertEquals(Optional.of(new Order("ada", "o-1", "OPEN", 1999)), first);
        assertEquals(Optional.of(new Order("ada", "o-1", "SHIPPED", 1999)), shipped);
        assertTrue(!shippedTwice);
        assertEquals(List.of(new Order("ada", "o-2", "OPEN", 500)), stillOpen);
    }
}
