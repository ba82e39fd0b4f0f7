package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Projection;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * A GetItem: the key, an optional projection, the read consistency and a last adjustment of the SDK request.
 *
 * {@snippet :
 * GetItem get = GetItem.of(Key.of("CUST#1", "PROFILE")).projection(projection("name", "email")).consistentRead(true);
 * }
 *
 * @param key the item's key
 * @param projection the attributes to return (all if empty)
 * @param consistentRead whether to read strongly consistently
 * @param customizer applied to the SDK request builder last (e.g. {@code ReturnConsumedCapacity})
 */
public record GetItem(Key key, Optional<Projection> projection, boolean consistentRead,
                      Consumer<GetItemRequest.Builder> customizer) {

    /** Checks the parts are present. */
    public GetItem {
        requireNonNull(key, "key is null");
        requireNonNull(projection, "projection is null");
        requireNonNull(customizer, "customizer is null");
    }

    /** {@return a get of the item with this key, all attributes, eventually consistent} */
    public static GetItem of(Key key) {
        return new GetItem(key, Optional.empty(), false, b -> { });
    }

    /** {@return this get returning only the projected attributes} */
    public GetItem projection(Projection p) {
        return new GetItem(key, Optional.of(p), consistentRead, customizer);
    }

    /** {@return this get with the given read consistency} */
    public GetItem consistentRead(boolean consistent) {
        return new GetItem(key, projection, consistent, customizer);
    }

    /** {@return this get with an adjustment applied to the SDK request after everything else} */
    public GetItem customize(Consumer<GetItemRequest.Builder> c) {
        return new GetItem(key, projection, consistentRead, customizer.andThen(c));
    }
}
