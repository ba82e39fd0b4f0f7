package dev.dynamatic.opentelemetry;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.Operation;
import dev.dynamatic.core.OperationListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * An {@link OperationListener} that makes an OpenTelemetry span per logical operation, a span event per attempt,
 * and the database client metrics; what it records, and which semantic conventions it follows, is in the
 * {@linkplain dev.dynamatic.opentelemetry package documentation}.
 *
 * <p>Immutable and thread-safe; one instance may observe any number of tables.
 *
 * {@snippet :
 * Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"))
 *         .withListener(OpenTelemetryListener.of(openTelemetry));
 * }
 */
public final class OpenTelemetryListener implements OperationListener {

    /** The instrumentation scope's name, for the tracer and the meter. */
    public static final String SCOPE = "dev.dynamatic";

    // OpenTelemetry semantic conventions v1.44.0: database client spans and metrics, AWS DynamoDB
    static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> DB_COLLECTION_NAME = AttributeKey.stringKey("db.collection.name");
    static final AttributeKey<Long> DB_RESPONSE_RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<List<String>> TABLE_NAMES = AttributeKey.stringArrayKey("aws.dynamodb.table_names");
    static final AttributeKey<String> INDEX_NAME = AttributeKey.stringKey("aws.dynamodb.index_name");
    static final AttributeKey<List<String>> CONSUMED_CAPACITY =
            AttributeKey.stringArrayKey("aws.dynamodb.consumed_capacity");
    static final String DYNAMODB = "aws.dynamodb";

    // this library's own: the conventions define nothing per attempt, nor these counts
    static final AttributeKey<Long> ATTEMPT_NUMBER = AttributeKey.longKey("dynamatic.attempt.number");
    static final AttributeKey<String> ATTEMPT_OUTCOME = AttributeKey.stringKey("dynamatic.attempt.outcome");
    static final AttributeKey<Boolean> ATTEMPT_RETRY = AttributeKey.booleanKey("dynamatic.attempt.retry");
    static final AttributeKey<Long> ATTEMPT_UNPROCESSED = AttributeKey.longKey("dynamatic.attempt.unprocessed_items");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("dynamatic.outcome");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("dynamatic.attempts");
    static final AttributeKey<Long> ITEMS_WRITTEN = AttributeKey.longKey("dynamatic.items.written");
    static final AttributeKey<Long> ITEMS_UNPROCESSED = AttributeKey.longKey("dynamatic.items.unprocessed");
    static final AttributeKey<List<String>> CANCELLATION_REASONS =
            AttributeKey.stringArrayKey("dynamatic.transaction.cancellation_reasons");
    static final AttributeKey<String> ENTITY_TYPE = AttributeKey.stringKey("dynamatic.entity_type");

    private final Tracer tracer;
    private final DoubleHistogram duration;
    private final LongCounter attempts;
    private final LongCounter retries;
    private final LongCounter throttles;
    private final LongCounter unprocessed;
    private final DoubleCounter capacity;

