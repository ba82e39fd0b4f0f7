package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.right;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.dynamatic.ast.Bytes;
import dev.dynamatic.core.BatchGet;
import dev.dynamatic.core.BatchWrite;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.Transaction;
import dev.dynamatic.core.entity.Entity;
import dev.dynamatic.jackson.JacksonCodec;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.json.JsonMapper;

/** A Jackson-annotated class through {@link Table}: get, put, query, batch, transaction and a single-table entity. */
@DynamoDbIT
class JacksonIT {

    /** A customer as a Jackson user writes it: renamed keys, a polymorphic part, an unwrapped part, sets. */
    public record Customer(
            @JsonProperty("pk") String id,
            @JsonProperty("sk") String kind,
            String name,
            BigDecimal balance,
            long visits,
            Set<String> tags,
            Set<BigDecimal> ratings,
            ByteBuffer avatar,
            List<Address> addresses,
            Contact contact,
            @JsonUnwrapped(prefix = "audit_") Audit audit,
            Instant since,
            @JsonInclude(JsonInclude.Include.NON_NULL) String nickname,
            @JsonIgnore String sessionOnly) {
    }

    /** A postal address. */
    public record Address(String street, String city) {
    }

    /** How to reach a customer: the type id is an attribute of the nested map. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "via")
    @JsonSubTypes({@JsonSubTypes.Type(value = Email.class, name = "email"),
            @JsonSubTypes.Type(value = Phone.class, name = "phone")})
    public sealed interface Contact permits Email, Phone {
    }

    /** By email. */
    public record Email(String address) implements Contact {
    }

    /** By phone. */
    public record Phone(String number, boolean sms) implements Contact {
    }

    /** Who changed the item last; stored as top-level {@code audit_*} attributes. */
    public record Audit(String by, long version) {
    }

    /** A profile without key attributes: the entity's templates add them. */
    public record Profile(String customerId, String name, Set<String> roles) {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JacksonCodec<Customer> CUSTOMERS = JacksonCodec.of(MAPPER, Customer.class);

    private final Table table;

    JacksonIT(DynamoDbClient client, TestTable testTable) {
        this.table = testTable.on(client);
    }

