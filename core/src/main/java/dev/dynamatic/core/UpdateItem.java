package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Update;
import dev.dynamatic.render.Renderer;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * An UpdateItem: the key, the update's actions, an optional condition, what to return, write behaviours, and a last
 * adjustment of the SDK request. Also a transaction action ({@link Transaction#update}).
 *
 * {@snippet :
 * UpdateItem ship = UpdateItem.of(key, update(set(path("status"), value("SHIPPED")), remove(path("GSI2PK"))))
 *         .withCondition(eq(path("status"), value("OPEN")))
 *         .withReturnValues(ReturnValue.ALL_NEW);
 * }
 *
 * <p><b>Behaviours</b> ({@link #withBehaviours}, or an entity type's through {@code Entity.update(..)}) add their
 * actions after the update's own when the update is assembled: see {@link Behaviour}.
 *
 * <p>Immutable: each {@code with…} method (and {@link #and}) returns a changed copy. Equal when key, actions,
 * condition, return values and behaviours are equal (the customizer is not compared).
 */
public final class UpdateItem {

    private final Key key;
    private final Update update;
    private final @Nullable Condition condition;
    private final ReturnValue returnValues;
    private final Behaviours behaviours;
    private final @Nullable Consumer<UpdateItemRequest.Builder> customizer;

    private UpdateItem(Key key, Update update, @Nullable Condition condition, ReturnValue returnValues,
                       Behaviours behaviours, @Nullable Consumer<UpdateItemRequest.Builder> customizer) {
        this.key = key;
        this.update = update;
        this.condition = condition;
        this.returnValues = returnValues;
        this.behaviours = behaviours;
        this.customizer = customizer;
    }

    /**
     * {@return an unconditional update of the item with this key, returning nothing}
     *
     * @param key the item's key
     * @param update the actions, e.g. {@code update(set(path("status"), value("SHIPPED")))}
     */
    public static UpdateItem of(Key key, Update update) {
        return new UpdateItem(requireNonNull(key, "key is null"), requireNonNull(update, "update is null"), null,
                ReturnValue.NONE, Behaviours.none(), null);
    }

    /**
     * {@return this update, only if the condition holds for the item as it is}
     *
     * @param c what must hold for the stored item; replaces any earlier condition
     */
    public UpdateItem withCondition(Condition c) {
        return new UpdateItem(key, update, requireNonNull(c, "condition is null"), returnValues, behaviours, customizer);
    }

    /**
     * {@return this update returning the given attributes}
     *
     * @param r {@code NONE} (the default), {@code ALL_OLD}, {@code UPDATED_OLD}, {@code ALL_NEW} or {@code UPDATED_NEW}
     * @throws IllegalArgumentException for a value unknown to this SDK version
     */
    public UpdateItem withReturnValues(ReturnValue r) {
        requireNonNull(r, "returnValues is null");
        if (r == ReturnValue.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("returnValues must be NONE, ALL_OLD, UPDATED_OLD, ALL_NEW or UPDATED_NEW");
        }
        return new UpdateItem(key, update, condition, r, behaviours, customizer);
    }

    /**
     * {@return this update applying the behaviours}: their actions follow the update's own; replaces behaviours given
     * before
     *
     * @param b the behaviours, e.g. an entity type's {@code Entity.behaviours()}
     */
    public UpdateItem withBehaviours(Behaviours b) {
        return new UpdateItem(key, update, condition, returnValues, requireNonNull(b, "behaviours is null"),
                customizer);
    }

    /**
     * {@return this update with more actions: the given fragment's actions after this one's}
     *
     * @param more the actions to add
     */
    public UpdateItem and(Update more) {
        return new UpdateItem(key, update.and(requireNonNull(more, "update is null")), condition, returnValues,
                behaviours, customizer);
    }

    /**
     * {@return this update with an adjustment applied to the SDK request after everything the library set}, after
     * any adjustment already added; an update with a customizer cannot be a transaction action
     *
     * @param c changes the request builder; runs after any customizer given before
     */
    public UpdateItem withCustomizer(Consumer<UpdateItemRequest.Builder> c) {
        return new UpdateItem(key, update, condition, returnValues, behaviours, Specs.andThen(customizer, c));
    }

    /** {@return the item's key} */
    public Key key() {
        return key;
    }

    /** {@return the update's actions} */
    public Update update() {
        return update;
    }

    /** {@return the condition that must hold for the update to happen, if any} */
    public Optional<Condition> condition() {
        return Optional.ofNullable(condition);
    }

    /** {@return what the update returns: {@code NONE} unless set} */
    public ReturnValue returnValues() {
        return returnValues;
    }

    /** {@return the behaviours whose actions follow the update's own: none unless set} */
    public Behaviours behaviours() {
        return behaviours;
    }

    /** {@return the adjustment applied to the SDK request last, if one was added} */
    public Optional<Consumer<UpdateItemRequest.Builder>> customizer() {
        return Optional.ofNullable(customizer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpdateItem u && key.equals(u.key) && update.equals(u.update)
                && Objects.equals(condition, u.condition) && returnValues == u.returnValues
                && behaviours.equals(u.behaviours);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, update, condition, returnValues, behaviours);
    }

    /** {@return the update's parts, values redacted} */
    @Override
    public String toString() {
        return "UpdateItem[key=" + key + ", update=" + Renderer.debug(update) + Specs.condition(condition)
                + (returnValues == ReturnValue.NONE ? "" : ", returnValues=" + returnValues)
                + Specs.behaviours(behaviours) + Specs.customized(customizer) + "]";
    }
}
