package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.add;
import static dev.dynamatic.ast.Dsl.attr;
import static dev.dynamatic.ast.Dsl.delete;
import static dev.dynamatic.ast.Dsl.ifNotExists;
import static dev.dynamatic.ast.Dsl.listAppend;
import static dev.dynamatic.ast.Dsl.minus;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.plus;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.size;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Comparand;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Operand;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.PathOrValue;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import dev.dynamatic.core.Item;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quicktheories.core.Gen;

/**
 * Generators of expressions our renderer accepts, over {@link #BASE}: an item whose attribute types are known,
 * so that every generated update is also well typed for the item it is applied to.
 */
final class ValidationGenerators {

    /** The item every generated expression is applied to, rewritten before each. */
    static final Item BASE = Fixtures.item("pk", "gen", "sk", "x",
            "n1", 5, "n2", new BigDecimal("-2.5"), "s1", "text", "t1", true, "z1", null,
            "l1", List.of(1, "a", List.of(2)), "m1", Fixtures.item("x", 1, "y", Fixtures.item("z", 2)),
            "ss1", Set.of("a", "b"), "ns1", Set.of(1, 2), "b1", Bytes.of((byte) 1, (byte) 2));

    private static final List<String> NUMBERS = List.of("n1", "n2");
    private static final List<String> EXISTING = List.of("n1", "n2", "s1", "t1", "z1", "l1", "m1", "ss1", "ns1", "b1",
            "m1.x", "m1.y", "m1.y.z", "l1[0]", "l1[1]", "l1[2]", "l1[2][0]");
    /** Names of attributes BASE does not have, several needing escaping. */
    private static final List<String> FRESH = List.of("new", "with space", "#h:c", "ünï", "status", "SIZE", "a.b",
            "😀");

    private ValidationGenerators() {
    }

    static Gen<String> texts() {
        return strings().basicLatinAlphabet().ofLengthBetween(0, 4)
                .mix(arbitrary().pick(List.of("", "a", "#n0", ":v0", "😀", "é", "SET")), 30);
    }

    static Gen<BigDecimal> decimals() {
        return integers().between(-1000, 1000).zip(integers().between(0, 3), (u, scale) -> BigDecimal.valueOf(u, scale))
                .mix(arbitrary().pick(List.of(new BigDecimal("99999999999999999999999999999999999999"),
                        new BigDecimal("1E-130"), new BigDecimal("-9.9999999999999999999999999999999999999E+125"))), 10);
    }

    static Gen<Value> numbers() {
        return decimals().map(Value.N::new);
    }

    /** Numbers small enough that adding them to BASE's numbers stays within 38 digits. */
    static Gen<Value> smallNumbers() {
        return integers().between(-1000, 1000).zip(integers().between(0, 3),
                (u, scale) -> (Value) new Value.N(BigDecimal.valueOf(u, scale)));
    }

    static Gen<Value> stringSets() {
        return lists().of(texts()).ofSizeBetween(1, 3).map(l -> (Value) new Value.SS(new ArrayList<>(new LinkedHashSet<>(l))));
    }

    static Gen<Value> numberSets() {
        return lists().of(decimals()).ofSizeBetween(1, 3).map(l -> {
            Map<BigDecimal, Value.N> unique = new LinkedHashMap<>();
            l.forEach(d -> unique.putIfAbsent(d.stripTrailingZeros(), new Value.N(d)));
            return (Value) new Value.NS(new ArrayList<>(unique.values()));
        });
    }

    static Gen<Value> valueLists(Gen<Value> elements) {
        return lists().of(elements).ofSizeBetween(0, 3).map(l -> (Value) new Value.L(l));
    }

    static Gen<Value> scalars() {
        Gen<Value> s = texts().map(Value.S::new);
        Gen<Value> b = lists().of(integers().between(-128, 127)).ofSizeBetween(0, 3).map(l -> {
            byte[] bytes = new byte[l.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = l.get(i).byteValue();
            }
            return (Value) new Value.B(Bytes.of(bytes));
        });
        Gen<Value> bool = booleans().all().map(Value.Bool::new);
        Gen<Value> nul = arbitrary().constant(new Value.Null());
        return s.mix(numbers(), 30).mix(b, 10).mix(bool, 10).mix(nul, 5).mix(stringSets(), 10).mix(numberSets(), 10);
    }

