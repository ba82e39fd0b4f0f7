package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.dynamatic.ast.Value;
import dev.dynamatic.core.TableDefinition.Difference;
import dev.dynamatic.core.TableDefinition.IndexKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Laws of {@link TableDefinition}: the table its own {@code CreateTable} request makes (described as DynamoDB
 * describes tables) verifies clean, and a table made from a changed definition shows exactly the change.
 */
class TableDefinitionProperties {

    /** Key attribute names, including ones with dots and spaces; each example gives each name one type. */
    private static final List<String> NAMES = List.of("PK", "SK", "a.b", "x y", "GSI1PK", "n", "#s");
    private static final List<Value.Type> KEY_TYPES = List.of(Value.Type.S, Value.Type.N, Value.Type.B);
    private static final List<String> PROJECTED = List.of("status", "total", "a.b", "x");

    /** The description DynamoDB gives of a table made by the request, as far as verify reads it. */
    static TableDescription describe(CreateTableRequest r) {
        boolean onDemand = r.billingMode() == BillingMode.PAY_PER_REQUEST;
        TableDescription.Builder t = TableDescription.builder()
                .tableName(r.tableName())
                .tableStatus(TableStatus.ACTIVE)
                .attributeDefinitions(r.attributeDefinitions())
                .keySchema(r.keySchema())
                .provisionedThroughput(throughput(onDemand ? null : r.provisionedThroughput()));
        if (onDemand) { // a table always provisioned has no summary
            t.billingModeSummary(BillingModeSummary.builder().billingMode(BillingMode.PAY_PER_REQUEST).build());
        }
        if (r.hasGlobalSecondaryIndexes()) {
            List<GlobalSecondaryIndexDescription> globals = new ArrayList<>();
            for (GlobalSecondaryIndex g : r.globalSecondaryIndexes()) {
                globals.add(GlobalSecondaryIndexDescription.builder().indexName(g.indexName()).keySchema(g.keySchema())
                        .projection(g.projection()).indexStatus(IndexStatus.ACTIVE)
                        .provisionedThroughput(throughput(g.provisionedThroughput())).build());
            }
            t.globalSecondaryIndexes(globals);
        }
        if (r.hasLocalSecondaryIndexes()) {
            t.localSecondaryIndexes(r.localSecondaryIndexes().stream().map(l -> LocalSecondaryIndexDescription.builder()
                    .indexName(l.indexName()).keySchema(l.keySchema()).projection(l.projection()).build()).toList());
        }
        if (r.streamSpecification() != null) {
            t.streamSpecification(r.streamSpecification());
        }
        return t.build();
    }

    private static ProvisionedThroughputDescription throughput(ProvisionedThroughput p) {
        return ProvisionedThroughputDescription.builder().numberOfDecreasesToday(0L)
                .readCapacityUnits(p == null ? 0L : p.readCapacityUnits())
                .writeCapacityUnits(p == null ? 0L : p.writeCapacityUnits()).build();
    }

    /** {@return time to live as DynamoDB describes it after createIfMissing turned it on} */
    static TimeToLiveDescription ttlOf(TableDefinition d) {
        return d.timeToLive().map(a -> TimeToLiveDescription.builder().attributeName(a)
                        .timeToLiveStatus(TimeToLiveStatus.ENABLED).build())
                .orElse(TimeToLiveDescription.builder().timeToLiveStatus(TimeToLiveStatus.DISABLED).build());
    }

    @Test
    void theTableMadeFromTheDefinitionVerifiesClean() {
        qt().forAll(definitions()).checkAssert(d ->
                assertEquals(List.of(), d.differences(describe(d.createTableRequest()), ttlOf(d)), d::toString));
    }

