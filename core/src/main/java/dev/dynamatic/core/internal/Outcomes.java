package dev.dynamatic.core.internal;

import dev.dynamatic.core.BatchReason;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** What comes back from DynamoDB, as the values the API returns: decoded items and failures. */
public final class Outcomes {

    /** Cancellation reasons a retry can clear. */
    private static final Set<String> TRANSIENT = Set.of("TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded");

    private Outcomes() {
    }

    /**
     * {@return the attributes a response returned, decoded}: empty when none were asked for or DynamoDB returned
     * none (the SDK's "empty map means absent")
     */
    public static <T> Optional<T> decode(@Nullable Map<String, AttributeValue> attributes, boolean present,
                                         ItemCodec<T> codec) {
        return present && attributes != null && !attributes.isEmpty() ? Optional.of(codec.decode(attributes))
                : Optional.empty();
    }

    /** {@return the item as a view, or empty for the SDK's absent or empty map} */
    public static Optional<Item> item(@Nullable Map<String, AttributeValue> attributes, boolean present) {
        return decode(attributes, present, Item.codec());
    }

    /** {@return the failure a condition check failure is}, with the item as it was if DynamoDB returned it */
    public static Failure.ConditionFailed conditionFailed(ConditionalCheckFailedException e) {
        return new Failure.ConditionFailed(item(e.item(), e.hasItem()), message(e));
    }

    /** {@return the failure a transaction cancellation is}, one reason per action */
    public static Failure.TransactionCanceled canceled(TransactionCanceledException e) {
        List<Failure.TransactionCanceled.Reason> reasons = new ArrayList<>();
        if (e.hasCancellationReasons()) {
            for (CancellationReason r : e.cancellationReasons()) {
                reasons.add(new Failure.TransactionCanceled.Reason(r.code() == null ? "None" : r.code(),
                        Optional.ofNullable(r.message()), item(r.item(), r.hasItem())));
            }
        }
        return new Failure.TransactionCanceled(reasons, message(e));
    }

    /** {@return whether every reason that is not {@code None} is transient, and there is one} */
    public static boolean allTransient(Failure.TransactionCanceled canceled) {
        boolean any = false;
        for (Failure.TransactionCanceled.Reason r : canceled.reasons()) {
            if (r.none()) {
                continue;
            }
            if (!TRANSIENT.contains(r.code())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * {@return the exception of the first reason that is a {@link BatchReason.Failed}, or null if none is}: the cause
     * of an incomplete batch's exception
     */
    public static @Nullable Throwable firstFailure(List<BatchReason> reasons) {
        for (BatchReason r : reasons) {
            if (r instanceof BatchReason.Failed f) {
                return f.cause();
            }
        }
        return null;
    }

    /** {@return the service's own message} (the SDK's message adds request ids) */
    public static String message(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
    }
}
