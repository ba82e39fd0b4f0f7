package com.example;

import dev.dynamatic.it.server.DynamoDbClients;
import dev.dynamatic.it.server.Engine;
import dev.dynamatic.it.server.LocalDynamoDb;
import java.nio.file.Path;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.TableDefinition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the README's first ```java block, its quick start, against a local dynoxide started as the integration tests
 * start it (from it-tests/node_modules, the directory in the system property {@code dynamatic.it.dir}), after
 * creating the table that block uses: {@code Orders}, keys {@code customer} and {@code orderId}. If the quick start
 * changes its table, change {@link #TABLE} here. Fails unless the example runs and leaves items in the table.
 */
public final class RunFirstExample {

    static final String TABLE = "Orders";

    private RunFirstExample() {
    }

    public static void main(String[] args) throws Exception {
        Examples.Example first = Examples.ALL.stream().filter(e -> e.location().startsWith("README.md:")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no compiled ```java block"));
        Path itDirectory = Path.of(System.getProperty(LocalDynamoDb.DIRECTORY_PROPERTY, "."));
        try (LocalDynamoDb server = LocalDynamoDb.start(Engine.DYNOXIDE, itDirectory);
             DynamoDbClient client = DynamoDbClients.sync(server)) {
            TableDefinition.of(TABLE, KeySchema.of("customer", "orderId")).createIfMissing(client);
            ExampleContext example = first.create().get();
            example.client = client;
            example.run();
            int items = client.scan(b -> b.tableName(TABLE)).count();
            if (items == 0) {
                throw new AssertionError("the example at " + first.location() + " ran but left no item in " + TABLE);
            }
            String where = RunFirstExample.class.getModule().isNamed()
                    ? "as module " + RunFirstExample.class.getModule().getName() : "on the class path";
            System.out.println("[consumer] ran " + first.location() + " (" + first.heading() + ") " + where
                    + " against " + server.engine().id() + ": " + items + " items in " + TABLE);
        }
    }
}
