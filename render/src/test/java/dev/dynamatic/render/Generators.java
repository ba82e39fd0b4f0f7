package dev.dynamatic.render;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Comparand;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Operand;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.PathOrValue;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.SetValue;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for expression trees, shared by the render and parse properties.
 *
 * <p>Names come from a small alphabet of nasty ones (reserved words, dots, dashes, spaces, {@code #},
 * {@code :}, placeholder look-alikes) so that repeated and hostile names occur often. Recursion is bounded
 * by an explicit depth.
 */
final class Generators {

    static final List<String> NAMES = List.of("a", "b", "Name", "name", "SET", "AND", "size", "a.b", "x-y",
            "with space", "#h", ":c", "ü", "0", "n0", ":v0", "#n0", "[1]", "日本");

    private Generators() {
    }

    static Gen<String> names() {
        return Generate.pick(NAMES);
    }

    static Gen<Path.Segment> segments() {
        Gen<Path.Segment> name = names().map(Path.Name::new);
        Gen<Path.Segment> index = integers().between(0, 12).map(Path.Index::new);
        return name.mix(index, 40);
    }

    /** Paths of 1 to 4 segments, the first a name. */
    static Gen<Path> paths() {
        return names().zip(lists().of(segments()).ofSizeBetween(0, 3), (first, rest) -> {
            List<Path.Segment> all = new ArrayList<>();
            all.add(new Path.Name(first));
            all.addAll(rest);
            return new Path(all);
        });
    }

    static Gen<String> texts() {
        return Generate.pick(List.of("", "x", "1", "0", "true", ":v0", "#n0", "a b", "SET", "'", "\"", "ü"))
                .mix(strings().allPossible().ofLengthBetween(0, 6), 40);
    }

    static Gen<BigDecimal> numbers() {
        Gen<BigDecimal> small = integers().between(-3, 3).map(i -> BigDecimal.valueOf(i));
        Gen<BigDecimal> scaled = integers().between(-1000, 1000).zip(integers().between(-3, 3),
                (u, s) -> BigDecimal.valueOf(u, s));
        Gen<BigDecimal> extreme = Generate.pick(List.of(new BigDecimal("1E-130"), new BigDecimal("-1E-130"),
                new BigDecimal("9.9999999999999999999999999999999999999E+125"),
                new BigDecimal("12345678901234567890123456789012345678"), new BigDecimal("1.0"),
                new BigDecimal("0.000"), new BigDecimal("1E+2")));
        return small.mix(scaled, 50).mix(extreme, 20);
    }

    static Gen<Bytes> bytes() {
        return lists().of(integers().between(-128, 127)).ofSizeBetween(0, 4).map(l -> {
            byte[] b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = l.get(i).byteValue();
            }
            return Bytes.of(b);
        });
    }

    static Gen<Value> scalars() {
        Gen<Value> s = texts().map(Value.S::new);
        Gen<Value> n = numbers().map(Value.N::new);
        Gen<Value> b = bytes().map(Value.B::new);
        Gen<Value> bool = booleans().all().map(Value.Bool::new);
        Gen<Value> nul = Generate.constant(new Value.Null());
        Gen<Value> ss = lists().of(texts()).ofSizeBetween(1, 3).map(l -> (Value) new Value.SS(List.copyOf(new HashSet<>(l))));
        Gen<Value> ns = lists().of(numbers()).ofSizeBetween(1, 3).map(l -> {
            Set<Value.N> unique = new HashSet<>();
            l.forEach(x -> unique.add(new Value.N(x)));
            return (Value) new Value.NS(List.copyOf(unique));
        });
        Gen<Value> bs = lists().of(bytes()).ofSizeBetween(1, 3).map(l -> (Value) new Value.BS(List.copyOf(new HashSet<>(l))));
        return s.mix(n, 30).mix(b, 10).mix(bool, 10).mix(nul, 5).mix(ss, 10).mix(ns, 10).mix(bs, 10);
    }

    static Gen<Value> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Gen<Value> list = lists().of(values(depth - 1)).ofSizeBetween(0, 3).map(l -> (Value) new Value.L(l));
        Gen<Value> map = lists().of(names().zip(values(depth - 1), Map::entry)).ofSizeBetween(0, 3).map(es -> {
            Map<String, Value> m = new LinkedHashMap<>();
            es.forEach(e -> m.put(e.getKey(), e.getValue()));
            return (Value) new Value.M(m);
        });
        return scalars().mix(list, 15).mix(map, 15);
    }

    static Gen<Value> values() {
        return values(2);
    }

    static Gen<Operand> operands(int depth) {
        Gen<Operand> leaf = paths().map(p -> (Operand) p).mix(values().map(v -> (Operand) v), 50);
        if (depth == 0) {
            return leaf;
        }
        return leaf.mix(paths().zip(operands(depth - 1), Operand.IfNotExists::new), 20)
                .mix(operands(depth - 1).zip(operands(depth - 1), Operand.ListAppend::new), 20);
    }

    static Gen<SetValue> setValues() {
        Gen<SetValue> plain = operands(2).map(o -> (SetValue) o);
        Gen<SetValue> plus = operands(1).zip(operands(1), SetValue.Plus::new);
        Gen<SetValue> minus = operands(1).zip(operands(1), SetValue.Minus::new);
        return plain.mix(plus, 20).mix(minus, 20);
    }

    static Gen<Value> numbersOrSets() {
        return values().map(v -> switch (v) {
            case Value.N n -> v;
            case Value.SS s -> v;
            case Value.NS s -> v;
            case Value.BS s -> v;
            case Value.S s -> new Value.SS(List.of(s.value()));
            case Value.B b -> new Value.BS(List.of(b.value()));
            case Value.Bool b -> new Value.N(BigDecimal.ONE);
            case Value.Null x -> new Value.N(BigDecimal.TEN);
            case Value.L l -> new Value.NS(List.of(new Value.N(BigDecimal.valueOf(l.values().size()))));
            case Value.M m -> new Value.SS(List.of("m" + m.values().size()));
        });
    }

    static Gen<Value> sets() {
        return numbersOrSets().map(v -> v instanceof Value.N n ? new Value.NS(List.of(n)) : v);
    }

    static Gen<UpdateAction> actions() {
        Gen<UpdateAction> set = paths().zip(setValues(), UpdateAction.Set::new);
        Gen<UpdateAction> remove = paths().map(UpdateAction.Remove::new);
        Gen<UpdateAction> add = paths().zip(numbersOrSets(), UpdateAction.Add::new);
        Gen<UpdateAction> delete = paths().zip(sets(), UpdateAction.Delete::new);
        return set.mix(remove, 25).mix(add, 20).mix(delete, 15);
    }

    /** Updates of 1 to 6 actions whose paths never overlap: one action per top-level attribute. */
    static Gen<Update> updates() {
        return lists().of(actions()).ofSizeBetween(1, 6).map(all -> {
            Set<String> seen = new HashSet<>();
            List<UpdateAction> kept = new ArrayList<>();
            for (UpdateAction a : all) {
                if (seen.add(a.path().attributeName())) {
                    kept.add(a);
                }
            }
            return repair(new Update(kept));
        });
    }

    static Gen<PathOrValue> pathsOrValues() {
        return paths().map(p -> (PathOrValue) p).mix(values().map(v -> (PathOrValue) v), 50);
    }

    /** What {@code size(..)} takes: a path, or a value that has a size (not a number, boolean or NULL). */
    static Gen<PathOrValue> sized() {
        return pathsOrValues().map(x -> x instanceof Value v
                && (v.type() == Value.Type.N || v.type() == Value.Type.BOOL || v.type() == Value.Type.NULL)
                ? new Value.S("s") : x);
    }

    static Gen<Comparand> comparands() {
        return pathsOrValues().map(x -> (Comparand) x).mix(sized().map(Comparand.Size::new), 15);
    }

    static Gen<Value> prefixes() {
        return texts().map(t -> (Value) new Value.S(t)).mix(bytes().map(Value.B::new), 20);
    }

    /** What {@code begins_with} takes on either side: a path, or a string or binary value. */
    static Gen<PathOrValue> prefixesOrPaths() {
        return prefixes().map(v -> (PathOrValue) v).mix(paths().map(p -> (PathOrValue) p), 40);
    }

    static Gen<Condition> conditions(int depth) {
        Gen<Condition> cmp = comparands().zip(Generate.enumValues(Condition.Comparator.class), comparands(),
                Condition.Comparison::new);
        Gen<Condition> between = comparands().zip(comparands(), comparands(), Condition.Between::new);
        Gen<Condition> in = comparands().zip(lists().of(comparands()).ofSizeBetween(1, 4), Condition.In::new);
        Gen<Condition> exists = paths().map(Condition.AttributeExists::new);
        Gen<Condition> notExists = paths().map(Condition.AttributeNotExists::new);
        Gen<Condition> type = pathsOrValues().zip(Generate.enumValues(Value.Type.class), Condition.AttributeType::new);
        Gen<Condition> begins = prefixesOrPaths().zip(prefixesOrPaths(), Condition.BeginsWith::new);
        Gen<Condition> contains = paths().zip(comparands(), Condition.Contains::new);
        Gen<Condition> leaf = cmp.mix(between, 10).mix(in, 10).mix(exists, 10).mix(notExists, 10).mix(type, 5)
                .mix(begins, 10).mix(contains, 10);
        if (depth == 0) {
            return leaf.map(Generators::repair);
        }
        Gen<Condition> and = lists().of(conditions(depth - 1)).ofSizeBetween(2, 3).map(Condition.And::new);
        Gen<Condition> or = lists().of(conditions(depth - 1)).ofSizeBetween(2, 3).map(Condition.Or::new);
        Gen<Condition> not = conditions(depth - 1).map(Condition.Not::new);
        return leaf.mix(and, 20).mix(or, 20).mix(not, 10).map(Generators::repair);
    }

    static Gen<Condition> conditions() {
        return conditions(2);
    }

    static Gen<Value> keyValues() {
        return texts().map(t -> (Value) new Value.S(t)).mix(numbers().map(Value.N::new), 30)
                .mix(bytes().map(Value.B::new), 15);
    }

    static Gen<KeyCondition> keyConditions() {
        Gen<Optional<KeyCondition.SortKeyCondition>> sort = integers().between(0, 3).zip(
                Generate.pick(List.of(Condition.Comparator.EQ, Condition.Comparator.LT, Condition.Comparator.LE,
                        Condition.Comparator.GT, Condition.Comparator.GE)), keyValues(), keyValues(),
                (kind, op, v1, v2) -> switch (kind) {
                    case 0 -> Optional.empty();
                    case 1 -> Optional.of(new KeyCondition.Comparison("SK", op, v1));
                    case 2 -> Optional.of(new KeyCondition.Between("SK", v1, sameType(v1, v2)));
                    default -> Optional.of(new KeyCondition.BeginsWith("SK",
                            v1.type() == Value.Type.N ? new Value.S("p") : v1));
                });
        return names().zip(keyValues(), sort, (pk, v, sk) ->
                repair(new KeyCondition(pk.equals("SK") ? "PK" : pk, v, sk)));
    }

    private static Value sameType(Value a, Value b) {
        return a.type() == b.type() ? b : a;
    }

    /** Projections of 1 to 5 paths, one per top-level attribute so that none overlap. */
    static Gen<Projection> projections() {
        return lists().of(paths()).ofSizeBetween(1, 5).map(all -> {
            Set<String> seen = new HashSet<>();
            List<Path> kept = new ArrayList<>();
            for (Path p : all) {
                if (seen.add(p.attributeName())) {
                    kept.add(p);
                }
            }
            return new Projection(kept);
        });
    }

    // The ast allows some trees that DynamoDB rejects when it parses them (and so do our renderer and parser:
    // see Semantics). The generators pass every tree through these, which turn it into the nearest tree
    // DynamoDB accepts.

    static Update repair(Update u) {
        List<UpdateAction> actions = new ArrayList<>();
        for (UpdateAction a : u.actions()) {
            actions.add(a instanceof UpdateAction.Set(Path p, SetValue v) ? new UpdateAction.Set(p, repair(v)) : a);
        }
        return new Update(actions);
    }

    private static SetValue repair(SetValue v) {
        return switch (v) {
            case SetValue.Plus(Operand l, Operand r) -> new SetValue.Plus(number(repair(l)), number(repair(r)));
            case SetValue.Minus(Operand l, Operand r) -> new SetValue.Minus(number(repair(l)), number(repair(r)));
            case Operand o -> repair(o);
        };
    }

    private static Operand repair(Operand o) {
        return switch (o) {
            case Path p -> p;
            case Value v -> v;
            case Operand.IfNotExists(Path p, Operand fallback) -> new Operand.IfNotExists(p, repair(fallback));
            case Operand.ListAppend(Operand a, Operand b) -> new Operand.ListAppend(list(repair(a)), list(repair(b)));
        };
    }

    /** {@code +} and {@code -} take numbers: a value of another type becomes 1. */
    private static Operand number(Operand o) {
        return o instanceof Value v && v.type() != Value.Type.N ? new Value.N(BigDecimal.ONE) : o;
    }

    /** {@code list_append} takes lists: a value of another type becomes an empty list. */
    private static Operand list(Operand o) {
        return o instanceof Value v && v.type() != Value.Type.L ? new Value.L(List.of()) : o;
    }

    static Condition repair(Condition c) {
        return switch (c) {
            case Condition.Comparison(Comparand l, Condition.Comparator op, Comparand r) ->
                    op == Condition.Comparator.EQ || op == Condition.Comparator.NE
                            ? new Condition.Comparison(l, op, distinct(l, r))
                            : new Condition.Comparison(scalar(l), op, distinct(scalar(l), scalar(r)));
            case Condition.Between(Comparand x0, Comparand low0, Comparand high0) -> {
                Comparand x = scalar(x0);
                Comparand low = scalar(low0);
                Comparand high = scalar(high0);
                if (low instanceof Value a && high instanceof Value b) {
                    if (a.type() != b.type()) {
                        yield new Condition.Between(x, a, a);
                    }
                    yield new Condition.Between(x, compare(a, b) > 0 ? b : a, compare(a, b) > 0 ? a : b);
                }
                yield new Condition.Between(x, low, high);
            }
            case Condition.In i -> i;
            case Condition.And(List<Condition> all) -> new Condition.And(all.stream().map(Generators::repair).toList());
            case Condition.Or(List<Condition> any) -> new Condition.Or(any.stream().map(Generators::repair).toList());
            case Condition.Not(Condition inner) -> new Condition.Not(repair(inner));
            case Condition.AttributeExists e -> e;
            case Condition.AttributeNotExists e -> e;
            case Condition.AttributeType t -> t;
            case Condition.BeginsWith(PathOrValue x, PathOrValue prefix) ->
                    x instanceof Path && x.equals(prefix) ? new Condition.BeginsWith(x, new Value.S("p")) : c;
            case Condition.Contains(Path p, Comparand x) -> new Condition.Contains(p, distinct(p, x));
        };
    }

    /** Ordering is defined on strings, numbers and binary: a value of another type becomes 1. */
    private static Comparand scalar(Comparand c) {
        return c instanceof Value v && v.type() != Value.Type.S && v.type() != Value.Type.N && v.type() != Value.Type.B
                ? new Value.N(BigDecimal.ONE) : c;
    }

    /** DynamoDB rejects a comparison or function of a path with the same path. */
    private static Comparand distinct(Comparand first, Comparand second) {
        return first instanceof Path && first.equals(second) ? new Value.N(BigDecimal.ONE) : second;
    }

    static KeyCondition repair(KeyCondition k) {
        if (k.sortKey().isPresent() && k.sortKey().get() instanceof KeyCondition.Between(String n, Value lo, Value hi)
                && compare(lo, hi) > 0) {
            return new KeyCondition(k.partitionKey(), k.partitionValue(), Optional.of(new KeyCondition.Between(n, hi, lo)));
        }
        return k;
    }

    private static int compare(Value a, Value b) {
        if (a instanceof Value.N(BigDecimal x) && b instanceof Value.N(BigDecimal y)) {
            return x.compareTo(y);
        }
        if (a instanceof Value.S(String x) && b instanceof Value.S(String y)) {
            // Code point order is DynamoDB's UTF-8 byte order.
            return Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
        }
        if (a instanceof Value.B(Bytes x) && b instanceof Value.B(Bytes y)) {
            return x.compareTo(y);
        }
        return 0;
    }
}
