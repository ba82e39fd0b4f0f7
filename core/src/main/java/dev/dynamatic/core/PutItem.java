package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A PutItem: the item with its codec, an optional condition, whether to return the replaced item, write behaviours,
 * and a last adjustment of the SDK request. Also a transaction action ({@link Transaction#put}).
 *
 * {@snippet :
 * PutItem<Customer> put = PutItem.of(customer, customers).withCondition(attributeNotExists(path("PK")));
 * Either<Failure, Written<Customer>> written = shop.put(put);
 * }
 *
 * <p><b>Behaviours.</b> When the put is assembled, the codec's {@linkplain ItemCodec#behaviours() behaviours} (an
 * entity type's) and then the put's own ({@link #withBehaviours}) add their attributes to the item; a
 * {@link Behaviour.CreatedAt} makes the put a create, conditioned on {@code attribute_not_exists} of its attribute
 * (see {@link Behaviour}).
 *
 * <p>Immutable: each {@code with…} method returns a changed copy. Equal when item, codec, condition,
 * {@code returnOld} and behaviours are equal (the customizer is not compared).
 *
 * @param <T> the item type
 */
public final class PutItem<T> {

    private final T item;
    private final ItemCodec<T> codec;
    private final @Nullable Condition condition;
    private final boolean returnOld;
    private final Behaviours behaviours;
    private final @Nullable Consumer<PutItemRequest.Builder> customizer;

    private PutItem(T item, ItemCodec<T> codec, @Nullable Condition condition, boolean returnOld,
                    Behaviours behaviours, @Nullable Consumer<PutItemRequest.Builder> customizer) {
        this.item = item;
        this.codec = codec;
        this.condition = condition;
        this.returnOld = returnOld;
        this.behaviours = behaviours;
        this.customizer = customizer;
    }

    /**
     * {@return an unconditional put of the item, encoded by the codec when the put is sent}
     *
     * @param <T> the item type
     * @param item the item
     * @param codec how the item becomes attributes, key included
     */
    public static <T> PutItem<T> of(T item, ItemCodec<T> codec) {
        return new PutItem<>(requireNonNull(item, "item is null"), requireNonNull(codec, "codec is null"), null,
                false, Behaviours.none(), null);
    }

    /**
     * {@return an unconditional put of plain data}
     *
     * @param item the item, with its key attributes
     */
    public static PutItem<Item> of(Item item) {
        return of(item, Item.codec());
    }

    /**
     * {@return this put, only if the condition holds for the item it would replace}
     *
     * @param c what must hold for the stored item; replaces any earlier condition
     */
    public PutItem<T> withCondition(Condition c) {
        return new PutItem<>(item, codec, requireNonNull(c, "condition is null"), returnOld, behaviours, customizer);
    }

    /**
     * {@return this put returning the item it replaced ({@code ReturnValues=ALL_OLD}) if {@code true}}
     *
     * @param returnReplaced {@code true} to return the replaced item, {@code false} (the default) for nothing
     */
    public PutItem<T> withReturnOld(boolean returnReplaced) {
        return new PutItem<>(item, codec, condition, returnReplaced, behaviours, customizer);
    }

    /**
     * {@return this put applying the behaviours}, after the codec's own; replaces behaviours given before
     *
     * @param b the behaviours of this put, e.g. {@code Behaviours.of(updatedAt("updatedAt"))}
     * @throws IllegalArgumentException if one of them writes an attribute a behaviour of the codec writes
     */
    public PutItem<T> withBehaviours(Behaviours b) {
        codec.behaviours().and(requireNonNull(b, "behaviours is null"));
        return new PutItem<>(item, codec, condition, returnOld, b, customizer);
    }

    /**
     * {@return this put with an adjustment applied to the SDK request after everything the library set}, after any
     * adjustment already added; a put with a customizer cannot be a transaction action
     *
     * @param c changes the request builder; runs after any customizer given before
     */
    public PutItem<T> withCustomizer(Consumer<PutItemRequest.Builder> c) {
        return new PutItem<>(item, codec, condition, returnOld, behaviours, Specs.andThen(customizer, c));
    }

    /** {@return the item to write} */
    public T item() {
        return item;
    }

    /** {@return the codec that turns the item into attributes} */
    public ItemCodec<T> codec() {
        return codec;
    }

    /** {@return the condition that must hold for the write to happen, if any} */
    public Optional<Condition> condition() {
        return Optional.ofNullable(condition);
    }

    /** {@return whether the replaced item is returned} */
    public boolean returnOld() {
        return returnOld;
    }

    /** {@return this put's own behaviours (the codec's apply too, before them): none unless set} */
    public Behaviours behaviours() {
        return behaviours;
    }

    /** {@return the adjustment applied to the SDK request last, if one was added} */
    public Optional<Consumer<PutItemRequest.Builder>> customizer() {
        return Optional.ofNullable(customizer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PutItem<?> p && item.equals(p.item) && codec.equals(p.codec)
                && Objects.equals(condition, p.condition) && returnOld == p.returnOld && behaviours.equals(p.behaviours);
    }

    @Override
    public int hashCode() {
        return Objects.hash(item, codec, condition, returnOld, behaviours);
    }

    /** {@return the put's parts: the item's class (never its values) and the condition, values redacted} */
    @Override
    public String toString() {
        return "PutItem[item=" + item.getClass().getSimpleName() + Specs.condition(condition)
                + (returnOld ? ", returnOld" : "") + Specs.behaviours(behaviours) + Specs.customized(customizer) + "]";
    }
}
