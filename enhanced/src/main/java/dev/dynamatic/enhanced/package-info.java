/**
 * The Enhanced Client's models as item codecs: {@link dev.dynamatic.enhanced.EnhancedCodec} turns a
 * {@code TableSchema} of the AWS SDK's DynamoDB Enhanced Client — {@code TableSchema.fromBean},
 * {@code fromImmutableClass}, a {@code StaticTableSchema} — into a Dynamatic
 * {@link dev.dynamatic.core.ItemCodec}, so a team that maps its classes for the Enhanced Client uses them with
 * Dynamatic's tables, batches, transactions, entities and optimistic lock as they are, one call at a time.
 *
 * {@snippet :
 * EnhancedCodec<Customer> customers = EnhancedCodec.of(TableSchema.fromBean(Customer.class));
 * Table table = Table.of(client, "Customers", customers.keySchema());
 * table.put(customer, customers);
 * Optional<Customer> back = table.get(Key.of("c1"), customers);
 * }
 *
 * <p>The module depends on {@code dynamatic-core} and the SDK's {@code dynamodb-enhanced}; core never depends on
 * the Enhanced Client.
 */
@NullMarked
package dev.dynamatic.enhanced;

import org.jspecify.annotations.NullMarked;
