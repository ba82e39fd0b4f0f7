package dev.dynamatic.render;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Redaction;
import dev.dynamatic.ast.Update;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
            String k = keyCondition == null ? null : w.keyConditionExpression(keyCondition);
            String u = update == null ? null : w.updateExpression(update);
            String c = condition == null ? null : w.conditionExpression(condition);
            String p = projection == null ? null : w.projectionExpression(projection);
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
        DebugText d = new DebugText(Redaction.showsValues());
        d.condition(requireNonNull(condition, "condition is null"));
        return d.toString();
    }

    /**
     * {@return a readable form of an update for logs and messages}, e.g. {@code SET a = a + :v REMOVE b}, values
     * shown as for {@link #debug(Condition)}
     *
     * @param update the update
     */
    public static String debug(Update update) {
        DebugText d = new DebugText(Redaction.showsValues());
        d.update(requireNonNull(update, "update is null"));
        return d.toString();
    }

    /**
     * {@return a readable form of a key condition for logs and messages}, e.g. {@code PK = :v}, values shown as for
     * {@link #debug(Condition)}
     *
     * @param keyCondition the key condition
     */
    public static String debug(KeyCondition keyCondition) {
        DebugText d = new DebugText(Redaction.showsValues());
        d.keyCondition(requireNonNull(keyCondition, "keyCondition is null"));
        return d.toString();
    }

    /**
     * {@return a readable form of a projection for logs and messages}, e.g. {@code a, b.c}
     *
     * @param projection the projection
     */
    public static String debug(Projection projection) {
        DebugText d = new DebugText(false);
        d.projection(requireNonNull(projection, "projection is null"));
        return d.toString();
    }
}
