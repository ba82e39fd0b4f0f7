package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A table as the model needs it: its name and {@link KeySchema} (key attributes with their types, every secondary
 * index with its keys), whether each index is global or local and what it projects, the billing mode, the
 * time-to-live attribute and the stream. It creates the table, and compares a live table with itself.
 *
 * {@snippet :
 * static final TableDefinition SHOP_TABLE = TableDefinition.of("Shop", KEYS)   // KEYS: PK/SK, GSI1, GSI2
 *         .withCodecs(SHOP.entities())         // checks what the entities write into key attributes
 *         .withTimeToLive("expiresAt");
 *
 * SHOP_TABLE.createIfMissing(client);          // CreateTable, wait until ACTIVE, UpdateTimeToLive
 * List<TableDefinition.Difference> drift = SHOP_TABLE.verify(client);   // empty: the live table is as defined
 * }
 *
 * <p><b>Defaults</b>: every index of the key schema is a global secondary index (GSI) projecting all attributes;
 * the table is billed on demand; no time to live; no stream. {@link KeySchema} does not tell a global index from a
 * local one (both are queried alike), so a local secondary index (LSI) is declared here with
 * {@link #withLocalIndex}: it shares the table's partition key, has a sort key, and exists only if the table is
 * created with it. Provisioned capacities ({@link Billing#provisioned}) apply to the table and to each GSI alike.
 *
 * <p><b>Checked when built</b>, before anything is sent: names as DynamoDB allows them (table and index names of 3 to
 * 255 letters, digits, {@code _ - .}), at most {@value #MAX_LOCAL_INDEXES} local indexes, each keyed as a local index
 * must be, at most {@value #MAX_PROJECTED_ATTRIBUTES} projected attributes over all indexes; and, for the codecs
 * given to {@link #withCodecs}, that what each writes into a key attribute has the attribute's declared type and
 * that the time-to-live attribute is a number (as far as each codec tells, {@link ItemCodec#attributeTypes()}): two
 * entity types that give one key attribute different types cannot both fit the one type a table declares.
 *
 * <p><b>{@link #verify}</b> reads the live table ({@code DescribeTable}, {@code DescribeTimeToLive}) and returns every
 * {@link Difference} — a missing or unexpected index, other keys or key types, another projection, billing mode,
 * time to live or stream — as values, not an exception: for tests, local development and start-up checks. An empty
 * list means the table is as defined.
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return new definitions. Equal when they define the same
 * table (the codecs, which only serve the checks, are not compared).
 */
public final class TableDefinition {

    /** How long {@link #createIfMissing(DynamoDbClient)} waits for the table to become {@code ACTIVE}: 5 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** DynamoDB's limit on local secondary indexes per table: 5 (a fixed quota). */
    public static final int MAX_LOCAL_INDEXES = 5;

    /**
     * DynamoDB's limit on the attributes named by {@code INCLUDE} projections, summed over all indexes of a table:
     * 100 (an attribute projected into two indexes counts twice).
     */
    public static final int MAX_PROJECTED_ATTRIBUTES = 100;

    /** Table and index names: 3 to 255 of these characters. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final int MAX_TTL_ATTRIBUTE_LENGTH = 255;
    /** How often the waiter asks whether the table is ACTIVE: from 100 ms, doubling, up to 5 s. */
    private static final BackoffStrategy POLLING = BackoffStrategy.exponentialDelay(Duration.ofMillis(100),
            Duration.ofSeconds(5));

    /** What kind of secondary index an index of the key schema is. */
    public enum IndexKind {
        /** A global secondary index: any keys, created or deleted at any time, eventually consistent. */
        GLOBAL,
        /** A local secondary index: the table's partition key and another sort key, made with the table only. */
        LOCAL
    }

    private final String tableName;
    private final KeySchema keys;
    private final Set<String> localIndexes;
    private final Map<String, IndexProjection> projections;
    private final Billing billing;
    private final @Nullable String timeToLive;
    private final @Nullable StreamViewType stream;
    private final List<ItemCodec<?>> codecs;

    private TableDefinition(String tableName, KeySchema keys, Set<String> localIndexes,
                            Map<String, IndexProjection> projections, Billing billing, @Nullable String timeToLive,
                            @Nullable StreamViewType stream, List<ItemCodec<?>> codecs) {
        this.tableName = tableName;
        this.keys = keys;
        this.localIndexes = Collections.unmodifiableSet(localIndexes);
        this.projections = Collections.unmodifiableMap(projections);
        this.billing = billing;
        this.timeToLive = timeToLive;
        this.stream = stream;
        this.codecs = codecs;
        checkCodecs();
    }

    /**
     * {@return the definition of a table with these keys}: every index of the schema a global index projecting all
     * attributes, billed on demand, without time to live or stream
     *
     * @param tableName the table's name: 3 to 255 letters, digits, {@code _ - .}
     * @param keys the key attributes of the table and of every secondary index, with their types
     * @throws IllegalArgumentException if a table or index name is not one DynamoDB allows
     */
    public static TableDefinition of(String tableName, KeySchema keys) {
        requireNonNull(keys, "keys is null");
        checkName(tableName, "table");
        keys.indexes().keySet().forEach(index -> checkName(index, "index"));
        return new TableDefinition(tableName, keys, new LinkedHashSet<>(), new LinkedHashMap<>(), Billing.onDemand(),
                null, null, List.of());
    }

    /**
     * {@return this definition for a table of another name}, e.g. one per stage
     *
     * @param name the table's name: 3 to 255 letters, digits, {@code _ - .}
     * @throws IllegalArgumentException if the name is not one DynamoDB allows
     */
    public TableDefinition withTableName(String name) {
        checkName(name, "table");
        return new TableDefinition(name, keys, new LinkedHashSet<>(localIndexes), new LinkedHashMap<>(projections),
                billing, timeToLive, stream, codecs);
    }

    /**
     * {@return this definition with the index a local secondary index}
     *
     * @param indexName an index of the key schema that has the table's partition key and a sort key
     * @throws IllegalArgumentException if the schema has no such index, the table has no sort key, the index does
     *         not share the table's partition key or has no sort key of its own, there would be more than
     *         {@value #MAX_LOCAL_INDEXES} local indexes, or it projects a name over 255 bytes
     */
    public TableDefinition withLocalIndex(String indexName) {
        KeySchema index = keys.index(requireNonNull(indexName, "indexName is null"));
        String where = "local index " + indexName + ": ";
        if (keys.sortKey().isEmpty()) {
            throw new IllegalArgumentException(where + "the table has no sort key (partition key " + keys.partitionKey()
                    + "); only a table with a sort key can have local indexes");
        }
        if (!index.partitionKey().equals(keys.partitionKey())) {
            throw new IllegalArgumentException(where + "its partition key is " + index.partitionKey() + ", but a local"
                    + " index shares the table's, " + keys.partitionKey());
        }
        if (index.sortKey().isEmpty()) {
            throw new IllegalArgumentException(where + "it has no sort key; a local index has one");
        }
        Set<String> locals = new LinkedHashSet<>(localIndexes);
        locals.add(indexName);
        if (locals.size() > MAX_LOCAL_INDEXES) {
            throw new IllegalArgumentException(where + "a table has at most " + MAX_LOCAL_INDEXES
                    + " local indexes, this would be " + locals.size() + ": " + locals);
        }
        checkLocalProjection(indexName, projection(indexName));
        return new TableDefinition(tableName, keys, locals, new LinkedHashMap<>(projections), billing, timeToLive,
                stream, codecs);
    }

    /**
     * {@return this definition with the index projecting these attributes}
     *
     * @param indexName an index of the key schema
     * @param projection all attributes, keys only, or the keys and the attributes named
     * @throws IllegalArgumentException if the schema has no such index, the table's indexes would name more than
     *         {@value #MAX_PROJECTED_ATTRIBUTES} projected attributes, or a local index would project a name over
     *         255 bytes
     */
    public TableDefinition withProjection(String indexName, IndexProjection projection) {
        keys.index(requireNonNull(indexName, "indexName is null"));
        requireNonNull(projection, "projection is null");
        Map<String, IndexProjection> all = new LinkedHashMap<>(projections);
        all.put(indexName, projection);
        int projected = all.values().stream().mapToInt(p -> p instanceof IndexProjection.Include(Set<String> a)
                ? a.size() : 0).sum();
        if (projected > MAX_PROJECTED_ATTRIBUTES) {
            throw new IllegalArgumentException("index " + indexName + ": the indexes would project " + projected
                    + " attributes by name; DynamoDB allows " + MAX_PROJECTED_ATTRIBUTES + " over all indexes of a table");
        }
        if (localIndexes.contains(indexName)) {
            checkLocalProjection(indexName, projection);
        }
        return new TableDefinition(tableName, keys, new LinkedHashSet<>(localIndexes), all, billing, timeToLive, stream,
                codecs);
    }

    /**
     * {@return this definition with another billing mode}
     *
     * @param b on demand, or provisioned capacities for the table and each global index
     */
    public TableDefinition withBilling(Billing b) {
        return new TableDefinition(tableName, keys, new LinkedHashSet<>(localIndexes), new LinkedHashMap<>(projections),
                requireNonNull(b, "billing is null"), timeToLive, stream, codecs);
    }

    /**
     * {@return this definition with time to live on the attribute}: DynamoDB deletes an item some time after the
     * epoch second this number attribute holds
     *
     * @param attribute the attribute holding the expiry, in epoch seconds (a number, N)
     * @throws IllegalArgumentException if the name is empty or longer than 255 characters, or a codec given to
     *         {@link #withCodecs} writes it as something other than a number
     */
    public TableDefinition withTimeToLive(String attribute) {
        requireNonNull(attribute, "attribute is null");
        if (attribute.isEmpty() || attribute.length() > MAX_TTL_ATTRIBUTE_LENGTH) {
            throw new IllegalArgumentException("a time-to-live attribute name of " + attribute.length()
                    + " characters; DynamoDB allows 1 to " + MAX_TTL_ATTRIBUTE_LENGTH);
        }
        return new TableDefinition(tableName, keys, new LinkedHashSet<>(localIndexes), new LinkedHashMap<>(projections),
                billing, attribute, stream, codecs);
    }

    /**
     * {@return this definition with a stream of the table's changes}
     *
     * @param viewType what each stream record holds: the keys, the new image, the old image, or both images
     * @throws IllegalArgumentException if the view type is one this SDK does not know
     */
    public TableDefinition withStream(StreamViewType viewType) {
        requireNonNull(viewType, "viewType is null");
        if (viewType == StreamViewType.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("stream view type UNKNOWN_TO_SDK_VERSION");
        }
        return new TableDefinition(tableName, keys, new LinkedHashSet<>(localIndexes), new LinkedHashMap<>(projections),
                billing, timeToLive, viewType, codecs);
    }

    /**
     * {@return this definition checked against the codecs of the items the table holds}: each codec's key
     * attributes must have their declared types, and its time-to-live attribute must be a number, as far as the codec
     * tells ({@link ItemCodec#attributeTypes()}; an {@code Entity} tells its key templates' attributes, always
     * strings, and its codec's). Replaces the codecs given before.
     *
     * {@snippet :
     * TableDefinition.of("Shop", KEYS).withCodecs(SHOP.entities());
     * }
     *
     * @param itemCodecs the codecs of the items stored in the table, e.g. a single-table design's entity types
     * @throws IllegalArgumentException naming the codec, the attribute and both types, if a codec writes a key
     *         attribute with another type than declared, or the time-to-live attribute as something other than N
     */
    public TableDefinition withCodecs(Collection<? extends ItemCodec<?>> itemCodecs) {
        List<ItemCodec<?>> all = new ArrayList<>();
        for (ItemCodec<?> codec : requireNonNull(itemCodecs, "itemCodecs is null")) {
            all.add(requireNonNull(codec, "a codec is null"));
        }
        return new TableDefinition(tableName, keys, new LinkedHashSet<>(localIndexes), new LinkedHashMap<>(projections),
                billing, timeToLive, stream, List.copyOf(all));
    }

    /**
     * {@return this definition checked against the codecs of the items the table holds}, as
     * {@link #withCodecs(Collection)} does
     *
     * @param itemCodecs the codecs of the items stored in the table
     * @throws IllegalArgumentException as for {@link #withCodecs(Collection)}
     */
    public TableDefinition withCodecs(ItemCodec<?>... itemCodecs) {
        return withCodecs(List.of(requireNonNull(itemCodecs, "itemCodecs is null")));
    }

    /** {@return the table's name} */
    public String tableName() {
        return tableName;
    }

    /** {@return the key attributes of the table and of every secondary index} */
    public KeySchema keys() {
        return keys;
    }

    /**
     * {@return whether the index is global or local}
     *
     * @param indexName an index of the key schema
     * @throws IllegalArgumentException naming the known indexes if there is no such index
     */
    public IndexKind indexKind(String indexName) {
        keys.index(requireNonNull(indexName, "indexName is null"));
        return localIndexes.contains(indexName) ? IndexKind.LOCAL : IndexKind.GLOBAL;
    }

    /**
     * {@return the attributes the index holds besides the keys}
     *
     * @param indexName an index of the key schema
     * @throws IllegalArgumentException naming the known indexes if there is no such index
     */
    public IndexProjection projection(String indexName) {
        keys.index(requireNonNull(indexName, "indexName is null"));
        return projections.getOrDefault(indexName, IndexProjection.all());
    }

    /** {@return how the table is billed} */
    public Billing billing() {
        return billing;
    }

    /** {@return the time-to-live attribute, if the table has one} */
    public Optional<String> timeToLive() {
        return Optional.ofNullable(timeToLive);
    }

    /** {@return what the table's stream records hold, if the table has a stream} */
    public Optional<StreamViewType> stream() {
        return Optional.ofNullable(stream);
    }

    /** {@return the codecs this definition was checked against} */
    public List<ItemCodec<?>> codecs() {
        return codecs;
    }

    /**
     * {@return the {@code CreateTable} request for this definition}: attribute definitions for every key attribute,
     * the key schema, each index with its keys and projection, the billing mode and the stream. Time to live is set
     * by a call of its own after the table exists, which {@link #createIfMissing} makes.
     */
    public CreateTableRequest createTableRequest() {
        Map<String, Value.Type> types = new LinkedHashMap<>();
        keys.attributes().forEach(a -> types.put(a.name(), a.type()));
        keys.indexes().values().forEach(i -> i.attributes().forEach(a -> types.putIfAbsent(a.name(), a.type())));
        List<GlobalSecondaryIndex> globals = new ArrayList<>();
        List<LocalSecondaryIndex> locals = new ArrayList<>();
        keys.indexes().forEach((name, index) -> {
            Projection p = sdkProjection(projection(name));
            if (localIndexes.contains(name)) {
                locals.add(LocalSecondaryIndex.builder().indexName(name).keySchema(elements(index)).projection(p).build());
            } else {
                GlobalSecondaryIndex.Builder g = GlobalSecondaryIndex.builder().indexName(name).keySchema(elements(index))
                        .projection(p);
                if (billing instanceof Billing.Provisioned provisioned) {
                    g.provisionedThroughput(throughput(provisioned));
                }
                globals.add(g.build());
            }
        });
        CreateTableRequest.Builder b = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(types.entrySet().stream().map(e -> AttributeDefinition.builder()
                        .attributeName(e.getKey()).attributeType(scalar(e.getValue())).build()).toList())
                .keySchema(elements(keys));
        switch (billing) {
            case Billing.OnDemand() -> b.billingMode(BillingMode.PAY_PER_REQUEST);
            case Billing.Provisioned provisioned -> b.billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(throughput(provisioned));
        }
        if (!globals.isEmpty()) {
            b.globalSecondaryIndexes(globals);
        }
        if (!locals.isEmpty()) {
            b.localSecondaryIndexes(locals);
        }
        if (stream != null) {
            b.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(stream).build());
        }
        return b.build();
    }

    /**
     * Creates the table unless it exists, waits until it is {@code ACTIVE} (at most {@link #DEFAULT_TIMEOUT}), and
     * turns time to live on if the definition has it and the table has none. An existing table is otherwise left as
     * it is, whatever its keys and indexes: {@link #verify} tells how it differs.
     *
     * @param client the client
     * @return whether this call created the table
     * @throws software.amazon.awssdk.core.exception.SdkClientException if the table is not {@code ACTIVE} in time
     */
    public boolean createIfMissing(DynamoDbClient client) {
        return createIfMissing(client, DEFAULT_TIMEOUT);
    }

    /**
     * Creates the table unless it exists, waits until it is {@code ACTIVE} (with the SDK's waiter, at most
     * {@code timeout}), and turns time to live on if the definition has it and the table has none. Safe to call
     * again, and from several processes at once: a table created meanwhile by another is waited for, not created
     * twice. An existing table is otherwise left as it is: {@link #verify} tells how it differs.
     *
     * @param client the client
     * @param timeout how long to wait for the table to become {@code ACTIVE}
     * @return whether this call created the table
     * @throws IllegalArgumentException if the timeout is not positive
     * @throws software.amazon.awssdk.core.exception.SdkClientException if the table is not {@code ACTIVE} in time
     */
    public boolean createIfMissing(DynamoDbClient client, Duration timeout) {
        requireNonNull(client, "client is null");
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " is not positive");
        }
        boolean created = false;
        if (describe(client).isEmpty()) {
            try {
                client.createTable(createTableRequest());
                created = true;
            } catch (ResourceInUseException e) {
                // created meanwhile by another caller: wait for it as for our own
            }
        }
        try (DynamoDbWaiter waiter = client.waiter()) {
            waiter.waitUntilTableExists(b -> b.tableName(tableName),
                    o -> o.waitTimeout(timeout).backoffStrategyV2(POLLING));
        }
        if (timeToLive != null) {
            TimeToLiveDescription ttl = client.describeTimeToLive(b -> b.tableName(tableName)).timeToLiveDescription();
            if (liveTimeToLive(ttl) == null && ttl.timeToLiveStatus() != TimeToLiveStatus.DISABLING) {
                String attribute = timeToLive;
                client.updateTimeToLive(b -> b.tableName(tableName)
                        .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
            }
        }
        return created;
    }

    /**
     * {@return every way the live table differs from this definition}, empty if it is as defined: read with
     * {@code DescribeTable} and {@code DescribeTimeToLive}, nothing changed. A table that does not exist is one
     * difference, {@link Difference.MissingTable}.
     *
     * @param client the client
     */
    public List<Difference> verify(DynamoDbClient client) {
        requireNonNull(client, "client is null");
        Optional<TableDescription> table = describe(client);
        if (table.isEmpty()) {
            return List.of(new Difference.MissingTable(tableName));
        }
        TimeToLiveDescription ttl;
        try {
            ttl = client.describeTimeToLive(b -> b.tableName(tableName)).timeToLiveDescription();
        } catch (ResourceNotFoundException e) {
            return List.of(new Difference.MissingTable(tableName)); // deleted between the two calls
        }
        return differences(table.get(), ttl);
    }

    private Optional<TableDescription> describe(DynamoDbClient client) {
        try {
            return Optional.of(client.describeTable(b -> b.tableName(tableName)).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@return how the described table differs from this definition}, in the order the definition lists things */
    List<Difference> differences(TableDescription table, @Nullable TimeToLiveDescription ttl) {
        requireNonNull(table, "table is null");
        List<Difference> out = new ArrayList<>();
        Map<String, Value.Type> types = new LinkedHashMap<>();
        if (table.hasAttributeDefinitions()) {
            table.attributeDefinitions().forEach(d -> types.put(d.attributeName(), KeySchema.type(d)));
        }
        KeySchema liveKeys = KeySchema.from(table.keySchema(), types, tableName);
        if (!liveKeys.equals(keys.withoutIndexes())) {
            out.add(new Difference.WrongKeys(Optional.empty(), keys.withoutIndexes(), liveKeys));
        }
        Map<String, LiveIndex> live = new LinkedHashMap<>();
        if (table.hasGlobalSecondaryIndexes()) {
            for (GlobalSecondaryIndexDescription g : table.globalSecondaryIndexes()) {
                live.put(g.indexName(), new LiveIndex(IndexKind.GLOBAL, KeySchema.from(g.keySchema(), types,
                        g.indexName()), liveProjection(g.indexName(), g.projection()), g.provisionedThroughput()));
            }
        }
        if (table.hasLocalSecondaryIndexes()) {
            for (LocalSecondaryIndexDescription l : table.localSecondaryIndexes()) {
                live.put(l.indexName(), new LiveIndex(IndexKind.LOCAL, KeySchema.from(l.keySchema(), types,
                        l.indexName()), liveProjection(l.indexName(), l.projection()), null));
            }
        }
        Billing liveBilling = billing(table);
        // index capacities are compared when both say provisioned; otherwise the table's billing differs already
        boolean provisioned = billing instanceof Billing.Provisioned && liveBilling instanceof Billing.Provisioned;
        keys.indexes().forEach((name, index) -> {
            IndexKind kind = indexKind(name);
            LiveIndex found = live.get(name);
            if (found == null) {
                out.add(new Difference.MissingIndex(name, kind));
                return;
            }
            if (found.kind() != kind) {
                out.add(new Difference.WrongIndexKind(name, kind, found.kind()));
            }
            if (!found.keys().equals(index)) {
                out.add(new Difference.WrongKeys(Optional.of(name), index, found.keys()));
            }
            if (!found.projection().equals(projection(name))) {
                out.add(new Difference.WrongProjection(name, projection(name), found.projection()));
            }
            if (provisioned && found.kind() == IndexKind.GLOBAL && kind == IndexKind.GLOBAL) {
                Billing actual = provisioned(found.throughput(), name);
                if (!actual.equals(billing)) {
                    out.add(new Difference.WrongBilling(Optional.of(name), billing, actual));
                }
            }
        });
        live.forEach((name, index) -> {
            if (!keys.indexes().containsKey(name)) {
                out.add(new Difference.UnexpectedIndex(name, index.kind()));
            }
        });
        if (!liveBilling.equals(billing)) {
            out.add(new Difference.WrongBilling(Optional.empty(), billing, liveBilling));
        }
        String liveTtl = ttl == null ? null : liveTimeToLive(ttl);
        if (!Objects.equals(timeToLive, liveTtl)) {
            out.add(new Difference.WrongTimeToLive(Optional.ofNullable(timeToLive), Optional.ofNullable(liveTtl)));
        }
        StreamSpecification s = table.streamSpecification();
        StreamViewType liveStream = s != null && Boolean.TRUE.equals(s.streamEnabled()) ? s.streamViewType() : null;
        if (!Objects.equals(stream, liveStream)) {
            out.add(new Difference.WrongStream(Optional.ofNullable(stream), Optional.ofNullable(liveStream)));
        }
        return List.copyOf(out);
    }

    /** An index of the live table. */
    private record LiveIndex(IndexKind kind, KeySchema keys, IndexProjection projection,
                             @Nullable ProvisionedThroughputDescription throughput) {
    }

    /** {@return the attribute time to live is on for}, or {@code null} when it is off or being turned off */
    private static @Nullable String liveTimeToLive(TimeToLiveDescription ttl) {
        TimeToLiveStatus status = ttl.timeToLiveStatus();
        return switch (status) {
            case ENABLED, ENABLING -> ttl.attributeName();
            case DISABLED, DISABLING -> null;
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalStateException("time-to-live status unknown to this SDK"
                    + " version: " + ttl.timeToLiveStatusAsString());
            case null -> null;
            default -> throw new IllegalStateException("unexpected time-to-live status " + status);
        };
    }

    private static Billing billing(TableDescription table) {
        BillingMode mode = table.billingModeSummary() == null ? null : table.billingModeSummary().billingMode();
        return switch (mode) {
            // DynamoDB describes a table that was always provisioned without a billing mode summary
            case null -> provisioned(table.provisionedThroughput(), table.tableName());
            case PROVISIONED -> provisioned(table.provisionedThroughput(), table.tableName());
            case PAY_PER_REQUEST -> Billing.onDemand();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalStateException("table " + table.tableName()
                    + ": billing mode unknown to this SDK version: " + table.billingModeSummary().billingModeAsString());
            default -> throw new IllegalStateException("unexpected billing mode " + mode);
        };
    }

    private static Billing provisioned(@Nullable ProvisionedThroughputDescription t, String where) {
        if (t == null || t.readCapacityUnits() == null || t.writeCapacityUnits() == null
                || t.readCapacityUnits() < 1 || t.writeCapacityUnits() < 1) {
            throw new IllegalStateException(where + ": described as provisioned, but without capacities of at least 1");
        }
        return Billing.provisioned(t.readCapacityUnits(), t.writeCapacityUnits());
    }

    private static IndexProjection liveProjection(String index, @Nullable Projection p) {
        if (p == null) {
            throw new IllegalStateException("index " + index + ": described without a projection");
        }
        ProjectionType type = p.projectionType();
        return switch (type) {
            case ALL -> IndexProjection.all();
            case KEYS_ONLY -> IndexProjection.keysOnly();
            case INCLUDE -> IndexProjection.include(p.nonKeyAttributes());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalStateException("index " + index
                    + ": projection type unknown to this SDK version: " + p.projectionTypeAsString());
            case null -> throw new IllegalStateException("index " + index + ": described without a projection type");
            default -> throw new IllegalStateException("unexpected projection type " + type);
        };
    }

    private static Projection sdkProjection(IndexProjection p) {
        return switch (p) {
            case IndexProjection.All() -> Projection.builder().projectionType(ProjectionType.ALL).build();
            case IndexProjection.KeysOnly() -> Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build();
            case IndexProjection.Include(Set<String> attributes) -> Projection.builder()
                    .projectionType(ProjectionType.INCLUDE).nonKeyAttributes(attributes).build();
        };
    }

    private static ProvisionedThroughput throughput(Billing.Provisioned p) {
        return ProvisionedThroughput.builder().readCapacityUnits(p.readCapacityUnits())
                .writeCapacityUnits(p.writeCapacityUnits()).build();
    }

    private static List<KeySchemaElement> elements(KeySchema k) {
        List<KeySchemaElement> elements = new ArrayList<>(2);
        elements.add(KeySchemaElement.builder().attributeName(k.partitionKey().name()).keyType(KeyType.HASH).build());
        k.sortKey().ifPresent(s -> elements.add(KeySchemaElement.builder().attributeName(s.name())
                .keyType(KeyType.RANGE).build()));
        return elements;
    }

    private static ScalarAttributeType scalar(Value.Type type) {
        return switch (type) {
            case S -> ScalarAttributeType.S;
            case N -> ScalarAttributeType.N;
            case B -> ScalarAttributeType.B;
            case BOOL, NULL, L, M, SS, NS, BS -> throw new IllegalStateException("key attribute of type " + type);
        };
    }

    private static void checkName(String name, String what) {
        requireNonNull(name, what + " name is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name \"" + name + "\" is not one DynamoDB allows: 3 to 255"
                    + " characters, each a letter, a digit, '_', '-' or '.'");
        }
    }

    private static void checkLocalProjection(String indexName, IndexProjection projection) {
        if (projection instanceof IndexProjection.Include(Set<String> attributes)) {
            for (String name : attributes) {
                int bytes = name.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > Limits.MAX_KEY_ATTRIBUTE_NAME_BYTES) {
                    throw new IllegalArgumentException("local index " + indexName + " projects a name of " + bytes
                            + " bytes; DynamoDB allows " + Limits.MAX_KEY_ATTRIBUTE_NAME_BYTES
                            + " for names projected into a local index");
                }
            }
        }
    }

    /** Each codec's key attributes have their declared types, and its time-to-live attribute is a number. */
    private void checkCodecs() {
        for (ItemCodec<?> codec : codecs) {
            Map<String, Value.Type> written = codec.attributeTypes();
            for (KeyAttribute key : keyAttributes()) {
                Value.Type type = written.get(key.name());
                if (type != null && type != key.type()) {
                    throw new IllegalArgumentException(codec + " writes the key attribute \"" + key.name() + "\" as "
                            + type + ", but the table declares it " + key.type() + " (an attribute has one type in a"
                            + " table and all its indexes)");
                }
            }
            Value.Type ttlType = timeToLive == null ? null : written.get(timeToLive);
            if (ttlType != null && ttlType != Value.Type.N) {
                throw new IllegalArgumentException(codec + " writes the time-to-live attribute \"" + timeToLive
                        + "\" as " + ttlType + "; DynamoDB expires only items whose time-to-live attribute is a number"
                        + " (N) of epoch seconds");
            }
        }
    }

    private Set<KeyAttribute> keyAttributes() {
        Set<KeyAttribute> all = new LinkedHashSet<>(keys.attributes());
        keys.indexes().values().forEach(i -> all.addAll(i.attributes()));
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableDefinition d && tableName.equals(d.tableName) && keys.equals(d.keys)
                && localIndexes.equals(d.localIndexes) && effectiveProjections().equals(d.effectiveProjections())
                && billing.equals(d.billing) && Objects.equals(timeToLive, d.timeToLive) && stream == d.stream;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tableName, keys, localIndexes, effectiveProjections(), billing, timeToLive, stream);
    }

    private Map<String, IndexProjection> effectiveProjections() {
        Map<String, IndexProjection> all = new LinkedHashMap<>();
        keys.indexes().keySet().forEach(name -> all.put(name, projection(name)));
        return all;
    }

    /**
     * {@return the table's name, keys, indexes, billing, time to live and stream}, e.g.
     * {@code TableDefinition[Shop; PK:S, SK:S; GSI1 GLOBAL (GSI1PK:S, GSI1SK:S) ALL; PAY_PER_REQUEST; ttl expiresAt]}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TableDefinition[").append(tableName).append("; ");
        sb.append(keyList(keys));
        keys.indexes().forEach((name, index) -> sb.append("; ").append(name).append(' ').append(indexKind(name))
                .append(" (").append(keyList(index)).append(") ").append(projection(name)));
        sb.append("; ").append(billing);
        if (timeToLive != null) {
            sb.append("; ttl ").append(timeToLive);
        }
        if (stream != null) {
            sb.append("; stream ").append(stream);
        }
        return sb.append(']').toString();
    }

    /**
     * One way a live table differs from its definition: what {@link #verify} returns, one value per difference. Each
     * {@code toString()} says it in a sentence; the components hold names, types and settings, never item data.
     */
    public sealed interface Difference permits Difference.MissingTable, Difference.WrongKeys, Difference.MissingIndex,
            Difference.UnexpectedIndex, Difference.WrongIndexKind, Difference.WrongProjection, Difference.WrongBilling,
            Difference.WrongTimeToLive, Difference.WrongStream {

        /**
         * The table does not exist.
         *
         * @param tableName the table's name
         */
        record MissingTable(String tableName) implements Difference {
            /** Checks for null. */
            public MissingTable {
                requireNonNull(tableName, "tableName is null");
            }

            @Override
            public String toString() {
                return "table " + tableName + " does not exist";
            }
        }

        /**
         * The table or an index has other key attributes, or other key types, than defined.
         *
         * @param index the index, or empty for the table's own keys
         * @param expected the keys as defined
         * @param actual the keys of the live table or index
         */
        record WrongKeys(Optional<String> index, KeySchema expected, KeySchema actual) implements Difference {
            /** Checks for nulls. */
            public WrongKeys {
                requireNonNull(index, "index is null");
                requireNonNull(expected, "expected is null");
                requireNonNull(actual, "actual is null");
            }

            @Override
            public String toString() {
                return index.map(i -> "index " + i).orElse("the table") + " has the keys " + keyList(actual)
                        + ", defined as " + keyList(expected);
            }
        }

        /**
         * An index of the definition is missing from the live table.
         *
         * @param index the index
         * @param kind global or local, as defined
         */
        record MissingIndex(String index, IndexKind kind) implements Difference {
            /** Checks for nulls. */
            public MissingIndex {
                requireNonNull(index, "index is null");
                requireNonNull(kind, "kind is null");
            }

            @Override
            public String toString() {
                return "the " + kind.toString().toLowerCase(java.util.Locale.ROOT) + " index " + index + " is missing";
            }
        }

        /**
         * The live table has an index the definition does not.
         *
         * @param index the index
         * @param kind whether the live index is global or local
         */
        record UnexpectedIndex(String index, IndexKind kind) implements Difference {
            /** Checks for nulls. */
            public UnexpectedIndex {
                requireNonNull(index, "index is null");
                requireNonNull(kind, "kind is null");
            }

            @Override
            public String toString() {
                return "the table has the " + kind.toString().toLowerCase(java.util.Locale.ROOT) + " index " + index
                        + ", which is not defined";
            }
        }

        /**
         * An index is global where the definition says local, or the other way round.
         *
         * @param index the index
         * @param expected the kind defined
         * @param actual the live index's kind
         */
        record WrongIndexKind(String index, IndexKind expected, IndexKind actual) implements Difference {
            /** Checks for nulls. */
            public WrongIndexKind {
                requireNonNull(index, "index is null");
                requireNonNull(expected, "expected is null");
                requireNonNull(actual, "actual is null");
            }

            @Override
            public String toString() {
                return "index " + index + " is " + actual + ", defined as " + expected;
            }
        }

        /**
         * An index projects other attributes than defined.
         *
         * @param index the index
         * @param expected the projection defined
         * @param actual the live index's projection
         */
        record WrongProjection(String index, IndexProjection expected, IndexProjection actual) implements Difference {
            /** Checks for nulls. */
            public WrongProjection {
                requireNonNull(index, "index is null");
                requireNonNull(expected, "expected is null");
                requireNonNull(actual, "actual is null");
            }

            @Override
            public String toString() {
                return "index " + index + " projects " + actual + ", defined as " + expected;
            }
        }

        /**
         * The table, or one of its global indexes, is billed otherwise than defined (another mode, or other
         * provisioned capacities).
         *
         * @param index the global index, or empty for the table
         * @param expected the billing defined
         * @param actual the live table's or index's billing
         */
        record WrongBilling(Optional<String> index, Billing expected, Billing actual) implements Difference {
            /** Checks for nulls. */
            public WrongBilling {
                requireNonNull(index, "index is null");
                requireNonNull(expected, "expected is null");
                requireNonNull(actual, "actual is null");
            }

            @Override
            public String toString() {
                return index.map(i -> "index " + i).orElse("the table") + " is billed " + actual + ", defined as "
                        + expected;
            }
        }

        /**
         * Time to live is off where defined, on where not, or on another attribute ({@code ENABLING} counts as on,
         * {@code DISABLING} as off).
         *
         * @param expected the time-to-live attribute defined, or empty for none
         * @param actual the attribute time to live is on for, or empty when it is off
         */
        record WrongTimeToLive(Optional<String> expected, Optional<String> actual) implements Difference {
            /** Checks for nulls. */
            public WrongTimeToLive {
                requireNonNull(expected, "expected is null");
                requireNonNull(actual, "actual is null");
            }

            @Override
            public String toString() {
                return "time to live is " + actual.map(a -> "on for " + a).orElse("off") + ", defined "
                        + expected.map(a -> "on for " + a).orElse("off");
            }
        }

        /**
         * The table's stream is off where defined, on where not, or holds other images.
         *
         * @param expected the stream view type defined, or empty for no stream
         * @param actual the live stream's view type, or empty when there is none
         */
        record WrongStream(Optional<StreamViewType> expected, Optional<StreamViewType> actual) implements Difference {
            /** Checks for nulls. */
            public WrongStream {
                requireNonNull(expected, "expected is null");
                requireNonNull(actual, "actual is null");
            }

            @Override
            public String toString() {
                return "the stream is " + actual.map(StreamViewType::toString).orElse("off") + ", defined as "
                        + expected.map(StreamViewType::toString).orElse("off");
            }
        }
    }

    /** {@return the key attributes, e.g. {@code PK:S, SK:S}} */
    private static String keyList(KeySchema k) {
        return k.attributes().stream().map(KeyAttribute::toString).collect(Collectors.joining(", "));
    }
}
