/**
 * The single-table toolkit: several entity types in one table, each placed by key templates.
 *
 * <p>A {@link dev.dynamatic.core.entity.KeyTemplate} composes a string key from literal text and
 * {@code {placeholders}} ({@code "CUST#{customerId}"}) and parses it back; a
 * {@link dev.dynamatic.core.entity.KeyFormat} is an entity's templates for the table or one index, and builds
 * its keys, queries and index updates; an {@link dev.dynamatic.core.entity.Entity} is a type name, a codec and
 * key formats — itself an {@link dev.dynamatic.core.ItemCodec} that writes the key and type attributes;
 * {@link dev.dynamatic.core.entity.Entities} proves that no two entity types can write the same key and reads
 * several types from one query into an {@link dev.dynamatic.core.entity.ItemCollection}.
 *
 * {@snippet :
 * static final KeySchema KEYS = KeySchema.of("PK", "SK").withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"));
 * static final Entity<Customer> CUSTOMER = Entity.of("Customer", RecordCodec.of(Customer.class), KEYS,
 *         "CUST#{customerId}", "PROFILE").withIndex("GSI1", "CUST#{customerId}", "PROFILE");
 * static final Entity<Order> ORDER = Entity.of("Order", RecordCodec.of(Order.class), KEYS,
 *         "ORDER#{orderId}", "HEADER").withIndex("GSI1", "CUST#{customerId}", "ORDER#{placedAt}#{orderId}");
 * static final Entities SHOP = Entities.of(CUSTOMER, ORDER);
 *
 * shop.put(customer, CUSTOMER);
 * try (ItemStream<Item> items = shop.query(CUSTOMER.index("GSI1").partition(Map.of("customerId", "c1")))) {
 *     ItemCollection c = SHOP.collect(items);
 *     Optional<Customer> profile = c.one(CUSTOMER);
 *     List<Order> orders = c.all(ORDER);
 * }
 * }
 *
 * <p>The rules: key values are used verbatim, and a value containing the separator ({@code #}) is rejected
 * rather than escaped, so every key parses back and {@code begins_with} prefixes stay exact; templated key
 * attributes are strings; the type attribute ({@code _type}) tells entity types apart when reading.
 */
@NullMarked
package dev.dynamatic.core.entity;

import org.jspecify.annotations.NullMarked;
