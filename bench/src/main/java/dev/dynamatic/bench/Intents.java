package dev.dynamatic.bench;

import static com.amazonaws.services.dynamodbv2.xspec.ExpressionSpecBuilder.L;
import static com.amazonaws.services.dynamodbv2.xspec.ExpressionSpecBuilder.N;
import static com.amazonaws.services.dynamodbv2.xspec.ExpressionSpecBuilder.S;
import static com.amazonaws.services.dynamodbv2.xspec.ExpressionSpecBuilder.attribute_exists;
import static com.amazonaws.services.dynamodbv2.xspec.ExpressionSpecBuilder.attribute_not_exists;
import static dev.dynamatic.ast.Dsl.add;
import static dev.dynamatic.ast.Dsl.and;
import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.gt;
import static dev.dynamatic.ast.Dsl.ifNotExists;
import static dev.dynamatic.ast.Dsl.in;
import static dev.dynamatic.ast.Dsl.listAppend;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.plus;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.size;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;

import com.amazonaws.services.dynamodbv2.xspec.ExpressionSpecBuilder;
import com.amazonaws.services.dynamodbv2.xspec.QueryExpressionSpec;
import com.amazonaws.services.dynamodbv2.xspec.UpdateItemExpressionSpec;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Update;
import dev.dynamatic.render.Rendered;
import dev.dynamatic.render.Renderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.NestedAttributeName;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.internal.ProjectionExpression;
import software.amazon.awssdk.enhanced.dynamodb.internal.update.UpdateExpressionConverter;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.update.AddAction;
import software.amazon.awssdk.enhanced.dynamodb.update.RemoveAction;
import software.amazon.awssdk.enhanced.dynamodb.update.SetAction;
import software.amazon.awssdk.enhanced.dynamodb.update.UpdateExpression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The three intents of the rendering benchmark, each written once per library the way its documentation
 * shows, from the same inputs, and each ending in the same output: one object holding the expression strings,
 * {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} as SDK v2 {@link AttributeValue}s (a
 * {@link Rendered} for this library, an {@link Output} of the same shape for the others).
 *
 * <ul>
 *   <li>(a) small update: {@code SET name = "Ada"} if {@code attribute_not_exists(pk)};</li>
 *   <li>(b) large update: {@code SET name, count = count + 1, tags = list_append(tags, ["x"]),
 *       profile.city = if_not_exists(profile.city, "Paris") REMOVE old ADD visits 1} if
 *       {@code attribute_exists(pk) AND version = 7};</li>
 *   <li>(c) query: key {@code pk = "CUST#1" AND begins_with(sk, "ORDER#")}, filter
 *       {@code status IN ("OPEN", "SHIPPED") AND size(items) > 2}, projection
 *       {@code name, status, total, items, profile.city}.</li>
 * </ul>
 *
 * <p>Every variant builds its whole expression from the inputs on each call (as a request handler would),
 * except {@code dynamaticPrebuilt*}, which renders a tree built once, to show what the tree itself costs.
 * Every variant builds its attribute values with the SDK's {@code AttributeValue.createX} factories (the
 * fastest way the SDK offers, and what this library uses), so that no variant pays for the SDK's builders
 * where another does not.
 */
public final class Intents {

    /** The SDK v1 expression builder has no {@code size()}: its (c) compares {@code items} itself (cheaper). */
    public static final String V1_NO_SIZE = "SDK v1 xspec has no size(): its filter compares the attribute itself";

    private static final TableSchema<EnhancedDocument> DOCUMENT_SCHEMA = TableSchema.documentSchemaBuilder()
            .addIndexPartitionKey(TableMetadata.primaryIndexName(), "pk", AttributeValueType.S)
            .addIndexSortKey(TableMetadata.primaryIndexName(), "sk", AttributeValueType.S)
            .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
            .build();

    private Intents() {
    }

