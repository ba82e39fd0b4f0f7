package dev.dynamatic.render;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.internal.Utf8;
import dev.dynamatic.ast.Comparand;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Operand;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.PathOrValue;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Redaction;
import dev.dynamatic.ast.SetValue;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Renders the trees of one request into DynamoDB's expression strings and one shared placeholder space.
 *
 * <p>The output is canonical: names become {@code #n0, #n1, …} and values {@code :v0, :v1, …}, numbered by
 * first appearance in the order key condition, update, condition (or filter), projection; one placeholder
 * per distinct name segment and per distinct value (values compare by type and content, numbers
 * numerically). One exception keeps DynamoDB's rule that the first operand of an operator be distinct from the
 * others: a value first in a comparison, {@code BETWEEN}, {@code IN}, {@code begins_with} or {@code attribute_type}
 * gets a second placeholder for an equal value among that operator's other operands ({@code :v0 = :v1}, never
 * {@code :v0 = :v0}). Every name goes through a placeholder, so no reserved word or odd character can break or
 * inject into an expression. The same trees always render to the same text.
 *
 * <p>There is one entry point per request shape, and none takes {@code null}: a part a request may lack is an
 * {@code Optional} parameter ({@link #query(KeyCondition, Optional, Optional)},
 * {@link #scan(Optional, Optional)}), and an overload takes the parts directly when all of them are there, so
 * that a call builds no {@code Optional} it does not need.
 *
 * <p>Before anything is sent, rendering rejects what DynamoDB would reject, with an
 * {@link IllegalArgumentException} naming the rule and the paths involved: an empty update; two update
 * actions (or two projected paths) on the same, overlapping or conflicting paths; an expression over
 * 4 KB; more than 300 operators and functions in one update; substitutions over 2 MB in total.
 *
 * {@snippet :
 * Rendered r = Renderer.update(update(set(path("a"), value(1)), set(path("b"), value(1)), remove(path("c"))));
 * r.updateExpression();   // Optional["SET #n0 = :v0, #n1 = :v0 REMOVE #n2"]
 * }
 */
public final class Renderer {

    private Renderer() {
    }

    /**
     * {@return the rendering of an update alone (UpdateItem, or a transaction's Update)}
     *
     * @param update the update, with at least one action
     * @throws IllegalArgumentException if DynamoDB would reject the update
     */
    public static Rendered update(Update update) {
        return render(null, requireNonNull(update, "update is null"), null, null);
    }

    /**
     * {@return the rendering of an update and its condition in one placeholder space (a conditional UpdateItem)}
     *
     * @param update the update, with at least one action
     * @param condition the condition the item must meet
     * @throws IllegalArgumentException if DynamoDB would reject either
     */
    public static Rendered update(Update update, Condition condition) {
        return render(null, requireNonNull(update, "update is null"), requireNonNull(condition, "condition is null"),
                null);
    }

    /**
     * {@return the rendering of a condition alone (PutItem, DeleteItem, a transaction's ConditionCheck)}
     *
     * @param condition the condition the item must meet
     * @throws IllegalArgumentException if DynamoDB would reject the condition
     */
    public static Rendered condition(Condition condition) {
        return render(null, null, requireNonNull(condition, "condition is null"), null);
    }

    /**
     * {@return the rendering of a projection alone (GetItem, BatchGetItem, a transaction's Get)}
     *
     * @param projection the attributes to read
     * @throws IllegalArgumentException if DynamoDB would reject the projection
     */
    public static Rendered projection(Projection projection) {
        return render(null, null, null, requireNonNull(projection, "projection is null"));
    }

    /**
     * {@return the rendering of a query with a filter and a projection}
     *
     * @param keyCondition the key condition
     * @param filter the filter, applied after the key condition
     * @param projection the attributes to read
     * @throws IllegalArgumentException if DynamoDB would reject any of them
     */
    public static Rendered query(KeyCondition keyCondition, Condition filter, Projection projection) {
        return render(requireNonNull(keyCondition, "keyCondition is null"), null,
                requireNonNull(filter, "filter is null"), requireNonNull(projection, "projection is null"));
    }

    /**
     * {@return the rendering of a query: its key condition, and a filter and a projection if given}
     *
     * @param keyCondition the key condition
     * @param filter the filter, applied after the key condition, or empty
     * @param projection the attributes to read, or empty for all
     * @throws IllegalArgumentException if DynamoDB would reject any of them
     */
    public static Rendered query(KeyCondition keyCondition, Optional<Condition> filter,
                                 Optional<Projection> projection) {
        return render(requireNonNull(keyCondition, "keyCondition is null"),
                null, requireNonNull(filter, "filter is null").orElse(null),
                requireNonNull(projection, "projection is null").orElse(null));
    }

    /**
     * {@return the rendering of a scan's filter and projection} (for either alone, see {@link #condition} and
     * {@link #projection})
     *
     * @param filter the filter
     * @param projection the attributes to read
     * @throws IllegalArgumentException if DynamoDB would reject either
     */
    public static Rendered scan(Condition filter, Projection projection) {
        return render(null, null, requireNonNull(filter, "filter is null"),
                requireNonNull(projection, "projection is null"));
    }

    /**
     * {@return the rendering of a scan's filter and projection}, each if given (with neither, nothing to render)
     *
     * @param filter the filter, or empty
     * @param projection the attributes to read, or empty for all
     * @throws IllegalArgumentException if DynamoDB would reject either
     */
    public static Rendered scan(Optional<Condition> filter, Optional<Projection> projection) {
        return render(null, null, requireNonNull(filter, "filter is null").orElse(null),
                requireNonNull(projection, "projection is null").orElse(null));
    }

    /** Renders the parts of one request present, in one placeholder space. */
    private static Rendered render(@Nullable KeyCondition keyCondition, @Nullable Update update,
                                   @Nullable Condition condition, @Nullable Projection projection) {
        Walk w = Walk.acquire();
        try {
            String k = keyCondition == null ? null : w.finish(w.keyCondition(keyCondition), "KeyConditionExpression");
            String u = update == null ? null : w.finish(w.update(update), "UpdateExpression");
            String c = condition == null ? null : w.finish(w.condition(condition), "ConditionExpression");
            String p = projection == null ? null : w.finish(w.projection(projection), "ProjectionExpression");
            return new Rendered(k, u, c, p, w.names(), w.values());
        } finally {
            w.release();
        }
    }

    /**
     * {@return a readable form of a condition for logs and messages}, e.g. {@code a.b = :v AND size(c) > :v}:
     * paths as written, each value as {@code :v} (values are user data), or as its text ({@code "Ada"}) while
     * values are shown for debugging ({@link Redaction})
     *
     * @param condition the condition
     */
    public static String debug(Condition condition) {
        Walk w = new Walk(true, Redaction.showsValues());
        w.condition(requireNonNull(condition, "condition is null"));
        return w.sb.toString();
    }

    /**
     * {@return a readable form of an update for logs and messages}, e.g. {@code SET a = a + :v REMOVE b}, values
     * shown as for {@link #debug(Condition)}
     *
     * @param update the update
     */
    public static String debug(Update update) {
        Walk w = new Walk(true, Redaction.showsValues());
        w.updateText(requireNonNull(update, "update is null"));
        return w.sb.toString();
    }

    /**
     * {@return a readable form of a key condition for logs and messages}, e.g. {@code PK = :v}, values shown as for
     * {@link #debug(Condition)}
     *
     * @param keyCondition the key condition
     */
    public static String debug(KeyCondition keyCondition) {
        Walk w = new Walk(true, Redaction.showsValues());
        w.keyCondition(requireNonNull(keyCondition, "keyCondition is null"));
        return w.sb.toString();
    }

    /**
     * {@return a readable form of a projection for logs and messages}, e.g. {@code a, b.c}
     *
     * @param projection the projection
     */
    public static String debug(Projection projection) {
        Walk w = new Walk(true, false);
        w.projection(requireNonNull(projection, "projection is null"));
        return w.sb.toString();
    }

    /**
     * One rendering pass: a string builder and the shared alias tables.
     *
     * <p>Rendering allocates little more than its output. The tables are arrays searched linearly (a
     * request has a handful of names and values; past {@value #LINEAR} a hash index takes over), and the
     * output maps are views over exactly sized arrays whose keys are the canonical aliases themselves. The
     * builder and the tables are scratch space, kept per platform thread and reused by the next rendering
     * on that thread; a virtual thread gets fresh scratch space, so none is pinned to short-lived threads.
     */
    private static final class Walk {
        private static final int CACHED = 64;
        private static final String[] NAME_ALIASES = new String[CACHED];
        private static final String[] VALUE_ALIASES = new String[CACHED];
        /**
         * The most bytes of a number's text: at most 38 significant digits, plain below 1E+40 and down to
         * 1E-39 (then up to 38 zeros after the point: 79 characters with the sign), scientific beyond that.
         */
        private static final long NUMBER_BOUND = 80;
        /** Tables up to this size are searched linearly; larger ones get a hash index. */
        private static final int LINEAR = 16;
        /** Scratch space larger than this is not kept for the next rendering. */
        private static final int RETAINED_CHARS = 8 * 1024;
        private static final int RETAINED_ENTRIES = 256;
        private static final ThreadLocal<Walk> SCRATCH = ThreadLocal.withInitial(() -> new Walk(false, false));

        static {
            for (int i = 0; i < CACHED; i++) {
                NAME_ALIASES[i] = "#n" + i;
                VALUE_ALIASES[i] = ":v" + i;
            }
        }

        private final boolean debug;
        private final boolean showValues;
        private StringBuilder sb = new StringBuilder(128);
        /** Distinct names in first-seen order: {@code names[i]} is aliased {@code #n<i>}. */
        private String[] names = new String[LINEAR];
        private int[] nameHashes = new int[LINEAR];
        private int nameCount;
        private @Nullable HashMap<String, Integer> nameIndex;
        /** Distinct values in first-seen order: {@code values[i]} is aliased {@code :v<i>}. */
        private Value[] values = new Value[LINEAR];
        private int valueCount;
        private @Nullable HashMap<Value, Integer> valueIndex;
        /** The alias positions of the top-level names of the paths {@link #checkPaths} compares, by position. */
        private int[] tops = new int[LINEAR];
        /** At least the bytes of names and values substituted so far (a char is at most 3 bytes of UTF-8). */
        private long substitutionBound;
        private boolean inUse;
        /** The clause of each update action, by position (0 SET, 1 REMOVE, 2 ADD, 3 DELETE). */
        private byte[] clauses = new byte[LINEAR];
        /** Operators and functions of the update being rendered. */
        private int operators;

        Walk(boolean debug, boolean showValues) {
            this.debug = debug;
            this.showValues = showValues;
        }

        /** {@return this thread's scratch walk, or a fresh one on a virtual thread or if it is busy} */
        static Walk acquire() {
            if (!Thread.currentThread().isVirtual()) {
                Walk w = SCRATCH.get();
                if (!w.inUse) {
                    w.inUse = true;
                    return w;
                }
            }
            return new Walk(false, false);
        }

        /** Clears the tables for the next rendering (a failed one included), dropping oversized scratch. */
        void release() {
            if (sb.capacity() > RETAINED_CHARS) {
                sb = new StringBuilder(128);
            } else {
                sb.setLength(0);
            }
            if (names.length > RETAINED_ENTRIES) {
                names = new String[LINEAR];
                nameHashes = new int[LINEAR];
            } else {
                Arrays.fill(names, 0, nameCount, null);
            }
            if (values.length > RETAINED_ENTRIES) {
                values = new Value[LINEAR];
            } else {
                Arrays.fill(values, 0, valueCount, null);
            }
            if (tops.length > RETAINED_ENTRIES) {
                tops = new int[LINEAR];
            }
            if (clauses.length > RETAINED_ENTRIES) {
                clauses = new byte[LINEAR];
            }
            nameCount = 0;
            valueCount = 0;
            nameIndex = null;
            valueIndex = null;
            substitutionBound = 0;
            inUse = false;
        }

        /** Takes the text rendered since the last call, checking its length. */
        String finish(int start, String kind) {
            int length = sb.length() - start;
            // Every name and value is a placeholder, so the text is ASCII: its length in chars is its size in bytes.
            if (length > Limits.MAX_EXPRESSION_BYTES) {
                throw new IllegalArgumentException("Invalid " + kind + ": rendered expression is " + length
                        + " bytes; DynamoDB's limit is " + Limits.MAX_EXPRESSION_BYTES + " bytes (4 KB)");
            }
            return sb.substring(start);
        }

        Map<String, String> names() {
            if (nameCount == 0) {
                return Map.of();
            }
            return new AliasMap<>(NAME_ALIASES, "#n", Arrays.copyOf(names, nameCount));
        }

        Map<String, AttributeValue> values() {
            if (substitutionBound > Limits.MAX_SUBSTITUTION_BYTES) {
                // Only now count exactly: one distinct name or value is substituted once.
                long substitutionBytes = 0;
                for (int i = 0; i < nameCount; i++) {
                    substitutionBytes += Utf8.length(names[i]);
                }
                for (int i = 0; i < valueCount; i++) {
                    substitutionBytes += size(values[i]);
                }
                if (substitutionBytes > Limits.MAX_SUBSTITUTION_BYTES) {
                    throw new IllegalArgumentException("names and values substituted into this request total "
                            + substitutionBytes + " bytes; DynamoDB's limit is " + Limits.MAX_SUBSTITUTION_BYTES
                            + " bytes (2 MB)");
                }
            }
            if (valueCount == 0) {
                return Map.of();
            }
            AttributeValue[] out = new AttributeValue[valueCount];
            for (int i = 0; i < valueCount; i++) {
                out[i] = AttributeValues.toSdk(values[i]);
            }
            return new AliasMap<>(VALUE_ALIASES, ":v", out);
        }

        // ---- leaves

        /** Appends the name's alias; {@return its position in the name table} (-1 in debug text). */
        int name(String name) {
            if (debug) {
                sb.append(name);
                return -1;
            }
            int i = indexOfName(name);
            if (i < 0) {
                i = addName(name);
                substitutionBound += 3L * name.length();
            }
            alias(NAME_ALIASES, "#n", i);
            return i;
        }

        /** Appends the value's alias; {@return its position in the value table} (-1 in debug text). */
        int value(Value value) {
            if (debug) {
                sb.append(showValues ? show(value) : ":v");
                return -1;
            }
            int i = indexOfValue(value);
            if (i < 0) {
                i = addValue(value);
                substitutionBound += sizeBound(value);
            }
            alias(VALUE_ALIASES, ":v", i);
            return i;
        }

        /**
         * Appends an alias of the value other than {@code first}, the alias of an equal value that is the first
         * operand of the same operator ({@code :v0 = :v1}, not {@code :v0 = :v0}). DynamoDB requires "the first
         * operand to be distinct from the remaining operands"; whether that holds for one placeholder on both sides is
         * not documented, so the operands are kept apart, which is valid either way. The second alias (a "twin") holds
         * an equal value and is shared by every such operator; elsewhere the value keeps its first alias.
         */
        void valueApartFrom(Value value, int first) {
            if (first < 0 || debug) {
                value(value);
                return;
            }
            int i = indexOfValue(value);
            if (i == first) {
                i = indexOfTwin(value, first);
                if (i < 0) {
                    i = addValue(value);
                    substitutionBound += sizeBound(value);
                }
            } else if (i < 0) {
                i = addValue(value);
                substitutionBound += sizeBound(value);
            }
            alias(VALUE_ALIASES, ":v", i);
        }

        private void alias(String[] cached, String prefix, int i) {
            if (i < CACHED) {
                sb.append(cached[i]);
            } else {
                sb.append(prefix).append(i);
            }
        }

        private int indexOfName(String name) {
            if (nameIndex != null) {
                Integer i = nameIndex.get(name);
                return i == null ? -1 : i;
            }
            int h = name.hashCode();
            for (int i = 0; i < nameCount; i++) {
                if (nameHashes[i] == h && names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        private int addName(String name) {
            if (nameCount == names.length) {
                names = Arrays.copyOf(names, nameCount * 2);
                nameHashes = Arrays.copyOf(nameHashes, nameCount * 2);
            }
            names[nameCount] = name;
            nameHashes[nameCount] = name.hashCode();
            if (nameIndex != null) {
                nameIndex.put(name, nameCount);
            } else if (nameCount == LINEAR) {
                nameIndex = HashMap.newHashMap(LINEAR * 4);
                for (int i = 0; i <= nameCount; i++) {
                    nameIndex.put(names[i], i);
                }
            }
            return nameCount++;
        }

        private int indexOfValue(Value value) {
            if (valueIndex != null) {
                Integer i = valueIndex.get(value);
                return i == null ? -1 : i;
            }
            // Values of different types are never equal: compare classes before calling equals.
            Class<?> type = value.getClass();
            for (int i = 0; i < valueCount; i++) {
                if (values[i].getClass() == type && value.equals(values[i])) {
                    return i;
                }
            }
            return -1;
        }

        private int addValue(Value value) {
            if (valueCount == values.length) {
                values = Arrays.copyOf(values, valueCount * 2);
            }
            values[valueCount] = value;
            if (valueIndex != null) {
                // a twin (a second entry of an equal value) leaves lookups at the first entry
                valueIndex.putIfAbsent(value, valueCount);
            } else if (valueCount == LINEAR) {
                valueIndex = HashMap.newHashMap(LINEAR * 4);
                for (int i = 0; i <= valueCount; i++) {
                    valueIndex.putIfAbsent(values[i], i);
                }
            }
            return valueCount++;
        }

        /** {@return the position of an entry equal to the value other than {@code first}}, or -1; rarely called */
        private int indexOfTwin(Value value, int first) {
            Class<?> type = value.getClass();
            for (int i = 0; i < valueCount; i++) {
                if (i != first && values[i].getClass() == type && value.equals(values[i])) {
                    return i;
                }
            }
            return -1;
        }

        /** Appends the path; {@return the name-table position of its top-level name} (-1 in debug text). */
        int path(Path path) {
            if (debug) {
                sb.append(path);
                return -1;
            }
            List<Path.Segment> segments = path.segments();
            // A path starts with a name.
            int top = name(((Path.Name) segments.getFirst()).name());
            for (int i = 1, n = segments.size(); i < n; i++) {
                if (segments.get(i) instanceof Path.Name(String name)) {
                    sb.append('.');
                    name(name);
                } else {
                    sb.append('[').append(((Path.Index) segments.get(i)).index()).append(']');
                }
            }
            return top;
        }

        // ---- key condition

        int keyCondition(KeyCondition k) {
            int start = sb.length();
            name(k.partitionKey());
            sb.append(" = ");
            value(k.partitionValue());
            if (k.sortKey().isPresent()) {
                sb.append(" AND ");
                switch (k.sortKey().get()) {
                    case KeyCondition.Comparison(String name, Condition.Comparator op, Value v) -> {
                        name(name);
                        sb.append(' ').append(op.symbol()).append(' ');
                        value(v);
                    }
                    case KeyCondition.Between(String name, Value low, Value high) -> {
                        check("KeyConditionExpression", Semantics.betweenBounds(low, high));
                        name(name);
                        sb.append(" BETWEEN ");
                        value(low);
                        sb.append(" AND ");
                        value(high);
                    }
                    case KeyCondition.BeginsWith(String name, Value prefix) -> {
                        sb.append("begins_with(");
                        name(name);
                        sb.append(", ");
                        value(prefix);
                        sb.append(')');
                    }
                }
            }
            return start;
        }

        // ---- update

        int update(Update update) {
            List<UpdateAction> actions = update.actions();
            if (actions.isEmpty()) {
                throw new IllegalArgumentException("Invalid UpdateExpression: the update has no actions");
            }
            if (tops.length < actions.size()) {
                tops = new int[Math.max(actions.size(), tops.length * 2)];
            }
            // Operators and functions are counted while the text is built, the actions' top-level names noted
            // for the path rules, and both checked before the text's length is.
            operators = 0;
            int start = sb.length();
            updateText(update);
            checkPaths("UpdateExpression", "actions", actions);
            if (operators > Limits.MAX_UPDATE_OPERATORS) {
                throw new IllegalArgumentException("Invalid UpdateExpression: " + operators
                        + " operators and functions; DynamoDB allows at most " + Limits.MAX_UPDATE_OPERATORS);
            }
            return start;
        }

        void updateText(Update update) {
            // Fixed clause order, actions in the order written within each clause: sort them into clauses once.
            List<UpdateAction> actions = update.actions();
            int n = actions.size();
            if (clauses.length < n) {
                clauses = new byte[Math.max(n, clauses.length * 2)];
            }
            int present = 0;
            for (int i = 0; i < n; i++) {
                byte kind = switch (actions.get(i)) {
                    case UpdateAction.Set x -> 0;
                    case UpdateAction.Remove x -> 1;
                    case UpdateAction.Add x -> 2;
                    case UpdateAction.Delete x -> 3;
                };
                clauses[i] = kind;
                present |= 1 << kind;
            }
            boolean any = (present & 1) != 0 && clause(actions, "SET ", 0, false);
            any = (present & 2) != 0 ? clause(actions, "REMOVE ", 1, any) : any;
            any = (present & 4) != 0 ? clause(actions, "ADD ", 2, any) : any;
            if ((present & 8) != 0) {
                clause(actions, "DELETE ", 3, any);
            }
        }

        private boolean clause(List<UpdateAction> actions, String keyword, int kind, boolean after) {
            boolean first = true;
            for (int i = 0, n = actions.size(); i < n; i++) {
                if (clauses[i] != kind) {
                    continue;
                }
                UpdateAction a = actions.get(i);
                if (first) {
                    if (after) {
                        sb.append(' ');
                    }
                    sb.append(keyword);
                    first = false;
                } else {
                    sb.append(", ");
                }
                int top = action(a);
                if (!debug) {
                    tops[i] = top;
                }
            }
            return after || !first;
        }

        /** Appends the action; {@return the name-table position of its path's top-level name}. */
        private int action(UpdateAction a) {
            return switch (a) {
                case UpdateAction.Set(Path p, SetValue v) -> {
                    int top = path(p);
                    sb.append(" = ");
                    setValue(v);
                    yield top;
                }
                case UpdateAction.Remove(Path p) -> path(p);
                case UpdateAction.Add(Path p, Value v) -> {
                    int top = path(p);
                    sb.append(' ');
                    value(v);
                    yield top;
                }
                case UpdateAction.Delete(Path p, Value v) -> {
                    int top = path(p);
                    sb.append(' ');
                    value(v);
                    yield top;
                }
            };
        }

        private void setValue(SetValue v) {
            switch (v) {
                case SetValue.Plus(Operand l, Operand r) -> {
                    check("UpdateExpression", Semantics.arithmetic("+", l));
                    check("UpdateExpression", Semantics.arithmetic("+", r));
                    operators++;
                    operand(l);
                    sb.append(" + ");
                    operand(r);
                }
                case SetValue.Minus(Operand l, Operand r) -> {
                    check("UpdateExpression", Semantics.arithmetic("-", l));
                    check("UpdateExpression", Semantics.arithmetic("-", r));
                    operators++;
                    operand(l);
                    sb.append(" - ");
                    operand(r);
                }
                case Operand o -> operand(o);
            }
        }

        private void operand(Operand o) {
            switch (o) {
                case Path p -> path(p);
                case Value v -> value(v);
                case Operand.IfNotExists(Path p, Operand fallback) -> {
                    operators++;
                    sb.append("if_not_exists(");
                    path(p);
                    sb.append(", ");
                    operand(fallback);
                    sb.append(')');
                }
                case Operand.ListAppend(Operand first, Operand second) -> {
                    check("UpdateExpression", Semantics.listAppend(first));
                    check("UpdateExpression", Semantics.listAppend(second));
                    operators++;
                    sb.append("list_append(");
                    operand(first);
                    sb.append(", ");
                    operand(second);
                    sb.append(')');
                }
            }
        }

        // ---- conditions

        int condition(Condition c) {
            int start = sb.length();
            cond(c);
            return start;
        }

        private void cond(Condition c) {
            switch (c) {
                case Condition.Comparison(Comparand l, Condition.Comparator op, Comparand r) -> {
                    check("ConditionExpression", Semantics.distinct(op.symbol(), l, r));
                    if (op != Condition.Comparator.EQ && op != Condition.Comparator.NE) {
                        check("ConditionExpression", Semantics.ordered(op.symbol(), l));
                        check("ConditionExpression", Semantics.ordered(op.symbol(), r));
                    }
                    int first = comparand(l);
                    sb.append(' ').append(op.symbol()).append(' ');
                    comparandApartFrom(r, first);
                }
                case Condition.Between(Comparand x, Comparand low, Comparand high) -> {
                    check("ConditionExpression", Semantics.ordered("BETWEEN", x));
                    check("ConditionExpression", Semantics.ordered("BETWEEN", low));
                    check("ConditionExpression", Semantics.ordered("BETWEEN", high));
                    check("ConditionExpression", Semantics.betweenBounds(low, high));
                    int first = comparand(x);
                    sb.append(" BETWEEN ");
                    comparandApartFrom(low, first);
                    sb.append(" AND ");
                    comparandApartFrom(high, first);
                }
                case Condition.In(Comparand x, List<Comparand> candidates) -> {
                    int first = comparand(x);
                    sb.append(" IN (");
                    for (int i = 0; i < candidates.size(); i++) {
                        if (i > 0) {
                            sb.append(", ");
                        }
                        comparandApartFrom(candidates.get(i), first);
                    }
                    sb.append(')');
                }
                case Condition.And(List<Condition> all) -> {
                    for (int i = 0; i < all.size(); i++) {
                        if (i > 0) {
                            sb.append(" AND ");
                        }
                        // OR binds looser than AND: parenthesise it; everything else binds tighter.
                        boolean parens = all.get(i) instanceof Condition.Or;
                        if (parens) {
                            sb.append('(');
                        }
                        cond(all.get(i));
                        if (parens) {
                            sb.append(')');
                        }
                    }
                }
                case Condition.Or(List<Condition> any) -> {
                    for (int i = 0; i < any.size(); i++) {
                        if (i > 0) {
                            sb.append(" OR ");
                        }
                        cond(any.get(i));
                    }
                }
                case Condition.Not(Condition inner) -> {
                    // a chain of NOTs in a loop, not by recursion: the deepest trees are NOT chains
                    sb.append("NOT (");
                    int nots = 1;
                    Condition operand = inner;
                    while (operand instanceof Condition.Not(Condition next)) {
                        sb.append("NOT (");
                        nots++;
                        operand = next;
                    }
                    cond(operand);
                    sb.repeat(')', nots);
                }
                case Condition.AttributeExists(Path p) -> function("attribute_exists", p);
                case Condition.AttributeNotExists(Path p) -> function("attribute_not_exists", p);
                case Condition.AttributeType(PathOrValue operand, Value.Type type) -> {
                    sb.append("attribute_type(");
                    int first = comparand(operand);
                    sb.append(", ");
                    valueApartFrom(new Value.S(type.name()), first);
                    sb.append(')');
                }
                case Condition.BeginsWith(PathOrValue text, PathOrValue prefix) -> {
                    check("ConditionExpression", Semantics.distinct("begins_with", text, prefix));
                    sb.append("begins_with(");
                    int first = comparand(text);
                    sb.append(", ");
                    comparandApartFrom(prefix, first);
                    sb.append(')');
                }
                case Condition.Contains(Path p, Comparand operand) -> {
                    check("ConditionExpression", Semantics.distinct("contains", p, operand));
                    function("contains", p, operand);
                }
            }
        }

        private void function(String name, Path p) {
            sb.append(name).append('(');
            path(p);
            sb.append(')');
        }

        private void function(String name, Path p, Comparand second) {
            sb.append(name).append('(');
            path(p);
            sb.append(", ");
            comparand(second);
            sb.append(')');
        }

        /** Appends the comparand; {@return its value-table position if it is a value}, else -1. */
        private int comparand(Comparand c) {
            switch (c) {
                case Path p -> path(p);
                case Value v -> {
                    return value(v);
                }
                case Comparand.Size(PathOrValue operand) -> {
                    sb.append("size(");
                    comparand(operand);
                    sb.append(')');
                }
            }
            return -1;
        }

        /** Appends a later operand of an operator whose first operand has the value-table position {@code first}. */
        private void comparandApartFrom(Comparand c, int first) {
            if (first >= 0 && c instanceof Value v) {
                valueApartFrom(v, first);
            } else {
                comparand(c);
            }
        }

        // ---- projection

        int projection(Projection projection) {
            List<Path> paths = projection.paths();
            int n = paths.size();
            if (tops.length < n) {
                tops = new int[Math.max(n, tops.length * 2)];
            }
            int start = sb.length();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                int top = path(paths.get(i));
                if (!debug) {
                    tops[i] = top;
                }
            }
            if (!debug) {
                checkPaths("ProjectionExpression", "projected paths", paths);
            }
            return start;
        }

        /** Throws the problem DynamoDB would report, if there is one (debug text reports nothing). */
        private void check(String kind, @Nullable String problem) {
            if (problem != null && !debug) {
                throw new IllegalArgumentException("Invalid " + kind + ": " + problem);
            }
        }

        // ---- cross-node rules

        /**
         * Rejects two paths that are equal or one inside the other ("overlap"), or that address the same
         * parent both as a list and as a map ("conflict"), as DynamoDB does. Runs after the paths are
         * rendered: {@link #tops} holds their top-level names' table positions, so only paths that start with
         * the same name are compared segment by segment.
         */
        private void checkPaths(String kind, String what, List<?> pathsOrActions) {
            int count = pathsOrActions.size();
            for (int i = 1; i < count; i++) {
                List<Path.Segment> a = null;
                for (int j = 0; j < i; j++) {
                    if (tops[j] != tops[i]) {
                        // Different top-level names: the paths part at their first segment, two names, so they
                        // neither overlap nor conflict.
                        continue;
                    }
                    if (a == null) {
                        a = pathAt(pathsOrActions, i).segments();
                    }
                    List<Path.Segment> b = pathAt(pathsOrActions, j).segments();
                    int n = Math.min(a.size(), b.size());
                    int k = 0;
                    while (k < n && a.get(k).equals(b.get(k))) {
                        k++;
                    }
                    if (k == n) {
                        throw new IllegalArgumentException("Invalid " + kind + ": two " + what
                                + " overlap (the same attribute, or one inside the other): " + pathAt(pathsOrActions, j)
                                + " and " + pathAt(pathsOrActions, i));
                    }
                    if (a.get(k).getClass() != b.get(k).getClass()) {
                        throw new IllegalArgumentException("Invalid " + kind + ": two " + what
                                + " conflict (one reads the parent as a list, the other as a map): " + pathAt(pathsOrActions, j)
                                + " and " + pathAt(pathsOrActions, i));
                    }
                }
            }
        }

        /** The path of an update action, or the path itself (checked without copying the actions' paths out). */
        private static Path pathAt(List<?> pathsOrActions, int i) {
            return pathsOrActions.get(i) instanceof UpdateAction a ? a.path() : (Path) pathsOrActions.get(i);
        }

        // ---- sizes and debug text

        /** {@return at least {@link #size(Value)}, cheaply for the scalars that make up most requests} */
        private static long sizeBound(Value v) {
            return switch (v) {
                case Value.S s -> 3L * s.value().length();
                case Value.N n -> NUMBER_BOUND;
                case Value.B b -> b.value().length();
                case Value.Bool b -> 1;
                case Value.Null x -> 1;
                case Value.L l -> size(l);
                case Value.M m -> size(m);
                case Value.SS x -> size(x);
                case Value.NS x -> size(x);
                case Value.BS x -> size(x);
            };
        }

        /** DynamoDB's size of a value (attribute-value sizing: UTF-8 text, number digits, raw binary). */
        private static long size(Value v) {
            return switch (v) {
                case Value.S s -> Utf8.length(s.value());
                case Value.N n -> n.text().length();
                case Value.B b -> b.value().length();
                case Value.Bool b -> 1;
                case Value.Null x -> 1;
                case Value.L l -> {
                    long total = 3;
                    for (Value e : l.values()) {
                        total += 1 + size(e);
                    }
                    yield total;
                }
                case Value.M m -> {
                    long total = 3;
                    for (Map.Entry<String, Value> e : m.values().entrySet()) {
                        total += 1 + Utf8.length(e.getKey()) + size(e.getValue());
                    }
                    yield total;
                }
                case Value.SS s -> {
                    long total = 0;
                    for (String e : s.values()) {
                        total += Utf8.length(e);
                    }
                    yield total;
                }
                case Value.NS s -> {
                    long total = 0;
                    for (Value.N e : s.values()) {
                        total += e.text().length();
                    }
                    yield total;
                }
                case Value.BS s -> {
                    long total = 0;
                    for (var e : s.values()) {
                        total += e.length();
                    }
                    yield total;
                }
            };
        }

        private static String show(Value v) {
            return switch (v) {
                case Value.S s -> '"' + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
                case Value.N n -> n.text();
                case Value.B b -> "b64'" + b.value().base64() + "'";
                case Value.Bool b -> Boolean.toString(b.value());
                case Value.Null x -> "NULL";
                case Value.L l -> join("[", l.values().stream().map(Walk::show).toList(), "]");
                case Value.M m -> {
                    List<String> entries = new ArrayList<>();
                    m.values().forEach((k, e) -> entries.add('"' + k + "\": " + show(e)));
                    yield join("{", entries, "}");
                }
                case Value.SS s -> join("<<", s.values().stream().map(e -> show(new Value.S(e))).toList(), ">>");
                case Value.NS s -> join("<<", s.values().stream().map(Value.N::text).toList(), ">>");
                case Value.BS s -> join("<<", s.values().stream().map(e -> show(new Value.B(e))).toList(), ">>");
            };
        }

        private static String join(String open, List<String> parts, String close) {
            return open + String.join(", ", parts) + close;
        }
    }
    /**
     * A rendering's {@code ExpressionAttributeNames} or {@code ExpressionAttributeValues}: an unmodifiable map
     * from the canonical aliases ({@code #n0, #n1, …} or {@code :v0, :v1, …}) to the entries in alias order.
     * The aliases are the positions in an array, so the map is that array and nothing more, and a lookup
     * reads the number back from the alias instead of hashing it.
     */
    private static final class AliasMap<V> extends AbstractMap<String, V> {
        private final String[] cached;
        private final String prefix;
        private final V[] entries;

        AliasMap(String[] cached, String prefix, V[] entries) {
            this.cached = cached;
            this.prefix = prefix;
            this.entries = entries;
        }

        private String alias(int i) {
            return i < cached.length ? cached[i] : prefix + i;
        }

        /** {@return the position the key is the canonical alias of, or -1 if it is none} */
        private int indexOf(@Nullable Object key) {
            if (!(key instanceof String s) || s.length() < 3 || s.length() > 12 || !s.startsWith(prefix)
                    || (s.charAt(2) == '0' && s.length() > 3)) {
                return -1;
            }
            long i = 0;
            for (int k = 2; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return -1;
                }
                i = i * 10 + (c - '0');
            }
            return i < entries.length ? (int) i : -1;
        }

        @Override
        public int size() {
            return entries.length;
        }

        @Override
        public boolean isEmpty() {
            return entries.length == 0;
        }

        @Override
        public @Nullable V get(@Nullable Object key) {
            int i = indexOf(key);
            return i < 0 ? null : entries[i];
        }

        @Override
        public boolean containsKey(@Nullable Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super V> action) {
            for (int i = 0; i < entries.length; i++) {
                action.accept(alias(i), entries[i]);
            }
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return entries.length;
                }

                @Override
                public Iterator<Entry<String, V>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < entries.length;
                        }

                        @Override
                        public Entry<String, V> next() {
                            if (next >= entries.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return Map.entry(alias(i), entries[i]);
                        }
                    };
                }
            };
        }
    }
}
