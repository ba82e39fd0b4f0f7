package dev.dynamatic.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The laws of rendering, checked over generated trees. */
class RendererProperties {

    /**
     * One request's worth of trees, rendered through the entry point for its kind: a query (key condition, and
     * a filter and a projection or not), a scan (a filter and a projection or not), an update (with a condition or
     * not), a condition alone or a projection alone.
     */
    record Request(KeyCondition key, Update update, Condition condition, Projection projection) {
        Rendered render() {
            if (key != null) {
                return condition != null && projection != null ? Renderer.query(key, condition, projection)
                        : Renderer.query(key, Optional.ofNullable(condition), Optional.ofNullable(projection));
            }
            if (update != null) {
                return condition == null ? Renderer.update(update) : Renderer.update(update, condition);
            }
            if (condition != null && projection == null) {
                return Renderer.condition(condition);
            }
            if (condition == null && projection != null) {
                return Renderer.projection(projection);
            }
            return condition != null ? Renderer.scan(condition, projection)
                    : Renderer.scan(Optional.empty(), Optional.empty());
        }
    }

    static Gen<Request> requests() {
        // the low two bits of the mask say whether the optional parts are there
        Gen<Integer> mask = integers().between(0, 3);
        Gen<Request> query = Generators.keyConditions().zip(Generators.conditions(), Generators.projections(), mask,
                (k, c, p, m) -> new Request(k, null, (m & 1) != 0 ? c : null, (m & 2) != 0 ? p : null));
        Gen<Request> update = Generators.updates().zip(Generators.conditions(), mask,
                (u, c, m) -> new Request(null, u, (m & 1) != 0 ? c : null, null));
        Gen<Request> scan = Generators.conditions().zip(Generators.projections(), mask,
                (c, p, m) -> new Request(null, null, (m & 1) != 0 ? c : null, (m & 2) != 0 ? p : null));
        return query.mix(update, 50).mix(scan, 25);
    }

    @Test
    void renderingIsDeterministic() {
        qt().forAll(requests()).checkAssert(r -> {
            Request copy = COPY.request(r);
            assertEquals(r, copy, "copy must be equal");
            assertEquals(r.render(), copy.render());
        });
    }

    @Test
    void everyPlaceholderUsedIsDefinedAndEveryDefinedOneIsUsed() {
        qt().forAll(requests()).checkAssert(r -> {
            Rendered out = r.render();
            Set<String> usedNames = new LinkedHashSet<>();
            Set<String> usedValues = new LinkedHashSet<>();
            for (String e : expressions(out)) {
                usedNames.addAll(matches(NAME, e));
                usedValues.addAll(matches(VALUE, e));
            }
            assertEquals(keys(out.names()), usedNames);
            assertEquals(keys(out.values()), usedValues);
        });
    }

    @Test
    void placeholdersAreNumberedDenselyFromZeroInOrderOfFirstAppearance() {
        qt().forAll(requests()).checkAssert(r -> {
            Rendered out = r.render();
            String all = String.join(" ", expressions(out));
            List<String> names = new ArrayList<>(new LinkedHashSet<>(matches(NAME, all)));
            List<String> values = new ArrayList<>(new LinkedHashSet<>(matches(VALUE, all)));
            for (int i = 0; i < names.size(); i++) {
                assertEquals("#n" + i, names.get(i));
            }
            for (int i = 0; i < values.size(); i++) {
                assertEquals(":v" + i, values.get(i));
            }
        });
    }

    /**
     * One placeholder per distinct name, and per distinct value, with one exception: a value that is the first operand
     * of a comparison, BETWEEN, IN, begins_with or attribute_type (whose type is a value) gets a second placeholder
     * (a "twin") where an equal value is another operand of that operator ({@code :v0 = :v1}, never {@code :v0 = :v0}),
     * one twin per such value.
     */
    @Test
    void equalNamesAndValuesShareOnePlaceholderAndDistinctOnesNever() {
        qt().forAll(requests()).checkAssert(r -> {
            Rendered out = r.render();
            Set<String> treeNames = new HashSet<>();
            Set<Value> treeValues = new HashSet<>();
            collect(r, treeNames, treeValues);
            Map<String, String> names = out.names();
            Map<String, AttributeValue> values = out.values();
            assertEquals(treeNames, new HashSet<>(names.values()), "one placeholder per distinct name");
            assertEquals(names.size(), treeNames.size());
            Set<Value> rendered = new HashSet<>();
            values.values().forEach(v -> rendered.add(AttributeValues.fromSdk(v)));
            assertEquals(treeValues, rendered, "every distinct value has a placeholder, and nothing else");
            Set<Value> twins = new HashSet<>();
            if (r.condition() != null) {
                twins(r.condition(), twins);
            }
            assertEquals(treeValues.size() + twins.size(), values.size(), "one placeholder per distinct value, and a"
                    + " twin for each value that is first in an operator with an equal operand");
        });
    }