    /** Any value, documents nested up to {@code depth}. */
    static Gen<Value> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Gen<Value> inner = values(depth - 1);
        Gen<Value> map = lists().of(arbitrary().pick(FRESH).zip(inner, Map::entry)).ofSizeBetween(0, 3).map(entries -> {
            Map<String, Value> m = new LinkedHashMap<>();
            entries.forEach(e -> m.put(e.getKey(), e.getValue()));
            return (Value) new Value.M(m);
        });
        return scalars().mix(valueLists(inner), 15).mix(map, 15);
    }

    static Gen<Path> existingPaths() {
        return arbitrary().pick(EXISTING).map(Path::parse);
    }

    static Gen<Path> freshNames() {
        return arbitrary().pick(FRESH).map(n -> attr(n));
    }

    static Gen<Path> anyPaths() {
        return existingPaths().mix(freshNames(), 30).mix(arbitrary().pick(List.of("m1.missing", "l1[9]", "m1.y.q"))
                .map(Path::parse), 10);
    }

    private static Gen<Path> numberPaths() {
        return arbitrary().pick(NUMBERS).map(Path::parse);
    }

    /** One update action that is well typed for BASE. */
    static Gen<UpdateAction> actions() {
        Gen<UpdateAction> setAny = freshNames().mix(arbitrary().pick(List.of("s1", "t1", "m1.x", "m1.y.z", "m1.fresh",
                        "l1[0]", "l1[2][0]", "l1[7]")).map(Path::parse), 50)
                .zip(values(2), (p, v) -> (UpdateAction) set(p, v));
        Gen<UpdateAction> arithmetic = numberPaths().mix(freshNames(), 30).zip(numberPaths(), smallNumbers(), booleans().all(),
                (target, source, n, add) -> (UpdateAction) (add ? set(target, plus(source, n)) : set(target, minus(n, source))));
        Gen<UpdateAction> ifNotExists = freshNames().mix(numberPaths(), 30).zip(anyPaths(), values(1),
                (target, probe, fallback) -> (UpdateAction) set(target, ifNotExists(probe, fallback)));
        Gen<UpdateAction> append = valueLists(values(1)).zip(booleans().all(), freshNames(), (list, front, fresh) -> {
            Operand l1 = path("l1");
            return (UpdateAction) (front ? set(path("l1"), listAppend(list, l1)) : set(fresh, listAppend(l1, list)));
        });
        // List elements are left out: removing one moves the others, so whether another action's path still
        // exists depends on the order actions apply in, a question of data, not of validation (REMOVE of a list
        // element is covered by UpdateExpressionsIT).
        Gen<UpdateAction> removes = anyPaths().assuming(p -> p.segments().stream().noneMatch(Path.Index.class::isInstance)
                        || p.equals(Path.parse("l1[9]")))
                .map(p -> (UpdateAction) remove(p));
        Gen<UpdateAction> adds = numberPaths().mix(freshNames(), 40).zip(smallNumbers(), (p, n) -> (UpdateAction) add(p, n))
                .mix(stringSets().map(s -> (UpdateAction) add(path("ss1"), s)), 25)
                .mix(numberSets().map(s -> (UpdateAction) add(path("ns1"), s)), 20);
        Gen<UpdateAction> deletes = stringSets().map(s -> (UpdateAction) delete(path("ss1"), s))
                .mix(numberSets().map(s -> (UpdateAction) delete(path("ns1"), s)), 50);
        return setAny.mix(arithmetic, 15).mix(ifNotExists, 10).mix(append, 10).mix(removes, 15).mix(adds, 15)
                .mix(deletes, 10);
    }

    static Gen<Update> updates() {
        return lists().of(actions()).ofSizeBetween(1, 5).map(l -> new Update(l));
    }

    static Gen<Comparand> comparands() {
        return anyPaths().map(p -> (Comparand) p).mix(values(1).map(v -> (Comparand) v), 40)
                .mix(anyPaths().map(p -> (Comparand) size(p)), 15);
    }

    /** What {@code < <= > >=} and BETWEEN can compare: paths, sizes, and string, number or binary values. */
    static Gen<Comparand> orderedComparands() {
        return anyPaths().map(p -> (Comparand) p).mix(orderedValues(), 50)
                .mix(anyPaths().map(p -> (Comparand) size(p)), 15);
    }

    private static Gen<Comparand> orderedValues() {
        return texts().map(t -> (Comparand) new Value.S(t)).mix(numbers().map(v -> (Comparand) v), 50);
    }

    /**
     * Leaf conditions. With {@code valuesWhereDynaliteCrashes}, IN candidates, BETWEEN bounds and begins_with
     * prefixes are values only: dynalite 4.0.0 crashes on some of those when a path does not resolve (ENGINES.md).
     */
    private static Gen<Condition> leaves(boolean valuesWhereDynaliteCrashes) {
        Gen<Condition> equality = comparands().zip(arbitrary().pick(List.of(Condition.Comparator.EQ, Condition.Comparator.NE)),
                comparands(), (l, op, r) -> (Condition) new Condition.Comparison(l, op, r));
        Gen<Condition> ordering = orderedComparands().zip(arbitrary().pick(List.of(Condition.Comparator.LT,
                        Condition.Comparator.LE, Condition.Comparator.GT, Condition.Comparator.GE)), orderedComparands(),
                (l, op, r) -> (Condition) new Condition.Comparison(l, op, r));
        Gen<Condition> comparison = equality.mix(ordering, 50);
        Gen<Comparand> bounds = valuesWhereDynaliteCrashes ? orderedValues() : orderedComparands();
        Gen<Condition> between = orderedComparands().zip(bounds, bounds,
                (x, lo, hi) -> (Condition) new Condition.Between(x, lo, hi));
        Gen<Comparand> candidates = valuesWhereDynaliteCrashes ? values(1).map(v -> (Comparand) v) : comparands();
        Gen<Condition> in = comparands().zip(lists().of(candidates).ofSizeBetween(1, 4),
                (x, list) -> (Condition) new Condition.In(x, list));
        Gen<Condition> exists = anyPaths().zip(booleans().all(), (p, yes) -> (Condition) (yes
                ? new Condition.AttributeExists(p) : new Condition.AttributeNotExists(p)));
        Gen<Condition> type = anyPaths().zip(arbitrary().enumValues(Value.Type.class),
                (p, t) -> (Condition) new Condition.AttributeType(p, t));
        // path first only: the value-first forms DynamoDB takes are tested on each engine in ConditionsIT
        Gen<PathOrValue> prefixes = texts().map(t -> (PathOrValue) new Value.S(t));
        Gen<Condition> beginsWith = anyPaths().zip(valuesWhereDynaliteCrashes ? prefixes
                : prefixes.mix(anyPaths().map(p -> (PathOrValue) p), 30), (p, prefix) -> (Condition) new Condition.BeginsWith(p, prefix));
        Gen<Condition> contains = anyPaths().zip(comparands(), (p, x) -> (Condition) new Condition.Contains(p, x));
        return comparison.mix(between, 10).mix(in, 10).mix(exists, 15).mix(type, 10).mix(beginsWith, 10)
                .mix(contains, 10);
    }

    /** Conditions nested up to {@code depth} levels of AND, OR and NOT; see {@link #leaves(boolean)}. */
    static Gen<Condition> conditions(int depth, boolean valuesWhereDynaliteCrashes) {
        Gen<Condition> leaves = leaves(valuesWhereDynaliteCrashes);
        if (depth == 0) {
            return leaves;
        }
        Gen<Condition> inner = conditions(depth - 1, valuesWhereDynaliteCrashes);
        Gen<Condition> and = inner.zip(inner, (a, b) -> (Condition) new Condition.And(List.of(a, b)));
        Gen<Condition> or = inner.zip(inner, (a, b) -> (Condition) new Condition.Or(List.of(a, b)));
        Gen<Condition> not = inner.map(c -> (Condition) new Condition.Not(c));
        return leaves.mix(and, 20).mix(or, 20).mix(not, 10);
    }

    static Gen<Projection> projections() {
        return lists().of(anyPaths()).ofSizeBetween(1, 4).map(l -> new Projection(l));
    }
}