    /**
     * What the other libraries' renderings end in: the shape of a {@link Rendered}, absent parts null.
     *
     * @param keyConditionExpression the key condition, or null
     * @param updateExpression the update, or null
     * @param conditionExpression the condition or filter, or null
     * @param projectionExpression the projection, or null
     * @param names {@code ExpressionAttributeNames}
     * @param values {@code ExpressionAttributeValues}
     */
    public record Output(String keyConditionExpression, String updateExpression, String conditionExpression,
                         String projectionExpression, Map<String, String> names, Map<String, AttributeValue> values) {

        /** {@return this library's rendering in the same shape, for printing side by side} */
        static Output of(Rendered r) {
            return new Output(r.keyConditionExpression().orElse(null), r.updateExpression().orElse(null),
                    r.conditionExpression().orElse(null), r.projectionExpression().orElse(null), r.names(), r.values());
        }
    }

    /** The request's inputs: fields, not constants, so that no variant is folded at compile time. */
    public static final class Inputs {
        /** New name. */ public String name = "Ada";
        /** Increment for count and visits. */ public int one = 1;
        /** Element appended to tags. */ public String tag = "x";
        /** Fallback city. */ public String city = "Paris";
        /** Expected version. */ public int version = 7;
        /** Partition key value. */ public String pk = "CUST#1";
        /** Sort key prefix. */ public String skPrefix = "ORDER#";
        /** First status. */ public String open = "OPEN";
        /** Second status. */ public String shipped = "SHIPPED";
        /** Minimum item count. */ public int minItems = 2;
    }

    // ================================================================ this library

    /** (a) with this library. */
    public static Rendered dynamaticA(Inputs in) {
        return Renderer.update(update(set(path("name"), value(in.name))), attributeNotExists(path("pk")));
    }

    /** (b) with this library. */
    public static Rendered dynamaticB(Inputs in) {
        return Renderer.update(treeB(in), conditionB(in));
    }

    /** (b) with this library, written with the typed references generated from {@link BenchItem}. */
    public static Rendered dynamaticRefsB(Inputs in) {
        return Renderer.update(treeRefsB(in), conditionRefsB(in));
    }

    /** (c) with this library. */
    public static Rendered dynamaticC(Inputs in) {
        return Renderer.query(keyC(in), filterC(in), projectionC());
    }

    static Update treeB(Inputs in) {
        return update(
                set(path("name"), value(in.name)),
                set(path("count"), plus(path("count"), value(in.one))),
                set(path("tags"), listAppend(path("tags"), value(List.of(in.tag)))),
                set(path("profile.city"), ifNotExists(path("profile.city"), value(in.city))),
                remove(path("old")),
                add(path("visits"), value(in.one)));
    }

    static Update treeRefsB(Inputs in) {
        return update(
                set(BenchItemAttributes.name, in.name),
                set(BenchItemAttributes.count, plus(BenchItemAttributes.count, in.one)),
                set(BenchItemAttributes.tags, listAppend(BenchItemAttributes.tags, List.of(in.tag))),
                set(BenchItemAttributes.profile.city, ifNotExists(BenchItemAttributes.profile.city, in.city)),
                remove(BenchItemAttributes.old),
                add(BenchItemAttributes.visits, in.one));
    }

    static Condition conditionRefsB(Inputs in) {
        return and(attributeExists(BenchItemAttributes.pk), eq(BenchItemAttributes.version, in.version));
    }

    static Condition conditionB(Inputs in) {
        return and(attributeExists(path("pk")), eq(path("version"), value(in.version)));
    }

    static KeyCondition keyC(Inputs in) {
        return partitionKey("pk", value(in.pk)).and(sortKey("sk").beginsWith(value(in.skPrefix)));
    }

    static Condition filterC(Inputs in) {
        return and(in(path("status"), value(in.open), value(in.shipped)), gt(size(path("items")), value(in.minItems)));
    }

    static Projection projectionC() {
        return projection("name", "status", "total", "items", "profile.city");
    }

    /** Trees built once, rendered per call. */
    public static final class Prebuilt {
        final Update updateA;
        final Condition conditionA;
        final Update updateB;
        final Condition conditionB;
        final KeyCondition keyC;
        final Condition filterC;
        final Projection projectionC;

        /** Builds the trees from the inputs. */
        public Prebuilt(Inputs in) {
            updateA = update(set(path("name"), value(in.name)));
            conditionA = attributeNotExists(path("pk"));
            updateB = treeB(in);
            conditionB = Intents.conditionB(in);
            keyC = Intents.keyC(in);
            filterC = Intents.filterC(in);
            projectionC = Intents.projectionC();
        }

