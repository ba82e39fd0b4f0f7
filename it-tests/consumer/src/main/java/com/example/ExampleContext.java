package com.example;

import dev.dynamatic.ast.Update;
import dev.dynamatic.core.Table;
import dev.dynamatic.it.demo.ShopModel.Product;
import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a README or docs example may use without declaring it: the class every generated example extends. A block's
 * own declaration of the same name shadows the field here. Add a field when an example needs another such name;
 * keep them few (an example a reader copies should declare what it uses).
 */
public abstract class ExampleContext {

    /** The caller's client (every example that talks to DynamoDB). */
    protected DynamoDbClient client;

    /** The demo's table (the README's single-table examples use {@code shop}). */
    protected Table shop;

    /** A key as the SDK takes it (the README's rendering example applies a rendered request to one). */
    protected Map<String, AttributeValue> key;

    /** The product whose price changes, and its new price (the README's versioned-item example). */
    protected Product p;

    /** The new price of {@link #p}. */
    protected BigDecimal newPrice;

    /** Defined by the README's "Expressions as values" example, and used by the next section's example. */
    protected Update bumpVersion;

    /** Runs the example's statements. */
    protected abstract void run() throws Exception;
}