    private static Customer customer(String pk, String sk, String name) {
        return new Customer(pk, sk, name, new BigDecimal("12345678901234567890.123456789012345678"), 3,
                Set.of("vip", "früh", "🚀"), Set.of(new BigDecimal("4.5"), new BigDecimal("-3")),
                ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}),
                List.of(new Address("Main St 1", "Zürich"), new Address(null, "Oslo")),
                new Phone("+41 44 000 00 00", true), new Audit("ada", 7), Instant.parse("2024-05-06T07:08:09.123Z"),
                null, null);
    }

    @Test
    void putsAndGetsAnAnnotatedClass() {
        Customer ada = customer("CUST#ada", "PROFILE", "Ada Lovelace");
        table.put(ada, CUSTOMERS);
        assertEquals(Optional.of(ada), table.get(Key.of("CUST#ada", "PROFILE"), CUSTOMERS));
    }

    @Test
    void storesPlainDynamoDbAttributes() {
        Customer c = new Customer("CUST#raw", "PROFILE", "Raw", BigDecimal.ONE, 1, Set.of("a"),
                Set.of(new BigDecimal("2.5")), ByteBuffer.wrap(new byte[] {7}), List.of(), new Email("r@example.com"),
                new Audit("bob", 2), Instant.EPOCH, "r", "not stored");
        table.put(c, CUSTOMERS);
        Item raw = table.get(Key.of("CUST#raw", "PROFILE")).orElseThrow();

        assertEquals(Set.of("a"), raw.getStringSet("tags"));
        assertEquals(Set.of(new BigDecimal("2.5")), raw.getNumberSet("ratings"));
        assertEquals(Bytes.of(new byte[] {7}), raw.getBytes("avatar"));
        assertEquals(List.of(), raw.getList("addresses"));
        assertEquals("email", raw.getMap("contact").getString("via"));
        assertEquals("bob", raw.getString("audit_by"));
        assertEquals(2, raw.getLong("audit_version"));
        assertEquals("1970-01-01T00:00:00Z", raw.getString("since"));
        assertEquals("r", raw.getString("nickname"));
        assertFalse(raw.has("sessionOnly"));
        assertFalse(raw.has("id"));
    }

    @Test
    void readsAnnotatedClassesInAQueryStream() {
        List<Customer> many = IntStream.range(0, 12)
                .mapToObj(i -> customer("CUST#many", "PROFILE#%02d".formatted(i), "n" + i))
                .toList();
        many.forEach(c -> table.put(c, CUSTOMERS));
        List<Customer> back = table.query(Query.of(partitionKey("pk", value("CUST#many"))).withPageSize(5), CUSTOMERS)
                .toList();
        assertEquals(many, back);
    }

    @Test
    void writesAndReadsAnnotatedClassesInABatch() {
        List<Customer> batch = IntStream.range(0, 30)
                .mapToObj(i -> customer("CUST#batch", "PROFILE#%02d".formatted(i), "b" + i))
                .toList();
        BatchWrite.Result written = BatchWrite.of().putAll(table, batch, CUSTOMERS).execute();
        assertTrue(written.complete(), () -> "unwritten: " + written.unwritten());
        assertEquals(30, written.written());

        BatchGet.Result read = BatchGet.of()
                .keys(table, batch.stream().map(c -> Key.of(c.id(), c.kind())).toList())
                .execute();
        assertTrue(read.complete(), () -> "unread: " + read.unread());
        List<Customer> back = read.items(table, CUSTOMERS).stream()
                .sorted(Comparator.comparing(Customer::kind))
                .toList();
        assertEquals(batch, back);
    }

    @Test
    @Tag("transactions")
    void writesAndReadsAnnotatedClassesInATransaction() {
        Customer grace = customer("CUST#tx", "PROFILE#grace", "Grace Hopper");
        Customer alan = customer("CUST#tx", "PROFILE#alan", "Alan Turing");
        right(Transaction.of()
                .put(table, PutItem.of(grace, CUSTOMERS).withCondition(attributeNotExists(path("pk"))))
                .put(table, PutItem.of(alan, CUSTOMERS).withCondition(attributeNotExists(path("pk"))))
                .execute());

        List<Optional<Item>> items = right(Transaction.get(List.of(
                Transaction.Read.of(table, Key.of("CUST#tx", "PROFILE#grace")),
                Transaction.Read.of(table, Key.of("CUST#tx", "PROFILE#alan")))));
        assertEquals(List.of(grace, alan), items.stream()
                .map(item -> CUSTOMERS.decode(item.orElseThrow().attributes()))
                .toList());
    }

    @Test
    void composesWithSingleTableKeyTemplates() {
        Entity<Profile> profiles = Entity.of("Profile", JacksonCodec.of(MAPPER, Profile.class), KeySchema.of("pk", "sk"),
                "CUST#{customerId}", "PROFILE");
        Profile p = new Profile("c9", "Ada", Set.of("admin"));
        table.put(p, profiles);

        Item raw = table.get(Key.of("CUST#c9", "PROFILE")).orElseThrow();
        assertEquals("Profile", raw.getString("_type"));
        assertEquals("c9", raw.getString("customerId"));
        assertEquals(Optional.of(p), table.get(profiles.key(p), profiles));
    }

    @Test
    void rejectsWhatDynamoDbCannotStoreBeforeSending() {
        Customer empty = new Customer("CUST#empty", "PROFILE", "Empty", BigDecimal.ZERO, 0, Set.of(), Set.of(), null,
                List.of(), null, null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.put(empty, CUSTOMERS));
        assertEquals("Customer.tags: empty set — DynamoDB sets cannot be empty", e.getMessage());
        assertEquals(Optional.empty(), table.get(Key.of("CUST#empty", "PROFILE")));

        // or leave empty sets out: they read back as null
        JacksonCodec<Customer> omitting = CUSTOMERS.omittingEmptySets();
        table.put(empty, omitting);
        Customer back = table.get(Key.of("CUST#empty", "PROFILE"), omitting).orElseThrow();
        assertEquals(null, back.tags());
        assertEquals(null, back.ratings());
        assertEquals("Empty", back.name());
    }

    @Test
    void theCodecIsANamedModule() {
        assertTrue(JacksonCodec.class.getModule().isNamed());
        assertTrue(JsonMapper.class.getModule().isNamed());
    }
}