    /** The values that are the first operand of an operator with an equal value among its other operands. */
    private static void twins(Condition c, Set<Value> twins) {
        switch (c) {
            case Condition.Comparison(Comparand l, Condition.Comparator op, Comparand r) -> twin(l, List.of(r), twins);
            case Condition.Between(Comparand x, Comparand lo, Comparand hi) -> twin(x, List.of(lo, hi), twins);
            case Condition.In(Comparand x, List<Comparand> cs) -> twin(x, cs, twins);
            case Condition.And(List<Condition> cs) -> cs.forEach(y -> twins(y, twins));
            case Condition.Or(List<Condition> cs) -> cs.forEach(y -> twins(y, twins));
            case Condition.Not(Condition y) -> twins(y, twins);
            case Condition.AttributeExists x -> { }
            case Condition.AttributeNotExists x -> { }
            case Condition.AttributeType(PathOrValue x, Value.Type t) -> twin(x, List.of(new Value.S(t.name())), twins);
            case Condition.BeginsWith(PathOrValue x, PathOrValue y) -> twin(x, List.of(y), twins);
            case Condition.Contains x -> { }
        }
    }

    private static void twin(Comparand first, List<Comparand> others, Set<Value> twins) {
        if (first instanceof Value v && others.contains(v)) {
            twins.add(v);
        }
    }

    /** What each operator that keeps a value first apart from equal operands is built of: the value, used throughout. */
    static List<Condition> withEqualOperands(Value v) {
        List<Condition> all = new ArrayList<>(List.of(
                new Condition.Comparison(v, Condition.Comparator.EQ, v),
                new Condition.Comparison(v, Condition.Comparator.NE, v),
                new Condition.In(v, List.of(Path.attribute("x"), v, v))));
        if (v.type().isScalar()) {
            all.add(new Condition.Comparison(v, Condition.Comparator.LE, v));
            all.add(new Condition.Between(v, v, v));
        }
        if (v.type() == Value.Type.S || v.type() == Value.Type.B) {
            all.add(new Condition.BeginsWith(v, v));
        }
        if (v instanceof Value.S(String text) && Arrays.stream(Value.Type.values()).anyMatch(t -> t.name().equals(text))) {
            all.add(new Condition.AttributeType(v, Value.Type.valueOf(text)));
        }
        return all;
    }

    @Test
    void aValueFirstInAnOperatorNeverSharesItsPlaceholderWithTheOtherOperands() {
        Gen<Value> values = Generators.values().mix(Generate.pick(List.of(Value.Type.values()))
                .map(t -> (Value) new Value.S(t.name())), 20);
        qt().forAll(values).checkAssert(v -> {
            for (Condition c : withEqualOperands(v)) {
                Rendered out = Renderer.condition(c);
                String text = out.conditionExpression().orElseThrow();
                List<String> placeholders = matches(VALUE, text);
                String first = placeholders.getFirst();
                assertEquals(1, placeholders.stream().filter(first::equals).count(), text);
                assertEquals(2, out.values().size(), text);
                // the twin holds the same value
                assertEquals(AttributeValues.fromSdk(out.values().get(":v0")), AttributeValues.fromSdk(out.values().get(":v1")));
                // and parses back into the same tree
                assertEquals(c, Expressions.parseCondition(text, out.names(), out.values()).tree());
            }
        });
    }

    /** Names, values, keywords, functions and punctuation: nothing else may appear in rendered text. */
    private static final Pattern TOKEN = Pattern.compile(
            "\\s+|#n\\d+|:v\\d+|\\[\\d+\\]|SET|REMOVE|ADD|DELETE|AND|OR|NOT|BETWEEN|IN"
            + "|attribute_exists|attribute_not_exists|attribute_type|begins_with|contains|size|if_not_exists"
            + "|list_append|<>|<=|>=|[=<>(),.+-]");

