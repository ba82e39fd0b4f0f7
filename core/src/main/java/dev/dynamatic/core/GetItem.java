package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Projection;
import dev.dynamatic.render.Renderer;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * A GetItem: the key, an optional projection, the read consistency and a last adjustment of the SDK request.
 *
 * {@snippet :
 * GetItem get = GetItem.of(Key.of("CUST#1", "PROFILE")).withProjection(projection("name", "email")).withConsistentRead(true);
 * Optional<Item> profile = shop.get(get, Item.codec());
 * }
 *
 * <p>Immutable: each {@code with…} method returns a changed copy. Equal when key, projection and consistency are
 * equal (the customizer is not compared).
 */
public final class GetItem {

    private final Key key;
    private final @Nullable Projection projection;
    private final boolean consistentRead;
    private final @Nullable Consumer<GetItemRequest.Builder> customizer;

    private GetItem(Key key, @Nullable Projection projection, boolean consistentRead,
                    @Nullable Consumer<GetItemRequest.Builder> customizer) {
        this.key = key;
        this.projection = projection;
        this.consistentRead = consistentRead;
        this.customizer = customizer;
    }

    /**
     * {@return a get of the item with this key, all attributes, eventually consistent}
     *
     * @param key the item's key
     */
    public static GetItem of(Key key) {
        return new GetItem(requireNonNull(key, "key is null"), null, false, null);
    }

    /**
     * {@return this get returning only the projected attributes}
     *
     * @param p the attributes to return
     */
    public GetItem withProjection(Projection p) {
        return new GetItem(key, requireNonNull(p, "projection is null"), consistentRead, customizer);
    }

    /**
     * {@return this get with the given read consistency (eventually consistent unless {@code true})}
     *
     * @param consistent {@code true} for a strongly consistent read
     */
    public GetItem withConsistentRead(boolean consistent) {
        return new GetItem(key, projection, consistent, customizer);
    }

    /**
     * {@return this get with an adjustment applied to the SDK request after everything the library set}, after any
     * adjustment already added (for example {@code b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)})
     *
     * @param c changes the request builder; runs after any customizer given before
     */
    public GetItem withCustomizer(Consumer<GetItemRequest.Builder> c) {
        return new GetItem(key, projection, consistentRead, Specs.andThen(customizer, c));
    }

    /** {@return the item's key} */
    public Key key() {
        return key;
    }

    /** {@return the attributes to return; empty for all} */
    public Optional<Projection> projection() {
        return Optional.ofNullable(projection);
    }

    /** {@return whether the read is strongly consistent} */
    public boolean consistentRead() {
        return consistentRead;
    }

    /** {@return the adjustment applied to the SDK request last, if one was added} */
    public Optional<Consumer<GetItemRequest.Builder>> customizer() {
        return Optional.ofNullable(customizer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetItem g && key.equals(g.key) && Objects.equals(projection, g.projection)
                && consistentRead == g.consistentRead;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, projection, consistentRead);
    }

    /** {@return the get's parts, values redacted} */
    @Override
    public String toString() {
        return "GetItem[key=" + key + (projection == null ? "" : ", projection=" + Renderer.debug(projection))
                + (consistentRead ? ", consistentRead" : "") + Specs.customized(customizer) + "]";
    }
}