        /** {@return (a) rendered} */
        public Rendered a() {
            return Renderer.update(updateA, conditionA);
        }

        /** {@return (b) rendered} */
        public Rendered b() {
            return Renderer.update(updateB, conditionB);
        }

        /** {@return (c) rendered} */
        public Rendered c() {
            return Renderer.query(keyC, filterC, projectionC);
        }
    }

    // ================================================================ AWS SDK v1 ExpressionSpecBuilder

    /** (a) with the SDK v1 expression builder. */
    public static Output sdkV1A(Inputs in) {
        UpdateItemExpressionSpec spec = new ExpressionSpecBuilder()
                .addUpdate(S("name").set(in.name))
                .withCondition(attribute_not_exists("pk"))
                .buildForUpdate();
        return new Output(null, spec.getUpdateExpression(), spec.getConditionExpression(), null,
                spec.getNameMap(), V1Values.toV2(spec.getValueMap()));
    }

    /** (b) with the SDK v1 expression builder. */
    public static Output sdkV1B(Inputs in) {
        UpdateItemExpressionSpec spec = new ExpressionSpecBuilder()
                .addUpdate(S("name").set(in.name))
                .addUpdate(N("count").set(N("count").plus(in.one)))
                .addUpdate(L("tags").set(L("tags").listAppend(in.tag)))
                .addUpdate(S("profile.city").set(S("profile.city").ifNotExists(in.city)))
                .addUpdate(ExpressionSpecBuilder.remove("old"))
                .addUpdate(N("visits").add(in.one))
                .withCondition(attribute_exists("pk").and(N("version").eq(in.version)))
                .buildForUpdate();
        return new Output(null, spec.getUpdateExpression(), spec.getConditionExpression(), null,
                spec.getNameMap(), V1Values.toV2(spec.getValueMap()));
    }

    /** (c) with the SDK v1 expression builder (see {@link #V1_NO_SIZE}). */
    public static Output sdkV1C(Inputs in) {
        QueryExpressionSpec spec = new ExpressionSpecBuilder()
                .withKeyCondition(S("pk").eq(in.pk).and(S("sk").beginsWith(in.skPrefix)))
                .withCondition(S("status").in(in.open, in.shipped).and(N("items").gt(in.minItems)))
                .addProjections("name", "status", "total", "items", "profile.city")
                .buildForQuery();
        return new Output(spec.getKeyConditionExpression(), null, spec.getFilterExpression(),
                spec.getProjectionExpression(), spec.getNameMap(), V1Values.toV2(spec.getValueMap()));
    }

    // ================================================================ AWS SDK v2 Enhanced Client

    /** (a) with the Enhanced Client's update and condition expressions. */
    public static Output enhancedA(Inputs in) {
        UpdateExpression update = UpdateExpression.builder()
                .addAction(SetAction.builder().path("#name").value(":name")
                        .putExpressionName("#name", "name")
                        .putExpressionValue(":name", AttributeValue.createS(in.name)).build())
                .build();
        Expression condition = Expression.builder().expression("attribute_not_exists(#pk)")
                .putExpressionName("#pk", "pk").build();
        return enhancedUpdate(update, condition);
    }