    @Test
    void renderedTextHoldsOnlyPlaceholdersKeywordsAndPunctuation() {
        qt().forAll(requests()).checkAssert(r -> {
            for (String e : expressions(r.render())) {
                Matcher m = TOKEN.matcher(e);
                int at = 0;
                while (at < e.length()) {
                    if (!m.find(at) || m.start() != at) {
                        fail("unexpected token at " + at + " in: " + e);
                    }
                    at = m.end();
                }
                // A keyword must stand alone: "ANDx" would have been split above into AND + junk and failed.
                assertTrue(!e.contains("  "), "no double spaces: " + e);
                assertEquals(e.strip(), e, "no leading or trailing spaces");
            }
        });
    }

    @Test
    void differentValuesNeverRenderTheSame() {
        qt().forAll(Generators.values(), Generators.values()).checkAssert((a, b) -> {
            Rendered ra = Renderer.condition(new Condition.Comparison(Path.attribute("x"), Condition.Comparator.EQ, a));
            Rendered rb = Renderer.condition(new Condition.Comparison(Path.attribute("x"), Condition.Comparator.EQ, b));
            if (a.equals(b)) {
                assertEquals(ra, rb);
            } else {
                assertNotEquals(ra.values(), rb.values());
            }
        });
    }

    @Test
    void anUpdateRendersAsItsActionsGroupedByClauseInClauseOrder() {
        // Whatever order the actions are written in, the clauses come in their fixed order, each holding its actions
        // in the order written: the same text, placeholders and debug text as the actions grouped by clause.
        List<Class<?>> order = List.of(UpdateAction.Set.class, UpdateAction.Remove.class, UpdateAction.Add.class,
                UpdateAction.Delete.class);
        qt().forAll(Generators.updates()).checkAssert(u -> {
            List<UpdateAction> grouped = new ArrayList<>(u.actions());
            grouped.sort((a, b) -> Integer.compare(order.indexOf(a.getClass()), order.indexOf(b.getClass())));
            Update sorted = new Update(grouped);
            assertEquals(Renderer.debug(u), Renderer.debug(sorted));
            Rendered r = Renderer.update(u);
            assertEquals(r, Renderer.update(sorted));
            // each clause at most once, in the fixed order
            String text = r.updateExpression().orElseThrow();
            int last = -1;
            for (String keyword : List.of("SET ", "REMOVE ", "ADD ", "DELETE ")) {
                int at = text.indexOf(keyword);
                if (at >= 0) {
                    assertTrue(at > last, text);
                    assertEquals(at, text.lastIndexOf(keyword), text);
                    last = at;
                }
            }
        });
    }

    // ---- helpers

    private static final Pattern NAME = Pattern.compile("#n\\d+");
    private static final Pattern VALUE = Pattern.compile(":v\\d+");

    static List<String> expressions(Rendered r) {
        return Stream.of(r.keyConditionExpression(), r.updateExpression(), r.conditionExpression(),
                r.projectionExpression()).flatMap(Optional::stream).toList();
    }

    private static List<String> matches(Pattern p, String s) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Set<String> keys(Map<String, ?> m) {
        return new LinkedHashSet<>(m.keySet());
    }

    private static void collect(Request r, Set<String> names, Set<Value> values) {
        if (r.key() != null) {
            names.add(r.key().partitionKey());
            values.add(r.key().partitionValue());
            r.key().sortKey().ifPresent(s -> {
                names.add(s.name());
                switch (s) {
                    case KeyCondition.Comparison c -> values.add(c.value());
                    case KeyCondition.Between b -> {
                        values.add(b.low());
                        values.add(b.high());
                    }
                    case KeyCondition.BeginsWith b -> values.add(b.prefix());
                }
            });
        }
        if (r.update() != null) {
            for (UpdateAction a : r.update().actions()) {
                switch (a) {
                    case UpdateAction.Set s -> {
                        path(s.path(), names);
                        setValue(s.value(), names, values);
                    }
                    case UpdateAction.Remove x -> path(x.path(), names);
                    case UpdateAction.Add x -> {
                        path(x.path(), names);
                        values.add(x.value());
                    }
                    case UpdateAction.Delete x -> {
                        path(x.path(), names);
                        values.add(x.value());
                    }
                }
            }
        }
        if (r.condition() != null) {
            condition(r.condition(), names, values);
        }
        if (r.projection() != null) {
            r.projection().paths().forEach(p -> path(p, names));
        }
    }

