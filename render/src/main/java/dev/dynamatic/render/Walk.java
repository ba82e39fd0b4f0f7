package dev.dynamatic.render;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import dev.dynamatic.ast.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One rendering pass: the text of one request's expressions, its shared alias tables, and DynamoDB's rules.
 *
 * <p>Rendering allocates little more than its output. The tables are arrays searched linearly (a request has a
 * handful of names and values; past {@value #LINEAR} a hash index takes over), and the output maps are views over
 * exactly sized arrays whose keys are the canonical aliases themselves ({@link AliasMap}). The text is written as
 * bytes (it is ASCII) into a buffer, not a {@code StringBuilder}. The buffer and the tables are scratch space, kept
 * per platform thread and reused by the next rendering on that thread (measured without it, a rendering of the
 * benchmark's intent (a) allocated about 1.1 KB more, almost four times the hand-written floor, and took about twice as
 * long); a virtual thread gets fresh scratch space, so none is pinned to short-lived threads.
 */
final class Walk extends ExpressionWriter {
    /**
     * The most bytes of a number's text: at most 38 significant digits, plain below 1E+40 and down to 1E-39 (then
     * up to 38 zeros after the point: 79 characters with the sign), scientific beyond that.
     */
    private static final long NUMBER_BOUND = 80;
    /** Tables up to this size are searched linearly; larger ones get a hash index. */
    private static final int LINEAR = 16;
    /** Slots for names while they are searched linearly (a power of two, several per name). */
    private static final int SLOTS = 64;
    /** Scratch space larger than this is not kept for the next rendering. */
    private static final int RETAINED_CHARS = 8 * 1024;
    private static final int INITIAL_TEXT = 256;
    private static final int RETAINED_ENTRIES = 256;
    private static final ThreadLocal<Walk> SCRATCH = ThreadLocal.withInitial(Walk::new);

    /** The text rendered so far: ASCII only, since every name and value is a placeholder. */
    private byte[] text = new byte[INITIAL_TEXT];
    private int length;
    /** Distinct names in first-seen order: {@code names[i]} is aliased {@code #n<i>}. */
    private String[] names = new String[LINEAR];
    private int[] nameHashes = new int[LINEAR];
    private int nameCount;
    /**
     * While the names are searched linearly: for each slot, 1 + the table position of the first name whose hash
     * falls in it, or 0. An empty slot answers "new name" at once, and a full one nearly always finds the name.
     */
    private final int[] nameSlots = new int[SLOTS];
    private @Nullable HashMap<String, Integer> nameIndex;
    /** Values in first-seen order: {@code values[i]} is aliased {@code :v<i>}. */
    private Value[] values = new Value[LINEAR];
    private int valueCount;
    private @Nullable HashMap<Value, Integer> valueIndex;
    /** The paths {@link #checkPaths} compares, and the hashes of their top-level names, by position. */
    private Path[] paths = new Path[LINEAR];
    private int[] topHashes = new int[LINEAR];
    private int pathCount;
    /** At least the bytes of names and values substituted so far (a char is at most 3 bytes of UTF-8). */
    private long substitutionBound;
    private boolean inUse;

    private Walk() {
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
        return new Walk();
    }

    /** Clears the tables for the next rendering (a failed one included), dropping oversized scratch. */
    void release() {
        if (text.length > RETAINED_CHARS) {
            text = new byte[INITIAL_TEXT];
        }
        length = 0;
        for (int i = 0; i < nameCount; i++) {
            nameSlots[nameHashes[i] & (SLOTS - 1)] = 0;
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
        if (paths.length > RETAINED_ENTRIES) {
            paths = new Path[LINEAR];
            topHashes = new int[LINEAR];
            pathCount = 0;
        } else {
            clearPaths();
        }
        dropClausesOver(RETAINED_ENTRIES);
        nameCount = 0;
        valueCount = 0;
        nameIndex = null;
        valueIndex = null;
        substitutionBound = 0;
        inUse = false;
    }

    // ---- the expressions, checked

    String keyConditionExpression(KeyCondition k) {
        int start = length;
        keyCondition(k);
        return finish(start, "KeyConditionExpression");
    }

    String updateExpression(Update u) {
        List<UpdateAction> actions = u.actions();
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("Invalid UpdateExpression: the update has no actions");
        }
        // Operators and functions are counted while the text is built, and checked after the paths are, before
        // the text's length is.
        operators = 0;
        int start = length;
        update(u);
        clearPaths();
        for (int i = 0, n = actions.size(); i < n; i++) {
            notePath(actions.get(i).path());
        }
        checkPaths("UpdateExpression", "actions");
        if (operators > Limits.MAX_UPDATE_OPERATORS) {
            throw new IllegalArgumentException("Invalid UpdateExpression: " + operators
                    + " operators and functions; DynamoDB allows at most " + Limits.MAX_UPDATE_OPERATORS);
        }
        return finish(start, "UpdateExpression");
    }

    String conditionExpression(Condition c) {
        int start = length;
        condition(c);
        return finish(start, "ConditionExpression");
    }

    String projectionExpression(Projection p) {
        int start = length;
        projection(p);
        clearPaths();
        List<Path> projected = p.paths();
        for (int i = 0, n = projected.size(); i < n; i++) {
            notePath(projected.get(i));
        }
        checkPaths("ProjectionExpression", "projected paths");
        return finish(start, "ProjectionExpression");
    }

    /** Takes the text rendered since {@code start}, checking its length. */
    private String finish(int start, String kind) {
        int bytes = length - start;
        // Every name and value is a placeholder, so the text is ASCII: its length in chars is its size in bytes.
        if (bytes > Limits.MAX_EXPRESSION_BYTES) {
            throw new IllegalArgumentException("Invalid " + kind + ": rendered expression is " + bytes
                    + " bytes; DynamoDB's limit is " + Limits.MAX_EXPRESSION_BYTES + " bytes (4 KB)");
        }
        return new String(text, start, bytes, StandardCharsets.ISO_8859_1);
    }

    // ---- text: written into the byte buffer directly (a StringBuilder checks its coder and more on every append)

    @Override
    void text(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            text[length + i] = (byte) s.charAt(i);
        }
        length += n;
    }

    @Override
    void text(char c) {
        room(1);
        text[length++] = (byte) c;
    }

    /** Appends an alias: the prefix ({@code #n} or {@code :v}) and the table position. */
    private void alias(char first, char second, int i) {
        room(12);
        text[length++] = (byte) first;
        text[length++] = (byte) second;
        digits(i);
    }

    /** Appends a number that is not negative, with room for it made already. */
    private void digits(int i) {
        if (i < 10) {
            text[length++] = (byte) ('0' + i);
            return;
        }
        int end = length + 1;
        for (int rest = i / 10; rest > 0; rest /= 10) {
            end++;
        }
        for (int at = end - 1, rest = i; at >= length; at--, rest /= 10) {
            text[at] = (byte) ('0' + rest % 10);
        }
        length = end;
    }

    private void room(int n) {
        if (length + n > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, length + n));
        }
    }

    @Override
    void check(String kind, @Nullable String problem) {
        if (problem != null) {
            throw new IllegalArgumentException("Invalid " + kind + ": " + problem);
        }
    }

    /** Forgets the noted paths, so that scratch space holds no tree. */
    private void clearPaths() {
        Arrays.fill(paths, 0, pathCount, null);
        pathCount = 0;
    }

    /** Notes a path for {@link #checkPaths}, with its top-level name's (cached) hash. */
    private void notePath(Path path) {
        if (pathCount == paths.length) {
            paths = Arrays.copyOf(paths, pathCount * 2);
            topHashes = Arrays.copyOf(topHashes, pathCount * 2);
        }
        paths[pathCount] = path;
        topHashes[pathCount] = ((Path.Name) path.segments().getFirst()).name().hashCode();
        pathCount++;
    }

    /**
     * Rejects two of the noted paths that are equal or one inside the other ("overlap"), or that address the same
     * parent both as a list and as a map ("conflict"), as DynamoDB does. Paths whose top-level names differ (nearly
     * every pair) part at their first segment, so only pairs whose top-level names hash alike are compared segment
     * by segment.
     */
    private void checkPaths(String kind, String what) {
        for (int i = 1; i < pathCount; i++) {
            for (int j = 0; j < i; j++) {
                if (topHashes[j] == topHashes[i]) {
                    checkPair(kind, what, paths[j], paths[i]);
                }
            }
        }
    }

    private static void checkPair(String kind, String what, Path earlier, Path later) {
        List<Path.Segment> a = later.segments();
        List<Path.Segment> b = earlier.segments();
        int n = Math.min(a.size(), b.size());
        int k = 0;
        while (k < n && a.get(k).equals(b.get(k))) {
            k++;
        }
        if (k == n) {
            throw new IllegalArgumentException("Invalid " + kind + ": two " + what
                    + " overlap (the same attribute, or one inside the other): " + earlier + " and " + later);
        }
        if (a.get(k).getClass() != b.get(k).getClass()) {
            throw new IllegalArgumentException("Invalid " + kind + ": two " + what
                    + " conflict (one reads the parent as a list, the other as a map): " + earlier + " and " + later);
        }
    }

    // ---- the placeholder maps

    Map<String, String> names() {
        if (nameCount == 0) {
            return Map.of();
        }
        return AliasMap.names(Arrays.copyOf(names, nameCount));
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
        return AliasMap.values(out);
    }

    // ---- leaves

    @Override
    int name(String name) {
        int i = indexOfName(name);
        if (i < 0) {
            i = addName(name);
            substitutionBound += 3L * name.length();
        }
        alias('#', 'n', i);
        return i;
    }

    @Override
    int value(Value value) {
        int i = indexOfValue(value);
        if (i < 0) {
            i = addValue(value);
        }
        alias(':', 'v', i);
        return i;
    }

    /**
     * Appends an alias of the value other than {@code first}, the alias of an equal value that is the first operand
     * of the same operator ({@code :v0 = :v1}, not {@code :v0 = :v0}). DynamoDB requires "the first operand to be
     * distinct from the remaining operands"; whether that holds for one placeholder on both sides is not documented,
     * so the operands are kept apart, which is valid either way. The second alias (a "twin") holds an equal value and
     * is shared by every such operator; elsewhere the value keeps its first alias.
     */
    @Override
    void valueApartFrom(Value value, int first) {
        int i = indexOfValue(value);
        if (i == first && first >= 0) {
            i = indexOfTwin(value, first);
        }
        if (i < 0) {
            i = addValue(value);
        }
        alias(':', 'v', i);
    }

    @Override
    void path(Path path) {
        List<Path.Segment> segments = path.segments();
        // A path starts with a name.
        name(((Path.Name) segments.getFirst()).name());
        for (int i = 1, n = segments.size(); i < n; i++) {
            if (segments.get(i) instanceof Path.Name(String name)) {
                text('.');
                name(name);
            } else {
                room(12);
                text[length++] = '[';
                digits(((Path.Index) segments.get(i)).index());
                text[length++] = ']';
            }
        }
    }

    private int indexOfName(String name) {
        if (nameIndex != null) {
            Integer i = nameIndex.get(name);
            return i == null ? -1 : i;
        }
        int h = name.hashCode();
        int slot = nameSlots[h & (SLOTS - 1)];
        if (slot == 0) {
            return -1;
        }
        if (nameHashes[slot - 1] == h && names[slot - 1].equals(name)) {
            return slot - 1;
        }
        // another name holds the slot: search them all
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
        int h = name.hashCode();
        names[nameCount] = name;
        nameHashes[nameCount] = h;
        if (nameSlots[h & (SLOTS - 1)] == 0) {
            nameSlots[h & (SLOTS - 1)] = nameCount + 1;
        }
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

    /** Adds the value (or a twin of an equal one) to the table; {@return its position}. */
    private int addValue(Value value) {
        if (valueCount == values.length) {
            values = Arrays.copyOf(values, valueCount * 2);
        }
        values[valueCount] = value;
        substitutionBound += sizeBound(value);
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

    // ---- sizes

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
}
