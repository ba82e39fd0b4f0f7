package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A partial update from a value: {@link Table#patch} writes the attributes the value's codec writes, descending
 * into nested maps so that the attributes the value does not mention — at the top level and inside maps — stay as
 * they are; the attributes it lacks are left alone or removed, as the {@link Mode} says. The item's key comes from
 * the value; like an update, a patch creates the item when there is none (condition it on
 * {@code attributeExists(path(pk))} to change only existing items).
 *
 * {@snippet :
 * record Address(String city, String zip) {}
 * record Profile(String id, String name, Address address, Integer logins) {}
 *
 * // stored: {id=p1, name=Ada, address={city=Paris, zip=75001, floor=3}, logins=7, tags=[a]}
 * table.patch(Patch.of(new Profile("p1", null, new Address("Lyon", null), null), profiles));
 * // stored: {id=p1, name=Ada, address={city=Lyon, zip=75001, floor=3}, logins=7, tags=[a]}
 * table.patch(Patch.of(new Profile("p1", "Ada L.", null, null), profiles).withMode(Patch.Mode.REMOVE_ABSENT));
 * // stored: {id=p1, name=Ada L., tags=[a]}: Profile's absent attributes removed, tags is not Profile's
 * }
 *
 * <p><b>How.</b> DynamoDB sets {@code a.b} only inside an existing map: {@code SET a.b = :v} fails when {@code a} is
 * missing or NULL, and {@code SET a = if_not_exists(a, :m), a.b = :v} is rejected (overlapping paths). So the patch
 * first sends {@code SET a.b = :v, …} conditioned on every parent it descends into being a map
 * ({@code attribute_type(a, :M)}, with the caller's own condition). If that fails, DynamoDB returns the item as it
 * is, and the patch sends the request that fits it: where a parent is missing, NULL or not a map it creates the
 * parent, with everything the value holds under it, in the same request ({@code SET a = :wholeMap}), conditioned on
 * the parent still not being a map ({@code NOT attribute_type(a, :M)}) and the other parents still being maps. When
 * that too fails because a concurrent writer changed the shape meanwhile, it looks again, and so on under the
 * patch's {@link RetryPolicy}: the patch converges however others write, and each attempt either writes the whole
 * patch or nothing. The request that fits what the first found is sent at once; later ones back off as the policy
 * says (they meet other writers). Every request counts against the policy's attempts.
 *
 * <p><b>Not one request, not a snapshot.</b> A patch can take several requests, and its result overlays the value
 * on the item as the <em>last</em> attempt found it. Another writer's change between the attempts is kept where the
 * value does not overwrite it; nothing is read before the first attempt, and the caller's condition is evaluated by
 * each attempt on the item as it is then. Use a condition (or {@link OptimisticLock}) where a patch must apply only to
 * the item the caller read. When the caller's condition is what fails, the result is {@link Failure.ConditionFailed}
 * with the item; when the shape keeps changing until the policy runs out, {@link RetriesExhaustedException}.
 *
 * <p><b>What is written where.</b> Scalars, lists and sets are written whole; maps are descended into, and an empty
 * map creates the map where there is none ({@code SET a = if_not_exists(a, :emptyMap)}). A {@code Map} component
 * of a record is a map too: its entries are added to the stored map, which keeps its other entries (to replace a
 * map whole, send an {@link UpdateItem} with {@code SET}). The table's key attributes
 * are not written (they are the key). Attributes a {@linkplain Behaviour behaviour} owns are left to it (the
 * behaviours apply as in an update); a {@link Behaviour.GeneratedId}'s attribute is written when the value has it.
 *
 * <p>Immutable: each {@code with…} method returns a changed copy. Equal when value, codec, mode, condition,
 * behaviours, {@code returnNew} and retry policy are equal.
 *
 * @param <T> the value's type
 */
public final class Patch<T> {

    /** What happens to the attributes the value lacks. */
    public enum Mode {
        /** They keep what is stored (a {@code null} field means "unchanged"): the default. */
        KEEP_ABSENT,
        /**
         * The top-level attributes the codec may write ({@link ItemCodec#attributeNames()}) that the value lacks are
         * removed ({@code REMOVE a}); inside maps, attributes the value lacks are kept, since the codec names only
         * its top-level attributes.
         */
        REMOVE_ABSENT
    }

    private final T value;
    private final ItemCodec<T> codec;
    private final Mode mode;
    private final @Nullable Condition condition;
    private final Behaviours behaviours;
    private final boolean returnNew;
    private final RetryPolicy retry;

    private Patch(T value, ItemCodec<T> codec, Mode mode, @Nullable Condition condition, Behaviours behaviours,
                  boolean returnNew, RetryPolicy retry) {
        this.value = value;
        this.codec = codec;
        this.mode = mode;
        this.condition = condition;
        this.behaviours = behaviours;
        this.returnNew = returnNew;
        this.retry = retry;
    }

    /**
     * {@return a patch of the item the value is stored as, keeping the attributes it lacks}, retried under
     * {@link RetryPolicy#defaults()}
     *
     * @param <T> the value's type
     * @param value the value, with its key
     * @param codec how the value becomes attributes, key included: a {@link RecordCodec} leaves null components out
     */
    public static <T> Patch<T> of(T value, ItemCodec<T> codec) {
        return new Patch<>(requireNonNull(value, "value is null"), requireNonNull(codec, "codec is null"),
                Mode.KEEP_ABSENT, null, Behaviours.none(), false, RetryPolicy.defaults());
    }

    /**
     * {@return a patch of plain data}: the attributes it has, with its key attributes
     *
     * @param item the attributes to write, with the key
     */
    public static Patch<Item> of(Item item) {
        return of(item, Item.codec());
    }

    /**
     * {@return this patch treating the attributes the value lacks as the mode says}
     *
     * @param m {@link Mode#KEEP_ABSENT} (the default) or {@link Mode#REMOVE_ABSENT}
     * @throws IllegalArgumentException for {@link Mode#REMOVE_ABSENT} with a codec that cannot tell which attributes
     *                                  it writes (such as {@link Item#codec()})
     */
    public Patch<T> withMode(Mode m) {
        requireNonNull(m, "mode is null");
        if (m == Mode.REMOVE_ABSENT && codec.attributeNames().isEmpty()) {
            throw new IllegalArgumentException("REMOVE_ABSENT removes the attributes the codec may write that the value"
                    + " lacks, but this codec (" + codec.getClass().getSimpleName() + ") cannot tell which those are"
                    + " (ItemCodec.attributeNames() is empty): use KEEP_ABSENT, or an UpdateItem with REMOVE actions");
        }
        return new Patch<>(value, codec, m, condition, behaviours, returnNew, retry);
    }

    /**
     * {@return this patch, only if the condition holds for the item as each attempt finds it}
     *
     * @param c what must hold for the stored item; replaces any earlier condition
     */
    public Patch<T> withCondition(Condition c) {
        return new Patch<>(value, codec, mode, requireNonNull(c, "condition is null"), behaviours, returnNew, retry);
    }

    /**
     * {@return this patch applying the behaviours}, after the codec's own; replaces behaviours given before
     *
     * @param b the behaviours, e.g. {@code Behaviours.of(updatedAt("updatedAt"))}
     * @throws IllegalArgumentException if one of them writes an attribute a behaviour of the codec writes
     */
    public Patch<T> withBehaviours(Behaviours b) {
        codec.behaviours().and(requireNonNull(b, "behaviours is null"));
        return new Patch<>(value, codec, mode, condition, b, returnNew, retry);
    }

    /**
     * {@return this patch returning the whole item as written ({@code ReturnValues=ALL_NEW}), decoded by the codec, if
     * {@code true}}
     *
     * @param returnWritten {@code true} to return the item after the patch, {@code false} (the default) for nothing
     */
    public Patch<T> withReturnNew(boolean returnWritten) {
        return new Patch<>(value, codec, mode, condition, behaviours, returnWritten, retry);
    }

    /**
     * {@return this patch retrying under the policy} when the item's shape changes between its attempts
     *
     * @param policy the attempts, backoff and deadline
     */
    public Patch<T> withRetry(RetryPolicy policy) {
        return new Patch<>(value, codec, mode, condition, behaviours, returnNew,
                requireNonNull(policy, "policy is null"));
    }

    /** {@return the value to write} */
    public T value() {
        return value;
    }

    /** {@return the codec that turns the value into attributes} */
    public ItemCodec<T> codec() {
        return codec;
    }

    /** {@return what happens to the attributes the value lacks} */
    public Mode mode() {
        return mode;
    }

    /** {@return the caller's condition, if any} */
    public Optional<Condition> condition() {
        return Optional.ofNullable(condition);
    }

    /** {@return this patch's own behaviours (the codec's apply too, before them): none unless set} */
    public Behaviours behaviours() {
        return behaviours;
    }

    /** {@return whether the item as written is returned} */
    public boolean returnNew() {
        return returnNew;
    }

    /** {@return the retry policy of the patch's attempts} */
    public RetryPolicy retry() {
        return retry;
    }

    /**
     * {@return the top-level attributes {@link Mode#REMOVE_ABSENT} may remove}: the codec's attribute names; empty in
     * {@link Mode#KEEP_ABSENT}
     */
    Set<String> removable() {
        return mode == Mode.REMOVE_ABSENT ? codec.attributeNames().orElseThrow() : Set.of();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Patch<?> p && value.equals(p.value) && codec.equals(p.codec) && mode == p.mode
                && Objects.equals(condition, p.condition) && behaviours.equals(p.behaviours)
                && returnNew == p.returnNew && retry.equals(p.retry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, codec, mode, condition, behaviours, returnNew, retry);
    }

    /** {@return the patch's parts: the value's class (never its values), mode and condition, values redacted} */
    @Override
    public String toString() {
        return "Patch[value=" + value.getClass().getSimpleName() + ", " + mode + Specs.condition(condition)
                + Specs.behaviours(behaviours) + (returnNew ? ", returnNew" : "") + "]";
    }
}