    @Test
    void aTableWithoutOneIndexShowsExactlyThatIndexMissing() {
        qt().forAll(definitions(), integers().between(0, 10)).assuming((d, i) -> !d.keys().indexes().isEmpty())
                .checkAssert((d, i) -> {
                    String index = new ArrayList<>(d.keys().indexes().keySet()).get(i % d.keys().indexes().size());
                    TableDescription full = describe(d.createTableRequest());
                    TableDescription without = full.toBuilder()
                            .globalSecondaryIndexes(full.globalSecondaryIndexes().stream()
                                    .filter(g -> !g.indexName().equals(index)).toList())
                            .localSecondaryIndexes(full.localSecondaryIndexes().stream()
                                    .filter(l -> !l.indexName().equals(index)).toList())
                            .build();
                    assertEquals(List.of(new Difference.MissingIndex(index, d.indexKind(index))),
                            d.differences(without, ttlOf(d)));
                    // and the table has it, where a definition without it expects none
                    assertTrue(d.differences(without, ttlOf(d)).stream().noneMatch(x -> x instanceof Difference.WrongKeys));
                });
    }

    @Test
    void aTableMadeFromAnotherDefinitionShowsEveryDifference() {
        qt().forAll(definitions(), definitions()).checkAssert((expected, made) -> {
            TableDefinition other = made.withTableName(expected.tableName());
            List<Difference> diffs = expected.differences(describe(other.createTableRequest()), ttlOf(other));
            assertEquals(diffs.isEmpty(), expected.equals(other), () -> expected + " vs " + other + ": " + diffs);
            assertEquals(!expected.timeToLive().equals(other.timeToLive()),
                    diffs.contains(new Difference.WrongTimeToLive(expected.timeToLive(), other.timeToLive())));
            assertEquals(!expected.stream().equals(other.stream()),
                    diffs.contains(new Difference.WrongStream(expected.stream(), other.stream())));
            assertEquals(!expected.billing().equals(other.billing()),
                    diffs.contains(new Difference.WrongBilling(Optional.empty(), expected.billing(), other.billing())));
            assertEquals(!expected.keys().withoutIndexes().equals(other.keys().withoutIndexes()),
                    diffs.contains(new Difference.WrongKeys(Optional.empty(), expected.keys().withoutIndexes(),
                            other.keys().withoutIndexes())));
            for (String index : expected.keys().indexes().keySet()) {
                boolean there = other.keys().indexes().containsKey(index);
                assertEquals(!there, diffs.contains(new Difference.MissingIndex(index, expected.indexKind(index))));
                if (there) {
                    assertEquals(!expected.projection(index).equals(other.projection(index)),
                            diffs.contains(new Difference.WrongProjection(index, expected.projection(index),
                                    other.projection(index))));
                    assertEquals(expected.indexKind(index) != other.indexKind(index),
                            diffs.contains(new Difference.WrongIndexKind(index, expected.indexKind(index),
                                    other.indexKind(index))));
                }
            }
            for (String index : other.keys().indexes().keySet()) {
                assertEquals(!expected.keys().indexes().containsKey(index),
                        diffs.contains(new Difference.UnexpectedIndex(index, other.indexKind(index))));
            }
        });
    }

    // ---- generators

    /** One index: its number, key names (indexes into NAMES), whether local, and its projection. */
    private record IndexSpec(int number, int partition, int sort, boolean hasSort, boolean local, int projection,
                             List<Integer> projected) {
    }

