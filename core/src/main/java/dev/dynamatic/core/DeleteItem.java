package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/**
 * A DeleteItem: the key, an optional condition, whether to return the deleted item, and a last adjustment of
 * the SDK request. Also a transaction action ({@link Transaction#delete}).
 *
 * {@snippet :
 * DeleteItem d = DeleteItem.of(Key.of("CUST#1", "CART#p7")).withCondition(attributeExists(path("PK"))).withReturnOld(true);
 * }
 *
 * <p>Immutable: each {@code with…} method returns a changed copy. Equal when key, condition and
 * {@code returnOld} are equal (the customizer is not compared).
 */
public final class DeleteItem {

    private final Key key;
    private final @Nullable Condition condition;
    private final boolean returnOld;
    private final @Nullable Consumer<DeleteItemRequest.Builder> customizer;

    private DeleteItem(Key key, @Nullable Condition condition, boolean returnOld,
                       @Nullable Consumer<DeleteItemRequest.Builder> customizer) {
        this.key = key;
        this.condition = condition;
        this.returnOld = returnOld;
        this.customizer = customizer;
    }

    /**
     * {@return an unconditional delete of the item with this key}
     *
     * @param key the item's key
     */
    public static DeleteItem of(Key key) {
        return new DeleteItem(requireNonNull(key, "key is null"), null, false, null);
    }

    /**
     * {@return this delete, only if the condition holds for the item as it is}
     *
     * @param c what must hold for the stored item; replaces any earlier condition
     */
    public DeleteItem withCondition(Condition c) {
        return new DeleteItem(key, requireNonNull(c, "condition is null"), returnOld, customizer);
    }

    /**
     * {@return this delete returning the deleted item ({@code ReturnValues=ALL_OLD}) if {@code true}}
     *
     * @param returnDeleted {@code true} to return the deleted item, {@code false} (the default) for nothing
     */
    public DeleteItem withReturnOld(boolean returnDeleted) {
        return new DeleteItem(key, condition, returnDeleted, customizer);
    }

    /**
     * {@return this delete with an adjustment applied to the SDK request after everything the library set}, after
     * any adjustment already added; a delete with a customizer cannot be a transaction action
     *
     * @param c changes the request builder; runs after any customizer given before
     */
    public DeleteItem withCustomizer(Consumer<DeleteItemRequest.Builder> c) {
        return new DeleteItem(key, condition, returnOld, Specs.andThen(customizer, c));
    }

    /** {@return the item's key} */
    public Key key() {
        return key;
    }

    /** {@return the condition that must hold for the delete to happen, if any} */
    public Optional<Condition> condition() {
        return Optional.ofNullable(condition);
    }

    /** {@return whether the deleted item is returned} */
    public boolean returnOld() {
        return returnOld;
    }

    /** {@return the adjustment applied to the SDK request last, if one was added} */
    public Optional<Consumer<DeleteItemRequest.Builder>> customizer() {
        return Optional.ofNullable(customizer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeleteItem d && key.equals(d.key) && Objects.equals(condition, d.condition)
                && returnOld == d.returnOld;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, condition, returnOld);
    }

    /** {@return the delete's parts, values redacted} */
    @Override
    public String toString() {
        return "DeleteItem[key=" + key + Specs.condition(condition) + (returnOld ? ", returnOld" : "")
                + Specs.customized(customizer) + "]";
    }
}
