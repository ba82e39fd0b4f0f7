package dev.dynamatic.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dynamatic.core.Operation;
import dev.dynamatic.core.OperationListener;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The spans, events and metrics one operation's events become, against OpenTelemetry's in-memory exporters. */
class OpenTelemetryListenerTest {

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    @Test
    void aThrottledBatchIsOneInternalSpanWithAnEventPerAttemptAndTheDurationHistogram() throws Exception {
        OperationListener.Observation o = OpenTelemetryListener.of(otel).start(new Operation(
                Operation.Kind.BATCH_WRITE, "BatchWriteItem", List.of("Orders"), Optional.empty(), Optional.empty()));
        o.attempt(new Operation.Attempt(1, Duration.ofMillis(3), Operation.Outcome.THROTTLED,
                Optional.of("software.amazon.awssdk.services.dynamodb.model.ThrottlingException"), true, List.of(),
                0, 0, 0));
        o.attempt(new Operation.Attempt(2, Duration.ofMillis(4), Operation.Outcome.UNPROCESSED, Optional.empty(), true,
                List.of(new Operation.Capacity("Orders", Optional.empty(), 2, 0, 2)), 0, 2, 3));
        // a worker task runs with the operation's span current
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Span> inWorker = new CompletableFuture<>();
            o.wrap(pool).execute(() -> inWorker.complete(Span.current()));
            assertEquals(inWorker.get(10, TimeUnit.SECONDS).getSpanContext().getSpanId(),
                    captureCurrent(o).getSpanContext().getSpanId());
        } finally {
            pool.shutdown();
        }
        o.attempt(new Operation.Attempt(3, Duration.ofMillis(5), Operation.Outcome.OK, Optional.empty(), false,
                List.of(new Operation.Capacity("Orders", Optional.empty(), 3, 0, 3)), 0, 3, 0));
        o.end(new Operation.End(Operation.Outcome.OK, Optional.empty(), List.of(), 3, Duration.ofMillis(150),
                List.of(new Operation.Capacity("Orders", Optional.empty(), 5, 0, 5),
                        new Operation.Capacity("Orders", Optional.of("GSI1"), 1, 0, 1)), 0, 5, 0));

        SpanData span = spans.getFinishedSpanItems().getFirst();
        assertEquals("BatchWriteItem Orders", span.getName());
        assertEquals(SpanKind.INTERNAL, span.getKind());
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
        assertEquals("aws.dynamodb", span.getAttributes().get(OpenTelemetryListener.DB_SYSTEM_NAME));
        assertEquals("BatchWriteItem", span.getAttributes().get(OpenTelemetryListener.DB_OPERATION_NAME));
        assertEquals("Orders", span.getAttributes().get(OpenTelemetryListener.DB_COLLECTION_NAME));
        assertEquals(List.of("Orders"), span.getAttributes().get(OpenTelemetryListener.TABLE_NAMES));
        assertEquals(List.of("{\"TableName\":\"Orders\",\"CapacityUnits\":5.0,\"ReadCapacityUnits\":0.0,"
                + "\"WriteCapacityUnits\":5.0}"), span.getAttributes().get(OpenTelemetryListener.CONSUMED_CAPACITY));
        assertEquals(5L, span.getAttributes().get(OpenTelemetryListener.ITEMS_WRITTEN));
        List<EventData> events = span.getEvents();
        assertEquals(List.of("throttled", "unprocessed", "ok"), events.stream()
                .map(e -> e.getAttributes().get(OpenTelemetryListener.ATTEMPT_OUTCOME)).toList());
        assertEquals(3L, events.get(1).getAttributes().get(OpenTelemetryListener.ATTEMPT_UNPROCESSED));
        assertEquals("software.amazon.awssdk.services.dynamodb.model.ThrottlingException",
                events.getFirst().getAttributes().get(OpenTelemetryListener.ERROR_TYPE));

        MetricData duration = metric("db.client.operation.duration");
        assertEquals("s", duration.getUnit());
        assertEquals(0.15, duration.getHistogramData().getPoints().iterator().next().getSum(), 1e-9);
        assertEquals(1, metric("dynamatic.client.throttles").getLongSumData().getPoints().iterator().next().getValue());
        assertEquals(2, metric("dynamatic.client.retries").getLongSumData().getPoints().iterator().next().getValue());
        assertEquals(3, metric("dynamatic.client.unprocessed_items").getLongSumData().getPoints().iterator().next()
                .getValue());
        assertEquals(6.0, metric("dynamatic.client.capacity_units").getDoubleSumData().getPoints().stream()
                .mapToDouble(p -> p.getValue()).sum(), 1e-9);
    }

    @Test
    void aFailedOperationSetsTheErrorStatusAndTypeAndAFailedConditionDoesNot() {
        OpenTelemetryListener l = OpenTelemetryListener.of(otel);
        Operation put = new Operation(Operation.Kind.PUT, "PutItem", List.of("Orders"), Optional.empty(),
                Optional.empty());
        l.start(put).end(new Operation.End(Operation.Outcome.ERROR,
                Optional.of("software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException"), List.of(), 1,
                Duration.ofMillis(2), List.of(), 0, 0, 0));
        l.start(put).end(new Operation.End(Operation.Outcome.CONDITION_FAILED, Optional.empty(), List.of(), 1,
                Duration.ofMillis(2), List.of(), 0, 0, 0));
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertEquals(StatusCode.ERROR, finished.get(0).getStatus().getStatusCode());
        assertEquals("software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException",
                finished.get(0).getAttributes().get(OpenTelemetryListener.ERROR_TYPE));
        assertEquals(StatusCode.UNSET, finished.get(1).getStatus().getStatusCode());
        assertEquals("condition_failed", finished.get(1).getAttributes().get(OpenTelemetryListener.OUTCOME));
        assertFalse(finished.get(1).getAttributes().asMap().containsKey(OpenTelemetryListener.ERROR_TYPE));
    }

    @Test
    void needsAnOpenTelemetry() {
        assertEquals("openTelemetry is null", assertThrows(NullPointerException.class,
                () -> OpenTelemetryListener.of(null)).getMessage());
    }

    private static Span captureCurrent(OperationListener.Observation o) {
        Span[] seen = new Span[1];
        o.wrap(() -> seen[0] = Span.current()).run();
        return seen[0];
    }

    private MetricData metric(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }
}