    private static void path(Path p, Set<String> names) {
        for (Path.Segment s : p.segments()) {
            if (s instanceof Path.Name(String n)) {
                names.add(n);
            }
        }
    }

    private static void setValue(SetValue v, Set<String> names, Set<Value> values) {
        switch (v) {
            case SetValue.Plus(Operand l, Operand r) -> {
                operand(l, names, values);
                operand(r, names, values);
            }
            case SetValue.Minus(Operand l, Operand r) -> {
                operand(l, names, values);
                operand(r, names, values);
            }
            case Operand o -> operand(o, names, values);
        }
    }

    private static void operand(Operand o, Set<String> names, Set<Value> values) {
        switch (o) {
            case Path p -> path(p, names);
            case Value v -> values.add(v);
            case Operand.IfNotExists(Path p, Operand f) -> {
                path(p, names);
                operand(f, names, values);
            }
            case Operand.ListAppend(Operand a, Operand b) -> {
                operand(a, names, values);
                operand(b, names, values);
            }
        }
    }

    private static void comparand(Comparand c, Set<String> names, Set<Value> values) {
        switch (c) {
            case Path p -> path(p, names);
            case Value v -> values.add(v);
            case Comparand.Size(PathOrValue x) -> comparand(x, names, values);
        }
    }

    private static void condition(Condition c, Set<String> names, Set<Value> values) {
        switch (c) {
            case Condition.Comparison(Comparand l, Condition.Comparator op, Comparand r) -> {
                comparand(l, names, values);
                comparand(r, names, values);
            }
            case Condition.Between(Comparand x, Comparand lo, Comparand hi) -> {
                comparand(x, names, values);
                comparand(lo, names, values);
                comparand(hi, names, values);
            }
            case Condition.In(Comparand x, List<Comparand> cs) -> {
                comparand(x, names, values);
                cs.forEach(y -> comparand(y, names, values));
            }
            case Condition.And(List<Condition> cs) -> cs.forEach(y -> condition(y, names, values));
            case Condition.Or(List<Condition> cs) -> cs.forEach(y -> condition(y, names, values));
            case Condition.Not(Condition y) -> condition(y, names, values);
            case Condition.AttributeExists(Path p) -> path(p, names);
            case Condition.AttributeNotExists(Path p) -> path(p, names);
            case Condition.AttributeType(PathOrValue x, Value.Type t) -> {
                comparand(x, names, values);
                values.add(new Value.S(t.name()));
            }
            case Condition.BeginsWith(PathOrValue x, PathOrValue y) -> {
                comparand(x, names, values);
                comparand(y, names, values);
            }
            case Condition.Contains(Path p, Comparand x) -> {
                path(p, names);
                comparand(x, names, values);
            }
        }
    }

    // ---- rebuilding trees leaf by leaf

    /**
     * Rebuilds trees with every path, value and key attribute name passed through a function: an independent deep copy
     * ({@link #COPY}), or the same trees with other values (RedactionProperties' canaries).
     */
    record Rebuild(UnaryOperator<Path> path, UnaryOperator<Value> value, UnaryOperator<String> keyName) {

        Request request(Request r) {
            return new Request(r.key() == null ? null : keyCondition(r.key()),
                    r.update() == null ? null : update(r.update()),
                    r.condition() == null ? null : condition(r.condition()),
                    r.projection() == null ? null : projection(r.projection()));
        }

        Operand operand(Operand o) {
            return switch (o) {
                case Path p -> path.apply(p);
                case Value v -> value.apply(v);
                case Operand.IfNotExists(Path p, Operand f) -> new Operand.IfNotExists(path.apply(p), operand(f));
                case Operand.ListAppend(Operand a, Operand b) -> new Operand.ListAppend(operand(a), operand(b));
            };
        }

