package dev.dynamatic.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Item;
import io.vavr.control.Either;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Small helpers shared by the integration tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** {@return an item from alternating names and values}; a {@code null} value is DynamoDB's NULL */
    static Item item(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Item.of(m);
    }

    /** {@return the item with more attributes set (or replaced)} */
    static Item with(Item base, Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        Item more = item(namesAndValues);
        m.putAll(more);
        return Item.of(m);
    }

    /** {@return the item without the named attributes} */
    static Item without(Item base, String... names) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        for (String name : names) {
            m.remove(name);
        }
        return Item.of(m);
    }

    /** {@return the right side, failing the test with the left side if there is one} */
    static <T> T right(Either<Failure, T> outcome) {
        return outcome.fold(f -> fail("expected success, got " + f), t -> t);
    }

    /** {@return the condition failure, failing the test if the operation succeeded} */
    static Failure.ConditionFailed conditionFailed(Either<Failure, ?> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof Failure.ConditionFailed c) {
            return c;
        }
        return fail("expected a failed condition, got " + outcome);
    }

    /**
     * Asserts the server rejects the request with the error code and a message containing each fragment.
     *
     * @return the exception, for further checks
     */
    static AwsServiceException rejected(String code, Executable request, String... fragments) {
        AwsServiceException e = assertThrows(AwsServiceException.class, request);
        assertEquals(code, e.awsErrorDetails().errorCode(), e::getMessage);
        for (String fragment : fragments) {
            assertTrue(e.awsErrorDetails().errorMessage().contains(fragment),
                    () -> "message lacks \"" + fragment + "\": " + e.awsErrorDetails().errorMessage());
        }
        return e;
    }
}
