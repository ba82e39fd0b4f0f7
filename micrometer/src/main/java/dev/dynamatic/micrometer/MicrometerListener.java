package dev.dynamatic.micrometer;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.Operation;
import dev.dynamatic.core.OperationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;

/**
 * An {@link OperationListener} that records Dynamatic's operations and attempts as Micrometer meters; the meters
 * and their tags are listed in the {@linkplain dev.dynamatic.micrometer package documentation}.
 *
 * <p>Immutable and thread-safe; one instance may observe any number of tables.
 *
 * {@snippet :
 * Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"))
 *         .withListener(MicrometerListener.of(registry));
 * }
 */
public final class MicrometerListener implements OperationListener {

    private final MeterRegistry registry;

    private MicrometerListener(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * {@return a listener recording into the registry}
     *
     * @param registry where the meters are registered
     */
    public static MicrometerListener of(MeterRegistry registry) {
        return new MicrometerListener(requireNonNull(registry, "registry is null"));
    }

    /** {@return the observation of one operation: its attempts and end become meter updates} */
    @Override
    public Observation start(Operation operation) {
        Tags tags = Tags.of("operation", name(operation.kind()), "table", table(operation));
        return new Observation() {
            @Override
            public void attempt(Operation.Attempt a) {
                Counter.builder("dynamatic.attempts").description("Requests sent for Dynamatic's operations")
                        .tags(tags).tag("outcome", name(a.outcome())).register(registry).increment();
                if (a.again()) {
                    Counter.builder("dynamatic.retries").description("Attempts that asked to be tried again")
                            .tags(tags).register(registry).increment();
                }
                if (a.outcome() == Operation.Outcome.THROTTLED) {
                    Counter.builder("dynamatic.throttles").description("Attempts DynamoDB throttled")
                            .tags(tags).register(registry).increment();
                }
                if (a.unprocessed() > 0) {
                    Counter.builder("dynamatic.items.unprocessed")
                            .description("Items DynamoDB returned unprocessed, over all attempts")
                            .tags(tags).register(registry).increment(a.unprocessed());
                }
            }

            @Override
            public void end(Operation.End e) {
                Timer.builder("dynamatic.operation").description("Dynamatic's logical operations")
                        .tags(tags).tag("outcome", name(e.outcome())).tag("error", e.error().orElse("none"))
                        .register(registry).record(e.duration());
                if (e.returned() > 0) {
                    Counter.builder("dynamatic.items.returned").description("Items read")
                            .tags(tags).register(registry).increment(e.returned());
                }
                if (e.written() > 0) {
                    Counter.builder("dynamatic.items.written").description("Items written")
                            .tags(tags).register(registry).increment(e.written());
                }
                for (Operation.Capacity c : e.capacity()) {
                    Counter.builder("dynamatic.capacity.units").description("Capacity units DynamoDB reported consumed")
                            .tags("operation", name(operation.kind()), "table", c.table(),
                                    "index", c.index().orElse("none"))
                            .register(registry).increment(c.units());
                }
            }
        };
    }

    /** {@return the kind's tag value: its name in lower case} */
    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String table(Operation operation) {
        return operation.tables().size() == 1 ? operation.tables().getFirst()
                : String.join(",", operation.tables().stream().sorted().toList());
    }

    /** {@return the registry's class, never its contents} */
    @Override
    public String toString() {
        return "MicrometerListener[" + registry.getClass().getSimpleName() + "]";
    }
}