        SetValue setValue(SetValue v) {
            return switch (v) {
                case SetValue.Plus(Operand l, Operand r) -> new SetValue.Plus(operand(l), operand(r));
                case SetValue.Minus(Operand l, Operand r) -> new SetValue.Minus(operand(l), operand(r));
                case Operand o -> operand(o);
            };
        }

        Update update(Update u) {
            List<UpdateAction> actions = new ArrayList<>();
            for (UpdateAction a : u.actions()) {
                actions.add(switch (a) {
                    case UpdateAction.Set(Path p, SetValue v) -> new UpdateAction.Set(path.apply(p), setValue(v));
                    case UpdateAction.Remove(Path p) -> new UpdateAction.Remove(path.apply(p));
                    case UpdateAction.Add(Path p, Value v) -> new UpdateAction.Add(path.apply(p), value.apply(v));
                    case UpdateAction.Delete(Path p, Value v) -> new UpdateAction.Delete(path.apply(p), value.apply(v));
                });
            }
            return new Update(actions);
        }

        Comparand comparand(Comparand c) {
            return switch (c) {
                case PathOrValue x -> pathOrValue(x);
                case Comparand.Size(PathOrValue x) -> new Comparand.Size(pathOrValue(x));
            };
        }

        PathOrValue pathOrValue(PathOrValue x) {
            return switch (x) {
                case Path p -> path.apply(p);
                case Value v -> value.apply(v);
            };
        }

        Condition condition(Condition c) {
            return switch (c) {
                case Condition.Comparison(Comparand l, Condition.Comparator op, Comparand r) ->
                        new Condition.Comparison(comparand(l), op, comparand(r));
                case Condition.Between(Comparand x, Comparand lo, Comparand hi) ->
                        new Condition.Between(comparand(x), comparand(lo), comparand(hi));
                case Condition.In(Comparand x, List<Comparand> cs) ->
                        new Condition.In(comparand(x), cs.stream().map(this::comparand).toList());
                case Condition.And(List<Condition> cs) -> new Condition.And(cs.stream().map(this::condition).toList());
                case Condition.Or(List<Condition> cs) -> new Condition.Or(cs.stream().map(this::condition).toList());
                case Condition.Not(Condition y) -> new Condition.Not(condition(y));
                case Condition.AttributeExists(Path p) -> new Condition.AttributeExists(path.apply(p));
                case Condition.AttributeNotExists(Path p) -> new Condition.AttributeNotExists(path.apply(p));
                case Condition.AttributeType(PathOrValue x, Value.Type t) -> new Condition.AttributeType(pathOrValue(x), t);
                case Condition.BeginsWith(PathOrValue x, PathOrValue y) ->
                        new Condition.BeginsWith(pathOrValue(x), pathOrValue(y));
                case Condition.Contains(Path p, Comparand x) -> new Condition.Contains(path.apply(p), comparand(x));
            };
        }

        KeyCondition keyCondition(KeyCondition k) {
            Optional<KeyCondition.SortKeyCondition> sort = k.sortKey().map(s -> switch (s) {
                case KeyCondition.Comparison(String n, Condition.Comparator op, Value v) ->
                        new KeyCondition.Comparison(keyName.apply(n), op, value.apply(v));
                case KeyCondition.Between(String n, Value lo, Value hi) ->
                        new KeyCondition.Between(keyName.apply(n), value.apply(lo), value.apply(hi));
                case KeyCondition.BeginsWith(String n, Value p) ->
                        new KeyCondition.BeginsWith(keyName.apply(n), value.apply(p));
            });
            return new KeyCondition(keyName.apply(k.partitionKey()), value.apply(k.partitionValue()), sort);
        }

        Projection projection(Projection p) {
            return new Projection(p.paths().stream().map(path).toList());
        }
    }

    /** Independent deep copies: equal trees, never the same instances. */
    static final Rebuild COPY = new Rebuild(RendererProperties::copy,
            v -> AttributeValues.fromSdk(AttributeValues.toSdk(v)), String::new);

    static Path copy(Path p) {
        List<Path.Segment> segs = new ArrayList<>();
        for (Path.Segment s : p.segments()) {
            segs.add(switch (s) {
                case Path.Name(String n) -> new Path.Name(new String(n));
                case Path.Index(int i) -> new Path.Index(i);
            });
        }
        return new Path(segs);
    }

}