    /** (b) with the Enhanced Client's update and condition expressions. */
    public static Output enhancedB(Inputs in) {
        AttributeValue one = AttributeValue.createN(Integer.toString(in.one));
        UpdateExpression update = UpdateExpression.builder()
                .addAction(SetAction.builder().path("#name").value(":name")
                        .putExpressionName("#name", "name")
                        .putExpressionValue(":name", AttributeValue.createS(in.name)).build())
                .addAction(SetAction.builder().path("#count").value("#count + :one")
                        .putExpressionName("#count", "count")
                        .putExpressionValue(":one", one).build())
                .addAction(SetAction.builder().path("#tags").value("list_append(#tags, :new)")
                        .putExpressionName("#tags", "tags")
                        .putExpressionValue(":new", AttributeValue.createL(List.of(AttributeValue.createS(in.tag)))).build())
                .addAction(SetAction.builder().path("#profile.#city").value("if_not_exists(#profile.#city, :city)")
                        .putExpressionName("#profile", "profile").putExpressionName("#city", "city")
                        .putExpressionValue(":city", AttributeValue.createS(in.city)).build())
                .addAction(RemoveAction.builder().path("#old").putExpressionName("#old", "old").build())
                .addAction(AddAction.builder().path("#visits").value(":one")
                        .putExpressionName("#visits", "visits")
                        .putExpressionValue(":one", one).build())
                .build();
        Expression condition = Expression.builder().expression("attribute_exists(#pk) AND #version = :version")
                .putExpressionName("#pk", "pk").putExpressionName("#version", "version")
                .putExpressionValue(":version", AttributeValue.createN(Integer.toString(in.version))).build();
        return enhancedUpdate(update, condition);
    }

    private static Output enhancedUpdate(UpdateExpression update, Expression condition) {
        // What the Enhanced Client's UpdateItemOperation does with them: convert, then merge the maps.
        Expression u = UpdateExpressionConverter.toExpression(update);
        return new Output(null, u.expression(), condition.expression(), null,
                Expression.joinNames(u.expressionNames(), condition.expressionNames()),
                Expression.joinValues(u.expressionValues(), condition.expressionValues()));
    }

    /** (c) with the Enhanced Client's query conditional, filter expression and nested projection. */
    public static Output enhancedC(Inputs in) {
        Expression key = QueryConditional.sortBeginsWith(k -> k.partitionValue(in.pk).sortValue(in.skPrefix))
                .expression(DOCUMENT_SCHEMA, TableMetadata.primaryIndexName());
        Expression filter = Expression.builder()
                .expression("#status IN (:open, :shipped) AND size(#items) > :min")
                .putExpressionName("#status", "status").putExpressionName("#items", "items")
                .putExpressionValue(":open", AttributeValue.createS(in.open))
                .putExpressionValue(":shipped", AttributeValue.createS(in.shipped))
                .putExpressionValue(":min", AttributeValue.createN(Integer.toString(in.minItems)))
                .build();
        ProjectionExpression projection = ProjectionExpression.create(List.of(
                NestedAttributeName.create("name"), NestedAttributeName.create("status"),
                NestedAttributeName.create("total"), NestedAttributeName.create("items"),
                NestedAttributeName.create("profile", "city")));
        // As the Enhanced Client's QueryOperation merges them.
        Map<String, String> names = Expression.joinNames(key.expressionNames(), filter.expressionNames());
        names = Expression.joinNames(names, projection.expressionAttributeNames());
        return new Output(key.expression(), null, filter.expression(),
                projection.projectionExpressionAsString().orElse(null),
                names, Expression.joinValues(key.expressionValues(), filter.expressionValues()));
    }

    // ================================================================ hand-written floor

    // The floor: what a careful hand-written version costs. Placeholders are fixed, each expression is
    // appended clause by clause into one builder of exactly the right size, and the maps are sized to fit.
    private static final String A_SET = "SET #name = :name";
    private static final String A_CONDITION = "attribute_not_exists(#pk)";
    private static final String B_SET = "SET #name = :name, #count = #count + :one, #tags = list_append(#tags, :new), "
            + "#profile.#city = if_not_exists(#profile.#city, :city)";
    private static final String B_REMOVE = " REMOVE #old";
    private static final String B_ADD = " ADD #visits :one";
    private static final String B_CONDITION_1 = "attribute_exists(#pk)";
    private static final String B_CONDITION_2 = " AND #version = :version";
    private static final String C_PARTITION = "#pk = :pk";
    private static final String C_SORT = " AND begins_with(#sk, :sk)";
    private static final String C_FILTER_1 = "#status IN (:open, :shipped)";
    private static final String C_FILTER_2 = " AND size(#items) > :min";
    private static final String C_PROJECTION = "#name, #status, #total, #items, #profile.#city";

