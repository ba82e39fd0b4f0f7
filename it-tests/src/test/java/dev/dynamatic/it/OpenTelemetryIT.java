package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.AsyncTable;
import dev.dynamatic.core.BatchWrite;
import dev.dynamatic.core.ConditionCheck;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.OptimisticLock;
import dev.dynamatic.core.ParallelScan;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.RetryPolicy;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.Transaction;
import dev.dynamatic.it.FaultProxy.Fault;
import dev.dynamatic.it.server.DynamoDbServer;
import dev.dynamatic.opentelemetry.OpenTelemetryListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link OpenTelemetryListener} on the real engines, through OpenTelemetry's in-memory exporters: the spans,
 * events and metrics of single calls, a paginated query, a batch under the fault proxy's throttling, a parallel
 * scan and a cancelled transaction; and the context in the batch and parallel-scan workers and in an
 * {@code AsyncTable}'s callbacks.
 */
@DynamoDbIT
class OpenTelemetryIT {

    static final KeySchema SCHEMA = KeySchema.of("pk", "sk");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("dynamatic.attempt.outcome");

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    /** Records the span current on the thread that makes each SDK call: where the AWS SDK's own span would nest. */
    static final class CurrentSpanAtCall implements ExecutionInterceptor {
        final List<String> spanIds = Collections.synchronizedList(new ArrayList<>());
        final Set<String> threads = Collections.synchronizedSet(new java.util.HashSet<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            spanIds.add(Span.current().getSpanContext().getSpanId());
            threads.add(Thread.currentThread().getName());
        }
    }