    private OpenTelemetryListener(OpenTelemetry otel) {
        this.tracer = otel.getTracer(SCOPE);
        Meter meter = otel.getMeter(SCOPE);
        this.duration = meter.histogramBuilder("db.client.operation.duration").setUnit("s")
                .setDescription("Duration of database client operations.")
                .setExplicitBucketBoundariesAdvice(List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0))
                .build();
        this.attempts = meter.counterBuilder("dynamatic.client.attempts").setUnit("{attempt}")
                .setDescription("Requests sent for Dynamatic's operations.").build();
        this.retries = meter.counterBuilder("dynamatic.client.retries").setUnit("{attempt}")
                .setDescription("Attempts that asked to be tried again.").build();
        this.throttles = meter.counterBuilder("dynamatic.client.throttles").setUnit("{attempt}")
                .setDescription("Attempts DynamoDB throttled.").build();
        this.unprocessed = meter.counterBuilder("dynamatic.client.unprocessed_items").setUnit("{item}")
                .setDescription("Items DynamoDB returned unprocessed, over all attempts.").build();
        this.capacity = meter.counterBuilder("dynamatic.client.capacity_units").ofDoubles().setUnit("{capacity_unit}")
                .setDescription("Capacity units DynamoDB reported consumed.").build();
    }

    /**
     * {@return a listener recording through this OpenTelemetry instance's tracer and meter}
     *
     * @param openTelemetry the SDK (or {@code GlobalOpenTelemetry.get()})
     */
    public static OpenTelemetryListener of(OpenTelemetry openTelemetry) {
        return new OpenTelemetryListener(requireNonNull(openTelemetry, "openTelemetry is null"));
    }

    /** {@return the observation of one operation: a started span, child of the current context} */
    @Override
    public Observation start(Operation operation) {
        Context parent = Context.current();
        String table = operation.tables().size() == 1 ? operation.tables().getFirst() : null;
        AttributesBuilder common = Attributes.builder().put(DB_SYSTEM_NAME, DYNAMODB)
                .put(DB_OPERATION_NAME, operation.api());
        if (table != null) {
            common.put(DB_COLLECTION_NAME, table);
        }
        Attributes metric = common.build();
        AttributesBuilder spanAttributes = metric.toBuilder().put(TABLE_NAMES, operation.tables());
        operation.index().ifPresent(i -> spanAttributes.put(INDEX_NAME, i));
        operation.entityType().ifPresent(t -> spanAttributes.put(ENTITY_TYPE, t));
        Span span = tracer.spanBuilder(table == null ? operation.api() : operation.api() + " " + table)
                .setSpanKind(SpanKind.INTERNAL).setParent(parent).setAllAttributes(spanAttributes.build()).startSpan();
        Context context = parent.with(span);
        return new Observation() {
            @Override
            public void attempt(Operation.Attempt a) {
                AttributesBuilder event = Attributes.builder().put(ATTEMPT_NUMBER, a.number())
                        .put(ATTEMPT_OUTCOME, name(a.outcome())).put(ATTEMPT_RETRY, a.again());
                if (a.unprocessed() > 0) {
                    event.put(ATTEMPT_UNPROCESSED, a.unprocessed());
                }
                a.error().ifPresent(e -> event.put(ERROR_TYPE, e));
                if (!a.capacity().isEmpty()) {
                    event.put(CONSUMED_CAPACITY, json(a.capacity()));
                }
                span.addEvent("dynamatic.attempt", event.build());
                attempts.add(1, metric.toBuilder().put(ATTEMPT_OUTCOME, name(a.outcome())).build());
                if (a.again()) {
                    retries.add(1, metric);
                }
                if (a.outcome() == Operation.Outcome.THROTTLED) {
                    throttles.add(1, metric);
                }
                if (a.unprocessed() > 0) {
                    unprocessed.add(a.unprocessed(), metric);
                }
            }

            @Override
            public void end(Operation.End e) {
                span.setAttribute(OUTCOME, name(e.outcome()));
                span.setAttribute(ATTEMPTS, (long) e.attempts());
                if (e.written() > 0) {
                    span.setAttribute(ITEMS_WRITTEN, (long) e.written());
                }
                if (e.unprocessed() > 0) {
                    span.setAttribute(ITEMS_UNPROCESSED, (long) e.unprocessed());
                }
                if (reads(operation.kind())) {
                    span.setAttribute(DB_RESPONSE_RETURNED_ROWS, (long) e.returned());
                }
                if (!e.cancellationReasons().isEmpty()) {
                    span.setAttribute(CANCELLATION_REASONS, e.cancellationReasons());
                }
                if (!e.capacity().isEmpty()) {
                    span.setAttribute(CONSUMED_CAPACITY, json(e.capacity()));
                }
                Attributes measured = metric;
                if (e.outcome() == Operation.Outcome.ERROR || e.outcome() == Operation.Outcome.GAVE_UP) {
                    String type = e.error().orElse(name(e.outcome()));
                    span.setAttribute(ERROR_TYPE, type);
                    span.setStatus(StatusCode.ERROR);
                    measured = metric.toBuilder().put(ERROR_TYPE, type).build();
                }
                for (Operation.Capacity c : e.capacity()) {
                    AttributesBuilder b = Attributes.builder().put(DB_SYSTEM_NAME, DYNAMODB)
                            .put(DB_OPERATION_NAME, operation.api()).put(DB_COLLECTION_NAME, c.table());
                    c.index().ifPresent(i -> b.put(INDEX_NAME, i));
                    capacity.add(c.units(), b.build());
                }
                duration.record(e.duration().toNanos() / 1e9, measured);
                span.end();
            }

            @Override
            public Executor wrap(Executor executor) {
                return context.wrap(executor);
            }

            @Override
            public Runnable wrap(Runnable task) {
                return context.wrap(task);
            }
        };
    }

    private static boolean reads(Operation.Kind kind) {
        return switch (kind) {
            case GET, QUERY, SCAN, BATCH_GET, TRANSACT_GET, PARALLEL_SCAN_SEGMENT -> true;
            case PUT, UPDATE, DELETE, BATCH_WRITE, TRANSACT_WRITE, LOCKED_WRITE, PATCH -> false;
        };
    }

    /** {@return each table's capacity as a JSON object of the ConsumedCapacity shape; index rows are left out} */
    static List<String> json(List<Operation.Capacity> rows) {
        List<String> out = new ArrayList<>();
        for (Operation.Capacity c : rows) {
            if (c.index().isEmpty()) {
                out.add("{\"TableName\":\"" + escape(c.table()) + "\",\"CapacityUnits\":" + c.units()
                        + ",\"ReadCapacityUnits\":" + c.readUnits() + ",\"WriteCapacityUnits\":" + c.writeUnits() + "}");
            }
        }
        return out;
    }

    /** Table names are [a-zA-Z0-9_.-]; escaped anyway, so that the JSON is well-formed whatever an engine allows. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** {@return the scope name} */
    @Override
    public String toString() {
        return "OpenTelemetryListener[" + SCOPE + "]";
    }
}