    /** (a) by hand. */
    public static Output floorA(Inputs in) {
        String updateExpression = new StringBuilder(A_SET.length()).append(A_SET).toString();
        String condition = new StringBuilder(A_CONDITION.length()).append(A_CONDITION).toString();
        Map<String, String> names = HashMap.newHashMap(2);
        names.put("#name", "name");
        names.put("#pk", "pk");
        Map<String, AttributeValue> values = HashMap.newHashMap(1);
        values.put(":name", AttributeValue.createS(in.name));
        return new Output(null, updateExpression, condition, null, names, values);
    }

    /** (b) by hand. */
    public static Output floorB(Inputs in) {
        String updateExpression = new StringBuilder(B_SET.length() + B_REMOVE.length() + B_ADD.length())
                .append(B_SET).append(B_REMOVE).append(B_ADD).toString();
        String condition = new StringBuilder(B_CONDITION_1.length() + B_CONDITION_2.length())
                .append(B_CONDITION_1).append(B_CONDITION_2).toString();
        Map<String, String> names = HashMap.newHashMap(9);
        names.put("#name", "name");
        names.put("#count", "count");
        names.put("#tags", "tags");
        names.put("#profile", "profile");
        names.put("#city", "city");
        names.put("#old", "old");
        names.put("#visits", "visits");
        names.put("#pk", "pk");
        names.put("#version", "version");
        Map<String, AttributeValue> values = HashMap.newHashMap(5);
        values.put(":name", AttributeValue.createS(in.name));
        values.put(":one", AttributeValue.createN(Integer.toString(in.one)));
        values.put(":new", AttributeValue.createL(List.of(AttributeValue.createS(in.tag))));
        values.put(":city", AttributeValue.createS(in.city));
        values.put(":version", AttributeValue.createN(Integer.toString(in.version)));
        return new Output(null, updateExpression, condition, null, names, values);
    }

    /** (c) by hand. */
    public static Output floorC(Inputs in) {
        return floorC(in, C_PROJECTION);
    }

    /** (c) by hand, with another projection over the same names. */
    static Output floorC(Inputs in, String projectionText) {
        String key = new StringBuilder(C_PARTITION.length() + C_SORT.length()).append(C_PARTITION).append(C_SORT)
                .toString();
        String filter = new StringBuilder(C_FILTER_1.length() + C_FILTER_2.length()).append(C_FILTER_1)
                .append(C_FILTER_2).toString();
        String projection = new StringBuilder(projectionText.length()).append(projectionText).toString();
        Map<String, String> names = HashMap.newHashMap(8);
        names.put("#pk", "pk");
        names.put("#sk", "sk");
        names.put("#status", "status");
        names.put("#items", "items");
        names.put("#name", "name");
        names.put("#total", "total");
        names.put("#profile", "profile");
        names.put("#city", "city");
        Map<String, AttributeValue> values = HashMap.newHashMap(5);
        values.put(":pk", AttributeValue.createS(in.pk));
        values.put(":sk", AttributeValue.createS(in.skPrefix));
        values.put(":open", AttributeValue.createS(in.open));
        values.put(":shipped", AttributeValue.createS(in.shipped));
        values.put(":min", AttributeValue.createN(Integer.toString(in.minItems)));
        return new Output(key, null, filter, projection, names, values);
    }

    /** Converts the SDK v1 builder's Java value map to SDK v2 attribute values (what a v2 request takes). */
    static final class V1Values {
        private V1Values() {
        }

        static Map<String, AttributeValue> toV2(Map<String, Object> values) {
            if (values == null) {
                return null;
            }
            Map<String, AttributeValue> out = LinkedHashMap.newLinkedHashMap(values.size());
            values.forEach((k, v) -> out.put(k, toV2(v)));
            return out;
        }

        private static AttributeValue toV2(Object v) {
            return switch (v) {
                case null -> AttributeValue.createNul(true);
                case String s -> AttributeValue.createS(s);
                case Number n -> AttributeValue.createN(n.toString());
                case Boolean b -> AttributeValue.createBool(b);
                case List<?> l -> {
                    List<AttributeValue> out = new ArrayList<>(l.size());
                    for (Object e : l) {
                        out.add(toV2(e));
                    }
                    yield AttributeValue.createL(out);
                }
                default -> throw new IllegalArgumentException("unexpected value in the benchmark: " + v.getClass());
            };
        }
    }
}
