package com.example;

import dev.dynamatic.ast.Update;
import dev.dynamatic.core.Table;
import dev.dynamatic.enhanced.EnhancedCodec;
import dev.dynamatic.it.demo.ShopModel.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
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

    /** The Enhanced Client over {@link #client} (the Enhanced Client migration guide). */
    protected DynamoDbEnhancedClient enhanced;

    /** The Enhanced Client's table of {@link Account}s (the Enhanced Client migration guide). */
    protected DynamoDbTable<Account> enhancedTable;

    /** The same table in Dynamatic (the Enhanced Client migration guide). */
    protected Table table;

    /** {@link Account}s as a Dynamatic codec (the Enhanced Client migration guide). */
    protected EnhancedCodec<Account> accounts;

    /**
     * The Enhanced Client bean of the Enhanced Client migration guide (not named Customer: the demo's model, which
     * the README's examples import, has a Customer).
     */
    @DynamoDbBean
    public static class Account {
        private String id;
        private String name;
        private String status;
        private Long visits;
        private Long version;
        private Instant updatedAt;

        /** {@return the partition key} */
        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        /** @param id the partition key */
        public void setId(String id) {
            this.id = id;
        }

        /** {@return the name} */
        public String getName() {
            return name;
        }

        /** @param name the name */
        public void setName(String name) {
            this.name = name;
        }

        /** {@return the status} */
        public String getStatus() {
            return status;
        }

        /** @param status the status */
        public void setStatus(String status) {
            this.status = status;
        }

        /** {@return the visit counter} */
        public Long getVisits() {
            return visits;
        }

        /** @param visits the visit counter */
        public void setVisits(Long visits) {
            this.visits = visits;
        }

        /** {@return the version} */
        @DynamoDbVersionAttribute
        public Long getVersion() {
            return version;
        }

        /** @param version the version */
        public void setVersion(Long version) {
            this.version = version;
        }

        /** {@return when it last changed} */
        public Instant getUpdatedAt() {
            return updatedAt;
        }

        /** @param updatedAt when it last changed */
        public void setUpdatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
        }
    }

    /** Runs the example's statements. */
    protected abstract void run() throws Exception;
}