    static Gen<TableDefinition> definitions() {
        Gen<List<Value.Type>> types = lists().of(Generate.pick(KEY_TYPES)).ofSize(NAMES.size());
        Gen<IndexSpec> index = integers().between(0, 9).zip(integers().between(0, NAMES.size() - 1),
                        integers().between(0, NAMES.size() - 1), integers().between(0, 3),
                        (n, p, s, flags) -> new int[] {n, p, s, flags})
                .zip(integers().between(0, 2), lists().of(integers().between(0, PROJECTED.size() - 1)).ofSizeBetween(1, 3),
                        (a, projection, projected) -> new IndexSpec(a[0], a[1], a[2], (a[3] & 1) == 1, (a[3] & 2) == 2,
                                projection, projected));
        Gen<List<IndexSpec>> indexes = lists().of(index).ofSizeBetween(0, 4);
        Gen<Billing> billing = Generate.pick(List.of(Billing.onDemand(), Billing.provisioned(1, 1),
                Billing.provisioned(5, 2)));
        Gen<Optional<String>> ttl = Generate.pick(List.of(Optional.<String>empty(), Optional.of("expiresAt"),
                Optional.of("ttl")));
        Gen<Optional<StreamViewType>> stream = Generate.pick(List.of(Optional.<StreamViewType>empty(),
                Optional.of(StreamViewType.KEYS_ONLY), Optional.of(StreamViewType.NEW_AND_OLD_IMAGES)));
        Gen<int[]> tableKeys = integers().between(0, NAMES.size() - 1).zip(integers().between(-1, NAMES.size() - 1),
                (p, s) -> new int[] {p, s});
        return types.zip(tableKeys, indexes, (t, k, i) -> build(t, k, i))
                .zip(billing, ttl, stream, (d, b, l, s) -> {
                    TableDefinition out = d.withBilling(b);
                    out = l.map(out::withTimeToLive).orElse(out);
                    return s.map(out::withStream).orElse(out);
                });
    }

    private static TableDefinition build(List<Value.Type> types, int[] tableKeys, List<IndexSpec> specs) {
        KeyAttribute pk = attribute(types, tableKeys[0]);
        boolean hasSort = tableKeys[1] >= 0 && tableKeys[1] != tableKeys[0];
        KeySchema keys = hasSort ? KeySchema.of(pk, attribute(types, tableKeys[1])) : KeySchema.of(pk);
        List<String> locals = new ArrayList<>();
        List<IndexSpec> added = new ArrayList<>();
        for (IndexSpec s : specs) {
            String name = "idx" + s.number();
            if (keys.indexes().containsKey(name)) {
                continue;
            }
            boolean local = s.local() && hasSort && locals.size() < TableDefinition.MAX_LOCAL_INDEXES;
            KeyAttribute partition = local ? pk : attribute(types, s.partition());
            boolean sort = (local || s.hasSort()) && !NAMES.get(s.sort()).equals(partition.name());
            if (local && !sort) {
                local = false;
            }
            keys = keys.withIndex(name, sort ? KeySchema.of(partition, attribute(types, s.sort())) : KeySchema.of(partition));
            if (local) {
                locals.add(name);
            }
            added.add(s);
        }
        TableDefinition d = TableDefinition.of("table-" + tableKeys[0], keys);
        for (String local : locals) {
            d = d.withLocalIndex(local);
        }
        for (IndexSpec s : added) {
            IndexProjection p = switch (s.projection()) {
                case 0 -> IndexProjection.all();
                case 1 -> IndexProjection.keysOnly();
                default -> IndexProjection.include(s.projected().stream().map(PROJECTED::get).toList());
            };
            d = d.withProjection("idx" + s.number(), p);
        }
        return d;
    }

    private static KeyAttribute attribute(List<Value.Type> types, int i) {
        return new KeyAttribute(NAMES.get(i), types.get(i));
    }

    @Test
    void generatesLocalAndGlobalIndexes() {
        // the generator is only useful if it makes both kinds, and definitions that differ in every setting
        List<TableDefinition> sample = new ArrayList<>();
        qt().withExamples(300).forAll(definitions()).checkAssert(sample::add);
        assertTrue(sample.stream().anyMatch(d -> d.keys().indexes().keySet().stream()
                .anyMatch(i -> d.indexKind(i) == IndexKind.LOCAL)));
        assertTrue(sample.stream().anyMatch(d -> d.keys().indexes().keySet().stream()
                .anyMatch(i -> d.projection(i) instanceof IndexProjection.Include)));
        assertTrue(sample.stream().anyMatch(d -> d.billing() instanceof Billing.Provisioned));
    }
}
