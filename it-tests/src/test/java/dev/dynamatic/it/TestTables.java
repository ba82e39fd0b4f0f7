package dev.dynamatic.it;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.TableDefinition;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Creates and deletes test tables: string keys, on-demand billing, indexes projecting everything. */
public final class TestTables {

    /** How long {@link #create} waits for the table and its indexes to become {@code ACTIVE}. */
    public static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(2);

    private static final int MAX_NAME_LENGTH = 255;

    private TestTables() {
    }

    /** {@return a table name unique to this run: {@code dynamatic-it-<hint>-<random hex>}, legal in DynamoDB} */
    public static String uniqueName(String hint) {
        requireNonNull(hint, "hint is null");
        String suffix = "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        String base = ("dynamatic-it-" + hint).replaceAll("[^a-zA-Z0-9_.-]", "_");
        return base.substring(0, Math.min(base.length(), MAX_NAME_LENGTH - suffix.length())) + suffix;
    }

    /**
     * Creates table {@code name} with {@code spec}, through {@link TableSpec#definition(String)} and
     * {@link TableDefinition#createIfMissing(DynamoDbClient, Duration)}, which waits until it is {@code ACTIVE}.
     *
     * @return the created table
     */
    public static TestTable create(DynamoDbClient client, String name, TableSpec spec) {
        requireNonNull(client, "client is null");
        requireNonNull(name, "name is null");
        requireNonNull(spec, "spec is null");
        spec.definition(name).createIfMissing(client, ACTIVE_TIMEOUT);
        return new TestTable(name, spec);
    }

    /** Deletes table {@code name} without waiting for the deletion to finish; a missing table is fine. */
    public static void delete(DynamoDbClient client, String name) {
        requireNonNull(client, "client is null");
        requireNonNull(name, "name is null");
        try {
            client.deleteTable(b -> b.tableName(name));
        } catch (ResourceNotFoundException e) {
            // already gone: nothing to do
        }
    }
}