    private List<SpanData> named(String prefix) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith(prefix)).toList();
    }

    @Test
    void singleCallsAndAPaginatedQueryAreInternalSpansUnderTheCallersSpan(DynamoDbServer server, TestTable table) {
        CurrentSpanAtCall atCall = new CurrentSpanAtCall();
        try (DynamoDbClient client = TestClients.sync(server, atCall)) {
            Table t = Table.of(client, table.name(), SCHEMA).withListener(OpenTelemetryListener.of(otel));
            Span parent = otel.getTracer("test").spanBuilder("request").startSpan();
            Scope scope = parent.makeCurrent();
            try {
                for (int i = 0; i < 5; i++) {
                    t.put(Item.of(Map.of("pk", "o", "sk", "s" + i)));
                }
                assertTrue(t.get(Key.of("o", "s1")).isPresent());
                assertEquals(5, t.query(Query.of(partitionKey("pk", value("o"))).withPageSize(2)).toList().size());
            } finally {
                scope.close();
                parent.end();
            }
            List<SpanData> ours = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getKind() == SpanKind.INTERNAL && !s.getName().equals("request")).toList();
            assertEquals(5, named("PutItem " + table.name()).size());
            assertEquals(1, named("GetItem " + table.name()).size());
            List<SpanData> pages = named("Query " + table.name());
            assertTrue(pages.size() >= 3, pages.size() + " pages");
            for (SpanData s : ours) {
                assertEquals(parent.getSpanContext().getSpanId(), s.getParentSpanId());
                assertEquals("aws.dynamodb", s.getAttributes().get(AttributeKey.stringKey("db.system.name")));
                assertEquals(table.name(), s.getAttributes().get(AttributeKey.stringKey("db.collection.name")));
                assertEquals(1, s.getEvents().size());
            }
            assertEquals(5L, pages.stream().mapToLong(s -> s.getAttributes()
                    .get(AttributeKey.longKey("db.response.returned_rows"))).sum());
            // each SDK call was made with its operation's span current
            assertEquals(ours.stream().map(SpanData::getSpanId).collect(Collectors.toSet()), Set.copyOf(atCall.spanIds));
            MetricData duration = metrics.collectAllMetrics().stream()
                    .filter(m -> m.getName().equals("db.client.operation.duration")).findFirst().orElseThrow();
            assertEquals("s", duration.getUnit());
            assertEquals(ours.size(), duration.getHistogramData().getPoints().stream().mapToLong(p -> p.getCount()).sum());
        }
    }

    @Test
    void aBatchUnderThrottlingIsOneSpanWithAnEventPerAttemptAndItsWorkersCallWithinIt(DynamoDbServer server,
                                                                                     TestTable table) {
        CurrentSpanAtCall atCall = new CurrentSpanAtCall();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint());
             DynamoDbClient faulty = proxy.client(server, atCall)) {
            // two chunks of 25 on two workers; four faults go to whichever chunk sends first
            proxy.injectNext("BatchWriteItem", Fault.PROVISIONED_THROUGHPUT_EXCEEDED, Fault.THROTTLING,
                    Fault.PARTIAL_BATCH, Fault.PARTIAL_BATCH);
            Table t = Table.of(faulty, table.name(), SCHEMA).withListener(OpenTelemetryListener.of(otel));
            List<Item> items = IntStream.range(0, 50).mapToObj(i -> Item.of(Map.of("pk", "ob", "sk", "b" + i))).toList();
            BatchWrite.of().putAll(t, items).withParallelism(2)
                    .withRetry(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).execute();
            Map<Fault, Long> injected = proxy.injected("BatchWriteItem");

            SpanData batch = named("BatchWriteItem").getFirst();
            System.out.println("[opentelemetry] injected " + injected + "\n[opentelemetry] span " + batch.getName()
                    + " " + batch.getKind() + " " + batch.getAttributes() + "\n" + batch.getEvents().stream()
                    .map(e -> "[opentelemetry]   event " + e.getName() + " " + e.getAttributes())
                    .collect(Collectors.joining("\n")));
            List<EventData> events = batch.getEvents();
            assertEquals(injected.get(Fault.PROVISIONED_THROUGHPUT_EXCEEDED) + injected.get(Fault.THROTTLING),
                    events.stream().filter(e -> "throttled".equals(e.getAttributes().get(OUTCOME))).count());
            assertEquals(injected.get(Fault.PARTIAL_BATCH),
                    events.stream().filter(e -> "unprocessed".equals(e.getAttributes().get(OUTCOME))).count());
            assertEquals(2, events.stream().filter(e -> "ok".equals(e.getAttributes().get(OUTCOME))).count());
            assertEquals(proxy.requests("BatchWriteItem"), events.size());
            assertEquals((long) events.size(), batch.getAttributes().get(AttributeKey.longKey("dynamatic.attempts")));
            assertEquals(50L, batch.getAttributes().get(AttributeKey.longKey("dynamatic.items.written")));
            // every call, on whichever worker, was made with the batch's span current
            assertEquals(Set.of(batch.getSpanId()), Set.copyOf(atCall.spanIds));
            assertEquals(events.size(), atCall.spanIds.size());
            assertEquals(2, metrics.collectAllMetrics().stream()
                    .filter(m -> m.getName().equals("dynamatic.client.throttles"))
                    .flatMap(m -> m.getLongSumData().getPoints().stream()).mapToLong(p -> p.getValue()).sum());
        }
    }

    @Test
    void aParallelScansSegmentsAreChildrenOfTheCallerAndTheirPagesChildrenOfTheSegments(DynamoDbClient client,
                                                                                       TestTable table) {
        Table t = Table.of(client, table.name(), SCHEMA).withListener(OpenTelemetryListener.of(otel));
        for (int i = 0; i < 20; i++) {
            t.put(Item.of(Map.of("pk", "ps" + i, "sk", "x")));
        }
        spans.reset();
        Span parent = otel.getTracer("test").spanBuilder("report").startSpan();
        Scope scope = parent.makeCurrent();
        try (ParallelScan<Item> scan = ParallelScan.of(t, Scan.of(), 4).withMaxConcurrency(2)) {
            assertTrue(scan.stream().count() >= 20);
        } finally {
            scope.close();
            parent.end();
        }
        List<SpanData> segments = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("Scan " + table.name()))
                .filter(s -> s.getParentSpanId().equals(parent.getSpanContext().getSpanId())).toList();
        assertEquals(4, segments.size(), "one span per segment, under the caller's");
        Set<String> segmentIds = segments.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        List<SpanData> pages = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("Scan " + table.name())).filter(s -> !segmentIds.contains(s.getSpanId()))
                .toList();
        assertFalse(pages.isEmpty());
        pages.forEach(p -> assertTrue(segmentIds.contains(p.getParentSpanId()), "a page's parent is its segment"));
    }

    /**
     * A callback registered on the future before the answer arrives runs in the operation's span. The answer is held
     * by an interceptor until the callback is registered, so the test does not depend on which comes first (a
     * callback registered on a future already complete runs at once, on the registering thread, in its context).
     */
    @Test
    void anAsyncTablesCallbacksSeeTheOperationsSpan(DynamoDbServer server, TestTable table) throws Exception {
        CountDownLatch registered = new CountDownLatch(1);
        ExecutionInterceptor holdTheAnswer = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context,
                                       ExecutionAttributes attributes) {
                try {
                    registered.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (DynamoDbAsyncClient held = TestClients.async(server, holdTheAnswer)) {
            AsyncTable t = AsyncTable.of(held, table.name(), SCHEMA).withListener(OpenTelemetryListener.of(otel));
            CompletableFuture<String> seen = t.put(PutItem.of(Item.of(Map.of("pk", "oa", "sk", "a"))))
                    .thenApply(w -> Span.current().getSpanContext().getSpanId());
            registered.countDown();
            String inCallback = seen.get(60, TimeUnit.SECONDS);
            assertEquals(named("PutItem").getFirst().getSpanId(), inCallback);
        }
    }

    @Test
    @Tag("transactions")
    void aVersionConflictIsAnOutcomeOfTheLockedWritesSpanNotAnError(DynamoDbClient client, TestTable table) {
        Table t = Table.of(client, table.name(), SCHEMA).withListener(OpenTelemetryListener.of(otel));
        OptimisticLock lock = OptimisticLock.on("v"); // transaction mode: its TransactWriteItems is attempted within
        PutItem<Item> put = PutItem.of(Item.of(Map.of("pk", "olock", "sk", "a")));
        assertEquals(Either.right(1L), lock.put(t, put, 0));
        assertTrue(lock.put(t, put, 0).getLeft() instanceof Failure.VersionConflict);
        List<SpanData> locked = named("TransactWriteItems " + table.name());
        assertEquals(2, locked.size(), "one span per locked write, its transaction's attempts as events");
        assertEquals("version_conflict", locked.get(1).getAttributes().get(AttributeKey.stringKey("dynamatic.outcome")));
        assertEquals(io.opentelemetry.api.trace.StatusCode.UNSET, locked.get(1).getStatus().getStatusCode());
        assertEquals("transaction_canceled", locked.get(1).getEvents().getFirst().getAttributes().get(OUTCOME));
    }

    @Test
    @Tag("transactions")
    void aCancelledTransactionsSpanCarriesTheReasonsWithoutAnErrorStatus(DynamoDbClient client, TestTable table) {
        Table t = Table.of(client, table.name(), SCHEMA).withListener(OpenTelemetryListener.of(otel));
        Either<Failure, ?> r = Transaction.of().put(t, PutItem.of(Item.of(Map.of("pk", "otx", "sk", "a"))))
                .check(t, ConditionCheck.of(Key.of("otx", "missing"), attributeExists(path("pk")))).execute();
        assertTrue(r.isLeft());
        SpanData tx = named("TransactWriteItems").getFirst();
        assertEquals(List.of("None", "ConditionalCheckFailed"),
                tx.getAttributes().get(AttributeKey.stringArrayKey("dynamatic.transaction.cancellation_reasons")));
        assertEquals("transaction_canceled", tx.getAttributes().get(AttributeKey.stringKey("dynamatic.outcome")));
        assertEquals(io.opentelemetry.api.trace.StatusCode.UNSET, tx.getStatus().getStatusCode());
        assertEquals("TransactWriteItems", tx.getAttributes().get(OPERATION));
    }
}
