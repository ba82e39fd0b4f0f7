package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.internal.Numbers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The static-import entry point: every factory a user types to build expressions.
 *
 * {@snippet :
 * import static dev.dynamatic.ast.Dsl.*;
 *
 * Update bump = update(set(path("version"), plus(path("version"), value(1))));
 * Update u = update(
 *         set(path("name"), value("Ada")),                        // SET #n0 = :v0
 *         set(path("profile.city"), ifNotExists(path("profile.city"), value("Paris"))),
 *         remove(path("old")),                                    // REMOVE #n3
 *         add(path("visits"), value(1)))                          // ADD #n4 :v2
 *     .and(bump);
 * Condition c = and(attributeExists(path("pk")), eq(path("version"), value(7)));
 * KeyCondition k = partitionKey("PK", value("CUST#1")).and(sortKey("SK").beginsWith(value("ADDR#US#")));
 * }
 *
 * <p>Javadoc shows each construct as DynamoDB text, with {@code a}, {@code b} for paths and {@code :v} for values;
 * the real rendering always aliases names ({@code #n0}) and values ({@code :v0}).
 */
public final class Dsl {

    private Dsl() {
    }

    // ---- paths

    /**
     * {@return the parsed document path}, e.g. {@code path("a.b[3].c")}
     *
     * @param text names separated by {@code .}, list indexes in {@code [n]}
     * @throws IllegalArgumentException naming the position of a syntax error
     */
    public static Path path(String text) {
        return Path.parse(text);
    }

    /**
     * {@return a top-level attribute taken verbatim, without parsing}, e.g. {@code attr("Safety.Warning")}
     *
     * @param name the attribute name, any characters
     */
    public static Path attr(String name) {
        return Path.attribute(name);
    }

    // ---- values

    /**
     * {@return a string value}
     *
     * @param text the text
     */
    public static Value.S value(String text) {
        return new Value.S(requireNonNull(text, "text is null"));
    }

    /**
     * {@return a number value}
     *
     * @param n the number
     */
    public static Value.N value(int n) {
        return new Value.N(BigDecimal.valueOf(n));
    }

    /**
     * {@return a number value}
     *
     * @param n the number
     */
    public static Value.N value(long n) {
        return new Value.N(BigDecimal.valueOf(n));
    }

    /**
     * {@return a number value from the shortest decimal that represents the double; NaN and infinities are rejected}
     *
     * @param n the number
     */
    public static Value.N value(double n) {
        return new Value.N(Numbers.decimal(n));
    }

    /**
     * {@return a number value from the float's own decimal text; NaN and infinities are rejected}
     *
     * @param n the number
     */
    public static Value.N value(float n) {
        return new Value.N(Numbers.decimal(n));
    }

    /**
     * {@return a number value, exact: at most 38 significant digits, never rounded}
     *
     * @param number the number
     * @throws IllegalArgumentException if it has more than 38 significant digits or is out of DynamoDB's range
     */
    public static Value.N value(BigDecimal number) {
        return new Value.N(requireNonNull(number, "number is null"));
    }

    /**
     * {@return a number value, exact: at most 38 significant digits, never rounded}
     *
     * @param number the number
     * @throws IllegalArgumentException if it has more than 38 significant digits or is out of DynamoDB's range
     */
    public static Value.N value(BigInteger number) {
        return new Value.N(new BigDecimal(requireNonNull(number, "number is null")));
    }

    /**
     * {@return a boolean value}
     *
     * @param b the boolean
     */
    public static Value.Bool value(boolean b) {
        return new Value.Bool(b);
    }

    /**
     * {@return a binary value}
     *
     * @param bytes the bytes
     */
    public static Value.B value(Bytes bytes) {
        return new Value.B(requireNonNull(bytes, "bytes is null"));
    }

    /**
     * {@return the enum constant's {@code name()} as a string value}
     *
     * @param constant the enum constant
     */
    public static Value.S value(Enum<?> constant) {
        return new Value.S(requireNonNull(constant, "constant is null").name());
    }

    /**
     * {@return the UUID's canonical text as a string value}
     *
     * @param uuid the UUID
     */
    public static Value.S value(UUID uuid) {
        return new Value.S(requireNonNull(uuid, "uuid is null").toString());
    }

    /**
     * {@return the instant as fixed-width ISO-8601 UTC text}, e.g. {@code 2026-11-27T09:00:00.000000000Z}, which
     * sorts in time order (years 0000 to 9999). For a TTL attribute use {@link #epochSeconds(Instant)}.
     *
     * @param instant the instant
     */
    public static Value.S value(Instant instant) {
        return new Value.S(Conversions.instant(requireNonNull(instant, "instant is null")));
    }

    /**
     * {@return a list value, elements converted recursively}
     *
     * <p>Elements may be {@code String}, numbers, {@code Boolean}, {@link Bytes}, {@code byte[]}, enums,
     * {@code UUID}, {@code Instant}, {@code Optional}, {@code List}, {@code Set} (a DynamoDB set),
     * {@code Map<String,?>}, {@link Value} or {@code null} (DynamoDB's NULL).
     *
     * @param list the elements, in order
     * @throws IllegalArgumentException naming the type and position of an element that cannot be converted
     */
    public static Value.L value(List<?> list) {
        return Conversions.list(requireNonNull(list, "list is null"), "");
    }

    /**
     * {@return a map value, entries converted recursively as for {@link #value(List)}}
     *
     * @param map the entries, by name
     * @throws IllegalArgumentException naming the type and position of an entry that cannot be converted
     */
    public static Value.M value(Map<String, ?> map) {
        return Conversions.map(requireNonNull(map, "map is null"), "");
    }

    /** {@return DynamoDB's NULL value} */
    public static Value.Null nullValue() {
        return new Value.Null();
    }

    /**
     * {@return the instant as whole seconds since the epoch, a number}: the form DynamoDB's TTL reads
     * (it ignores strings). Sub-second precision is dropped, by definition of the unit.
     *
     * @param instant the instant
     */
    public static Value.N epochSeconds(Instant instant) {
        return new Value.N(BigDecimal.valueOf(requireNonNull(instant, "instant is null").getEpochSecond()));
    }

    /**
     * {@return a string set: non-empty, members unique}
     *
     * @param members the members
     */
    public static Value.SS stringSet(String... members) {
        return new Value.SS(Checks.listOf(members, "members"));
    }

    /**
     * {@return a string set: non-empty, members unique}
     *
     * @param members the members
     */
    public static Value.SS stringSet(Collection<String> members) {
        return new Value.SS(Checks.copyOf(members, "members"));
    }

    /**
     * {@return a number set: non-empty, members numerically unique ({@code 1.0} and {@code 1} are the same)}
     *
     * @param members the members
     */
    public static Value.NS numberSet(Number... members) {
        return numberSet(Checks.listOf(members, "members"));
    }

    /**
     * {@return a number set: non-empty, members numerically unique ({@code 1.0} and {@code 1} are the same)}
     *
     * @param members the members
     */
    public static Value.NS numberSet(Collection<? extends Number> members) {
        List<Value.N> ns = new ArrayList<>(requireNonNull(members, "members is null").size());
        int i = 0;
        for (Number n : members) {
            int at = i++;
            if (n == null) {
                throw new NullPointerException("members[" + at + "] is null");
            }
            ns.add(Conversions.setMember(n, "", at));
        }
        return new Value.NS(ns);
    }

    /**
     * {@return a binary set: non-empty, members unique by content}
     *
     * @param members the members
     */
    public static Value.BS binarySet(Bytes... members) {
        return new Value.BS(Checks.listOf(members, "members"));
    }

    /**
     * {@return a binary set: non-empty, members unique by content}
     *
     * @param members the members
     */
    public static Value.BS binarySet(Collection<Bytes> members) {
        return new Value.BS(Checks.copyOf(members, "members"));
    }

    // ---- update

    /**
     * {@return an update of the given actions, in order}
     *
     * @param actions the actions
     */
    public static Update update(UpdateAction... actions) {
        return new Update(Checks.listOf(actions, "actions"));
    }

    /**
     * {@return {@code SET path = value}}
     *
     * @param path the attribute to set
     * @param value its new value
     */
    public static UpdateAction.Set set(Path path, SetValue value) {
        return new UpdateAction.Set(path, value);
    }

    /**
     * {@return {@code REMOVE path}}
     *
     * @param path the attribute to remove
     */
    public static UpdateAction.Remove remove(Path path) {
        return new UpdateAction.Remove(path);
    }

    /**
     * {@return {@code ADD path value}, for a number or a set}
     *
     * @param path the number or set attribute to add to
     * @param value the number to add, or the set whose members to add
     */
    public static UpdateAction.Add add(Path path, Value value) {
        return new UpdateAction.Add(path, value);
    }

    /**
     * {@return {@code DELETE path value}, for a set}
     *
     * @param path the set attribute to delete from
     * @param value the set whose members to delete
     */
    public static UpdateAction.Delete delete(Path path, Value value) {
        return new UpdateAction.Delete(path, value);
    }

    /**
     * {@return {@code left + right}, a SET value}
     *
     * @param left the first addend
     * @param right the second addend
     */
    public static SetValue.Plus plus(Operand left, Operand right) {
        return new SetValue.Plus(left, right);
    }

    /**
     * {@return {@code left - right}, a SET value}
     *
     * @param left the minuend
     * @param right the subtrahend
     */
    public static SetValue.Minus minus(Operand left, Operand right) {
        return new SetValue.Minus(left, right);
    }

    /**
     * {@return {@code if_not_exists(path, fallback)}}
     *
     * @param path the attribute whose value is taken if it exists
     * @param fallback the value taken otherwise
     */
    public static Operand.IfNotExists ifNotExists(Path path, Operand fallback) {
        return new Operand.IfNotExists(path, fallback);
    }

    /**
     * {@return {@code list_append(first, second)}}
     *
     * @param first the list appended to
     * @param second the list whose elements are appended
     */
    public static Operand.ListAppend listAppend(Operand first, Operand second) {
        return new Operand.ListAppend(first, second);
    }

    // ---- conditions

    /**
     * {@return {@code left = right}}
     *
     * @param left the left operand
     * @param right the right operand
     */
    public static Condition.Comparison eq(Comparand left, Comparand right) {
        return new Condition.Comparison(left, Condition.Comparator.EQ, right);
    }

    /**
     * {@return {@code left <> right}}
     *
     * @param left the left operand
     * @param right the right operand
     */
    public static Condition.Comparison ne(Comparand left, Comparand right) {
        return new Condition.Comparison(left, Condition.Comparator.NE, right);
    }

    /**
     * {@return {@code left < right}}
     *
     * @param left the left operand
     * @param right the right operand
     */
    public static Condition.Comparison lt(Comparand left, Comparand right) {
        return new Condition.Comparison(left, Condition.Comparator.LT, right);
    }

    /**
     * {@return {@code left <= right}}
     *
     * @param left the left operand
     * @param right the right operand
     */
    public static Condition.Comparison le(Comparand left, Comparand right) {
        return new Condition.Comparison(left, Condition.Comparator.LE, right);
    }

    /**
     * {@return {@code left > right}}
     *
     * @param left the left operand
     * @param right the right operand
     */
    public static Condition.Comparison gt(Comparand left, Comparand right) {
        return new Condition.Comparison(left, Condition.Comparator.GT, right);
    }

    /**
     * {@return {@code left >= right}}
     *
     * @param left the left operand
     * @param right the right operand
     */
    public static Condition.Comparison ge(Comparand left, Comparand right) {
        return new Condition.Comparison(left, Condition.Comparator.GE, right);
    }

    /**
     * {@return {@code operand BETWEEN low AND high}}
     *
     * @param operand the operand compared
     * @param low the lower bound, inclusive
     * @param high the upper bound, inclusive
     */
    public static Condition.Between between(Comparand operand, Comparand low, Comparand high) {
        return new Condition.Between(operand, low, high);
    }

    /**
     * {@return {@code operand IN (first, more...)}}, with 1 to 100 candidates
     *
     * @param operand the operand looked for
     * @param first the first candidate
     * @param more the other candidates
     */
    public static Condition.In in(Comparand operand, Comparand first, Comparand... more) {
        requireNonNull(operand, "operand is null");
        requireNonNull(first, "first is null");
        Comparand[] all = new Comparand[1 + requireNonNull(more, "more is null").length];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        // an immutable list, which the record keeps without copying it again
        return new Condition.In(operand, Checks.listOf(all, 1, "more"));
    }

    /**
     * {@return {@code operand IN (candidates...)}}, with 1 to 100 candidates
     *
     * @param operand the operand looked for
     * @param candidates the candidates, 1 to 100
     */
    public static Condition.In in(Comparand operand, List<? extends Comparand> candidates) {
        return new Condition.In(operand, Checks.copyOf(candidates, "candidates"));
    }

    /**
     * {@return {@code first AND second AND ...}}, flattened (an {@code AND} inside is merged)
     *
     * @param first the first condition
     * @param second the second condition
     * @param more further conditions
     */
    public static Condition.And and(Condition first, Condition second, Condition... more) {
        return new Condition.And(operands(first, second, more));
    }

    /**
     * {@return the conjunction of the given conditions}: the condition itself if there is one, empty if none
     *
     * @param conditions the conditions, possibly none
     */
    public static Optional<Condition> allOf(List<? extends Condition> conditions) {
        List<Condition> all = Checks.copyOf(conditions, "conditions");
        return switch (all.size()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(all.getFirst());
            default -> Optional.of(new Condition.And(all));
        };
    }

    /**
     * {@return {@code first OR second OR ...}}, flattened (an {@code OR} inside is merged)
     *
     * @param first the first condition
     * @param second the second condition
     * @param more further conditions
     */
    public static Condition.Or or(Condition first, Condition second, Condition... more) {
        return new Condition.Or(operands(first, second, more));
    }

    /** The operands of AND or OR as one list; two (the usual case) in an immutable list that is not copied again. */
    private static List<Condition> operands(Condition first, Condition second, Condition... more) {
        requireNonNull(first, "first is null");
        requireNonNull(second, "second is null");
        if (requireNonNull(more, "more is null").length == 0) {
            return List.of(first, second);
        }
        Condition[] all = new Condition[2 + more.length];
        all[0] = first;
        all[1] = second;
        System.arraycopy(more, 0, all, 2, more.length);
        return Checks.listOf(all, 2, "more");
    }

    /**
     * {@return {@code NOT condition}}
     *
     * @param condition the condition negated
     */
    public static Condition.Not not(Condition condition) {
        return new Condition.Not(condition);
    }

    /**
     * {@return {@code attribute_exists(path)}}
     *
     * @param path the attribute
     */
    public static Condition.AttributeExists attributeExists(Path path) {
        return new Condition.AttributeExists(path);
    }

    /**
     * {@return {@code attribute_not_exists(path)}}
     *
     * @param path the attribute
     */
    public static Condition.AttributeNotExists attributeNotExists(Path path) {
        return new Condition.AttributeNotExists(path);
    }

    /**
     * {@return {@code attribute_type(operand, :type)}}: {@code attributeType(path("a"), Value.Type.SS)}, or with a
     * value, {@code attributeType(value("x"), Value.Type.S)}
     *
     * @param operand the attribute, or a value
     * @param type the DynamoDB type it must have
     */
    public static Condition.AttributeType attributeType(PathOrValue operand, Value.Type type) {
        return new Condition.AttributeType(operand, type);
    }

    /**
     * {@return {@code begins_with(text, prefix)}}: each an attribute or a string or binary value, e.g.
     * {@code beginsWith(path("sku"), value("BIKE#"))}, {@code beginsWith(value("BIKE#123"), path("family"))},
     * {@code beginsWith(path("a"), path("b"))}
     *
     * @param text the string or binary looked into
     * @param prefix the prefix
     * @throws IllegalArgumentException if a value operand is not a string or binary
     */
    public static Condition.BeginsWith beginsWith(PathOrValue text, PathOrValue prefix) {
        return new Condition.BeginsWith(text, prefix);
    }

    /**
     * {@return {@code contains(path, operand)}}
     *
     * @param path the string, set or list attribute
     * @param operand the substring, member or element looked for
     */
    public static Condition.Contains contains(Path path, Comparand operand) {
        return new Condition.Contains(path, operand);
    }

    /**
     * {@return {@code size(operand)}, a comparand}: of an attribute, {@code size(path("tags"))}, or of a value,
     * {@code size(value("text"))}
     *
     * @param operand the attribute, or a string, binary, list, map or set value
     * @throws IllegalArgumentException if the operand is a number, boolean or NULL value
     */
    public static Comparand.Size size(PathOrValue operand) {
        return new Comparand.Size(operand);
    }

    // ---- key conditions

    /**
     * {@return the key condition {@code pk = value}}; add a sort-key condition with {@link KeyCondition#and}
     *
     * @param name the partition key attribute's name
     * @param value the partition key value
     */
    public static KeyCondition partitionKey(String name, Value value) {
        requireNonNull(name, "name (the partition key name) is null");
        requireNonNull(value, "value (the partition key value) is null");
        return new KeyCondition(name, value, Optional.empty());
    }

    /**
     * {@return the named sort key, to give a condition}: {@code sortKey("SK").beginsWith(value("ADDR#"))}
     *
     * @param name the sort key attribute's name
     */
    public static KeyCondition.SortKey sortKey(String name) {
        return new KeyCondition.SortKey(name);
    }

    // ---- projections

    /**
     * {@return a projection of the given paths}
     *
     * @param paths the paths to read
     */
    public static Projection projection(Path... paths) {
        return new Projection(Checks.listOf(paths, "paths"));
    }

    /**
     * {@return a projection of the given paths, each parsed as by {@link #path(String)}}
     *
     * @param paths the paths to read
     */
    public static Projection projection(String... paths) {
        Path[] parsed = new Path[requireNonNull(paths, "paths is null").length];
        for (int i = 0; i < paths.length; i++) {
            if (paths[i] == null) {
                throw new NullPointerException("paths[" + i + "] is null");
            }
            parsed[i] = Path.parse(paths[i]);
        }
        // an immutable list, which the record keeps without copying it again
        return new Projection(List.of(parsed));
    }

    // ---- typed references: each builds exactly the tree of the equivalent string path and value

    /**
     * {@return {@code SET ref = value}}, the value of the reference's type: {@code set(OrderAttributes.status, "SHIPPED")}
     *
     * @param <T> the reference's value type
     * @param ref the attribute to set
     * @param value its new value
     */
    public static <T> UpdateAction.Set set(ValueRef<T> ref, T value) {
        return new UpdateAction.Set(pathOf(ref, "ref"), valueOf(ref, value, "value"));
    }

    /**
     * {@return {@code SET ref = value}}, for a computed value: {@code set(totalCents, plus(totalCents, 5))}
     *
     * @param ref the attribute to set
     * @param value its new value
     */
    public static UpdateAction.Set set(Ref ref, SetValue value) {
        return new UpdateAction.Set(pathOf(ref, "ref"), value);
    }

    /**
     * {@return {@code REMOVE ref}}
     *
     * @param ref the attribute to remove
     */
    public static UpdateAction.Remove remove(Ref ref) {
        return new UpdateAction.Remove(pathOf(ref, "ref"));
    }

    /**
     * {@return {@code ADD ref :n}}, for a number
     *
     * @param ref the number attribute
     * @param n the number to add
     */
    public static UpdateAction.Add add(NumberRef<?> ref, Number n) {
        return new UpdateAction.Add(pathOf(ref, "ref"), valueOf(ref, n, "n"));
    }

    /**
     * {@return {@code ADD ref :members}}, for a set
     *
     * @param <E> the members' type
     * @param ref the set attribute
     * @param members the members to add, at least one
     */
    public static <E> UpdateAction.Add add(SetRef<E> ref, Set<E> members) {
        return new UpdateAction.Add(pathOf(ref, "ref"), valueOf(ref, members, "members"));
    }

    /**
     * {@return {@code DELETE ref :members}}
     *
     * @param <E> the members' type
     * @param ref the set attribute
     * @param members the members to delete, at least one
     */
    public static <E> UpdateAction.Delete delete(SetRef<E> ref, Set<E> members) {
        return new UpdateAction.Delete(pathOf(ref, "ref"), valueOf(ref, members, "members"));
    }

    /**
     * {@return {@code ref + :n}, a SET value}
     *
     * @param ref the number attribute
     * @param n the number added
     */
    public static SetValue.Plus plus(NumberRef<?> ref, Number n) {
        return new SetValue.Plus(pathOf(ref, "ref"), valueOf(ref, n, "n"));
    }

    /**
     * {@return {@code ref - :n}, a SET value}
     *
     * @param ref the number attribute
     * @param n the number subtracted
     */
    public static SetValue.Minus minus(NumberRef<?> ref, Number n) {
        return new SetValue.Minus(pathOf(ref, "ref"), valueOf(ref, n, "n"));
    }

    /**
     * {@return {@code list_append(ref, :elements)}}
     *
     * @param <E> the elements' type
     * @param ref the list attribute
     * @param elements the elements appended
     */
    public static <E> Operand.ListAppend listAppend(ListRef<E, ?> ref, List<E> elements) {
        return new Operand.ListAppend(pathOf(ref, "ref"), valueOf(ref, elements, "elements"));
    }

    /**
     * {@return {@code if_not_exists(ref, :fallback)}}
     *
     * @param <T> the reference's value type
     * @param ref the attribute whose value is taken if it exists
     * @param fallback the value taken otherwise
     */
    public static <T> Operand.IfNotExists ifNotExists(ValueRef<T> ref, T fallback) {
        return new Operand.IfNotExists(pathOf(ref, "ref"), valueOf(ref, fallback, "fallback"));
    }

    /**
     * {@return {@code ref = :value}}
     *
     * @param <T> the reference's value type
     * @param ref the attribute
     * @param value the value of the reference's type
     */
    public static <T> Condition.Comparison eq(ValueRef<T> ref, T value) {
        return new Condition.Comparison(pathOf(ref, "ref"), Condition.Comparator.EQ, valueOf(ref, value, "value"));
    }

    /**
     * {@return {@code left = right}}, two attributes of the same value type
     *
     * @param <T> the references' value type
     * @param left the left attribute
     * @param right the right attribute
     */
    public static <T> Condition.Comparison eq(ValueRef<T> left, ValueRef<T> right) {
        return new Condition.Comparison(pathOf(left, "left"), Condition.Comparator.EQ, pathOf(right, "right"));
    }

    /**
     * {@return {@code ref <> :value}}
     *
     * @param <T> the reference's value type
     * @param ref the attribute
     * @param value the value of the reference's type
     */
    public static <T> Condition.Comparison ne(ValueRef<T> ref, T value) {
        return new Condition.Comparison(pathOf(ref, "ref"), Condition.Comparator.NE, valueOf(ref, value, "value"));
    }

    /**
     * {@return {@code ref < :value}}
     *
     * @param <T> the reference's value type
     * @param ref the string, number or binary attribute
     * @param value the value of the reference's type
     */
    public static <T> Condition.Comparison lt(ScalarRef<T> ref, T value) {
        return new Condition.Comparison(pathOf(ref, "ref"), Condition.Comparator.LT, valueOf(ref, value, "value"));
    }

    /**
     * {@return {@code ref <= :value}}
     *
     * @param <T> the reference's value type
     * @param ref the string, number or binary attribute
     * @param value the value of the reference's type
     */
    public static <T> Condition.Comparison le(ScalarRef<T> ref, T value) {
        return new Condition.Comparison(pathOf(ref, "ref"), Condition.Comparator.LE, valueOf(ref, value, "value"));
    }

    /**
     * {@return {@code ref > :value}}
     *
     * @param <T> the reference's value type
     * @param ref the string, number or binary attribute
     * @param value the value of the reference's type
     */
    public static <T> Condition.Comparison gt(ScalarRef<T> ref, T value) {
        return new Condition.Comparison(pathOf(ref, "ref"), Condition.Comparator.GT, valueOf(ref, value, "value"));
    }

    /**
     * {@return {@code ref >= :value}}
     *
     * @param <T> the reference's value type
     * @param ref the string, number or binary attribute
     * @param value the value of the reference's type
     */
    public static <T> Condition.Comparison ge(ScalarRef<T> ref, T value) {
        return new Condition.Comparison(pathOf(ref, "ref"), Condition.Comparator.GE, valueOf(ref, value, "value"));
    }

    /**
     * {@return {@code ref BETWEEN :low AND :high}}
     *
     * @param <T> the reference's value type
     * @param ref the string, number or binary attribute
     * @param low the lower bound, inclusive
     * @param high the upper bound, inclusive
     */
    public static <T> Condition.Between between(ScalarRef<T> ref, T low, T high) {
        return new Condition.Between(pathOf(ref, "ref"), valueOf(ref, low, "low"), valueOf(ref, high, "high"));
    }

    /**
     * {@return {@code ref IN (:first, :more...)}}, with 1 to 100 candidates of the reference's type
     *
     * @param <T> the reference's value type
     * @param ref the attribute
     * @param first the first candidate
     * @param more the other candidates
     */
    @SafeVarargs
    public static <T> Condition.In in(ValueRef<T> ref, T first, T... more) {
        Path path = pathOf(ref, "ref");
        Comparand[] all = new Comparand[1 + requireNonNull(more, "more is null").length];
        all[0] = valueOf(ref, first, "first");
        for (int i = 0; i < more.length; i++) {
            if (more[i] == null) {
                throw new NullPointerException("more[" + i + "] is null");
            }
            all[i + 1] = ref.value(more[i]);
        }
        // an immutable list, which the record keeps without copying it again
        return new Condition.In(path, Checks.listOf(all, 1, "more"));
    }

    /**
     * {@return {@code begins_with(ref, :prefix)}}
     *
     * @param ref the string attribute
     * @param prefix the prefix
     */
    public static Condition.BeginsWith beginsWith(StringRef<?> ref, String prefix) {
        return new Condition.BeginsWith(pathOf(ref, "ref"), new Value.S(requireNonNull(prefix, "prefix is null")));
    }

    /**
     * {@return {@code begins_with(ref, :prefix)}}
     *
     * @param ref the binary attribute
     * @param prefix the prefix
     */
    public static Condition.BeginsWith beginsWith(BinaryRef ref, Bytes prefix) {
        return new Condition.BeginsWith(pathOf(ref, "ref"), valueOf(ref, prefix, "prefix"));
    }

    /**
     * {@return {@code contains(ref, :member)}}
     *
     * @param <E> the members' type
     * @param ref the set attribute
     * @param member the member looked for
     */
    public static <E> Condition.Contains contains(SetRef<E> ref, E member) {
        Path path = pathOf(ref, "ref");
        return new Condition.Contains(path, Conversions.toValue(requireNonNull(member, "member is null"), path));
    }

    /**
     * {@return {@code size(ref)}} of a string attribute
     *
     * @param ref the attribute
     */
    public static Comparand.Size size(StringRef<?> ref) {
        return new Comparand.Size(pathOf(ref, "ref"));
    }

    /**
     * {@return {@code size(ref)}} of a binary attribute
     *
     * @param ref the attribute
     */
    public static Comparand.Size size(BinaryRef ref) {
        return new Comparand.Size(pathOf(ref, "ref"));
    }

    /**
     * {@return {@code size(ref)}} of a list attribute
     *
     * @param ref the attribute
     */
    public static Comparand.Size size(ListRef<?, ?> ref) {
        return new Comparand.Size(pathOf(ref, "ref"));
    }

    /**
     * {@return {@code size(ref)}} of a map attribute
     *
     * @param ref the attribute
     */
    public static Comparand.Size size(MapRef<?, ?> ref) {
        return new Comparand.Size(pathOf(ref, "ref"));
    }

    /**
     * {@return {@code size(ref)}} of a set attribute
     *
     * @param ref the attribute
     */
    public static Comparand.Size size(SetRef<?> ref) {
        return new Comparand.Size(pathOf(ref, "ref"));
    }

    /**
     * {@return {@code attribute_exists(ref)}}
     *
     * @param ref the attribute
     */
    public static Condition.AttributeExists attributeExists(Ref ref) {
        return new Condition.AttributeExists(pathOf(ref, "ref"));
    }

    /**
     * {@return {@code attribute_not_exists(ref)}}
     *
     * @param ref the attribute
     */
    public static Condition.AttributeNotExists attributeNotExists(Ref ref) {
        return new Condition.AttributeNotExists(pathOf(ref, "ref"));
    }

    /**
     * {@return the key condition {@code pk = :value}} on a top-level partition key attribute
     *
     * @param <T> the key's value type
     * @param ref the partition key attribute
     * @param value the key value of the reference's type
     * @throws IllegalArgumentException if the reference is not a top-level attribute
     */
    public static <T> KeyCondition partitionKey(ScalarRef<T> ref, T value) {
        return partitionKey(keyName(ref), valueOf(ref, value, "value"));
    }

    /**
     * {@return the sort key of a top-level string attribute, to give a condition in its Java type}:
     * {@code sortKey(OrderAttributes.placedAt).beginsWith("2026-12")}
     *
     * @param <T> the attribute's Java type (a string, an enum, a UUID, an instant)
     * @param ref the sort key attribute
     * @throws IllegalArgumentException if the reference is not a top-level attribute
     */
    public static <T> KeyCondition.PrefixSortKey<T, String> sortKey(StringRef<T> ref) {
        return new KeyCondition.PrefixSortKey<>(ref, keyName(ref));
    }

    /**
     * {@return the sort key of a top-level number attribute, to give a condition}: {@code sortKey(ref).ge(100)};
     * there is no {@code beginsWith} on numbers
     *
     * @param ref the sort key attribute
     * @throws IllegalArgumentException if the reference is not a top-level attribute
     */
    public static KeyCondition.TypedSortKey<Number> sortKey(NumberRef<?> ref) {
        return new KeyCondition.TypedSortKey<>(ref, keyName(ref));
    }

    /**
     * {@return the sort key of a top-level binary attribute, to give a condition}
     *
     * @param ref the sort key attribute
     * @throws IllegalArgumentException if the reference is not a top-level attribute
     */
    public static KeyCondition.PrefixSortKey<Bytes, Bytes> sortKey(BinaryRef ref) {
        return new KeyCondition.PrefixSortKey<>(ref, keyName(ref));
    }

    private static String keyName(Ref ref) {
        Path path = pathOf(ref, "ref");
        if (!path.isTopLevel()) {
            throw new IllegalArgumentException("a key attribute is top-level, not " + path);
        }
        return path.attributeName();
    }

    // The null checks below build their message only when they fail: a message concatenated for requireNonNull
    // would allocate on every call, and a reference-built tree must not allocate more than a string-path one.

    private static Path pathOf(Ref ref, String name) {
        if (ref == null) {
            throw new NullPointerException(name + " is null");
        }
        return ref.path();
    }

    private static <T> Value valueOf(ValueRef<T> ref, T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " is null");
        }
        return ref.value(value);
    }

    /**
     * {@return a projection of the referenced attributes}
     *
     * @param refs the attributes to read
     */
    public static Projection projection(Ref... refs) {
        Path[] paths = new Path[requireNonNull(refs, "refs is null").length];
        for (int i = 0; i < refs.length; i++) {
            if (refs[i] == null) {
                throw new NullPointerException("refs[" + i + "] is null");
            }
            paths[i] = refs[i].path();
        }
        // an immutable list, which the record keeps without copying it again
        return new Projection(List.of(paths));
    }
}
