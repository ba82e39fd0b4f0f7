package dev.dynamatic.it;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.it.server.DynamoDbClients;
import dev.dynamatic.it.server.DynamoDbServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An HTTP proxy on 127.0.0.1 between an SDK client and the DynamoDB-compatible server that injects faults on the
 * wire, with DynamoDB's real error bodies: throttling ({@code ProvisionedThroughputExceededException},
 * {@code ThrottlingException}, status 400), 500s, connections dropped before or after forwarding, batches that come
 * back partly unprocessed, and the transaction outcomes no local engine produces ({@code TransactionConflict} and
 * throttling cancellations, {@code IdempotentParameterMismatchException}).
 *
 * <p>Faults come from a random plan (a rate per kind, for some operations) or are scripted for the next requests of
 * one operation. Everything is counted per operation: requests, faults injected by kind, requests forwarded, and
 * answers dropped after the server answered, split by whether the server applied the request (answered 200) or
 * refused it. A request sent inside {@link #tagged} carries its tag in a header, and the proxy records each such
 * request (its fault, the server's status, whether the client got the answer), so that a test can tell for each
 * logical write what the server did with each of its attempts. An answer is held until its attempt is counted, so
 * a client that got its answer finds it in the counts. A rewritten body gets a recomputed {@code x-amz-crc32}, or
 * the SDK would reject it as corrupt. A partial batch is truthful: the proxy removes the unprocessed part from the
 * request before forwarding it, so "unprocessed" means "not applied", as with DynamoDB.
 *
 * <p>Each client connection has its own keep-alive connection to the server. Test code only.
 */
final class FaultProxy implements AutoCloseable {

    /** A fault the proxy can inject. */
    enum Fault {
        /** 400 {@code ProvisionedThroughputExceededException}, nothing forwarded. */
        PROVISIONED_THROUGHPUT_EXCEEDED,
        /** 400 {@code ThrottlingException}, nothing forwarded. */
        THROTTLING,
        /** 500 {@code InternalServerError}, nothing forwarded. */
        INTERNAL_SERVER_ERROR,
        /** The connection is closed after the request was read, before it is forwarded. */
        DROP_BEFORE_FORWARD,
        /** The request is forwarded and answered, then the connection is closed without the answer. */
        DROP_AFTER_FORWARD,
        /**
         * Like DROP_AFTER_FORWARD, but only when the server applied the request (answered 200); else the answer is
         * relayed and no fault is counted.
         */
        DROP_AFTER_APPLIED,
        /** BatchWriteItem/BatchGetItem: about half of the chunk is held back and returned as unprocessed. */
        PARTIAL_BATCH,
        /** Transactions: cancelled, one action {@code TransactionConflict}, nothing forwarded. */
        TRANSACTION_CONFLICT,
        /** Transactions: cancelled, one action {@code ThrottlingError}, nothing forwarded. */
        TRANSACTION_THROTTLED,
        /** TransactWriteItems: 400 {@code IdempotentParameterMismatchException}, nothing forwarded. */
        IDEMPOTENT_MISMATCH;

        boolean appliesTo(String operation) {
            return switch (this) {
                case PARTIAL_BATCH -> operation.equals("BatchWriteItem") || operation.equals("BatchGetItem");
                case TRANSACTION_CONFLICT, TRANSACTION_THROTTLED ->
                        operation.equals("TransactWriteItems") || operation.equals("TransactGetItems");
                case IDEMPOTENT_MISMATCH -> operation.equals("TransactWriteItems");
                case PROVISIONED_THROUGHPUT_EXCEEDED, THROTTLING, INTERNAL_SERVER_ERROR, DROP_BEFORE_FORWARD,
                     DROP_AFTER_FORWARD, DROP_AFTER_APPLIED -> true;
            };
        }
    }

    private record Plan(Map<Fault, Double> rates, Set<String> operations) {
    }

    /**
     * One tagged request as the proxy handled it.
     *
     * @param operation the DynamoDB operation
     * @param fault the fault injected, if any (a DROP_AFTER_APPLIED the server refused is none)
     * @param status the server's HTTP status, or 0 if the request did not reach the server (nor part of it)
     * @param answered whether the client got an answer (the server's or an injected error)
     */
    record Attempt(String operation, Optional<Fault> fault, int status, boolean answered) {

        /** {@return whether the server answered 200, applying the request} (a partial batch: the part it received) */
        boolean applied() {
            return status == 200;
        }

        /**
         * {@return whether the client cannot know from this attempt alone what became of it}: the connection
         * dropped, or a 500 ("may or may not have succeeded")
         */
        boolean lost() {
            return !answered || fault.filter(f -> f == Fault.INTERNAL_SERVER_ERROR).isPresent();
        }
    }

    /** The header carrying a tag from the client to the proxy; the server ignores it. */
    static final String TAG_HEADER = "x-dynamatic-fault-proxy-tag";

    private static final ThreadLocal<String> TAG = new ThreadLocal<>();

    /** Adds the current thread's tag ({@link #tagged}) to each HTTP request of the client. */
    private static final ExecutionInterceptor TAGGER = new ExecutionInterceptor() {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                                                ExecutionAttributes executionAttributes) {
            String tag = TAG.get();
            return tag == null ? context.httpRequest() : context.httpRequest().toBuilder().putHeader(TAG_HEADER, tag)
                    .build();
        }
    };

    private record Scripted(Fault fault, Runnable meanwhile) {
    }

    private record Message(String start, List<String[]> headers, byte[] body) {
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        int status() {
            return Integer.parseInt(start.split(" ", 3)[1]);
        }
    }

    private static final String JSON_TYPE = "application/x-amz-json-1.0";
    private static final String DDB = "com.amazonaws.dynamodb.v20120810#";

    private final ServerSocket listener;
    private final URI upstream;
    private final Thread acceptor;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Scripted>> scripted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> forwarded = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> appliedButDropped = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusedButDropped = new ConcurrentHashMap<>();
    private final Map<String, Map<Fault, LongAdder>> injected = new ConcurrentHashMap<>();
    private final Map<String, List<Attempt>> tagged = new ConcurrentHashMap<>();
    private final List<String> transactionTokens = new CopyOnWriteArrayList<>();
    private volatile Plan plan = new Plan(Map.of(), Set.of());
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, URI upstream) {
        this.listener = listener;
        this.upstream = upstream;
        this.acceptor = Thread.ofPlatform().daemon().name("fault-proxy-accept").start(this::accept);
    }

    /** {@return a proxy on a free port of 127.0.0.1 forwarding to the plain-HTTP endpoint} */
    static FaultProxy start(URI upstream) {
        requireNonNull(upstream, "upstream is null");
        if (!"http".equals(upstream.getScheme())) {
            throw new IllegalArgumentException("the fault proxy forwards plain HTTP; the server is at " + upstream
                    + " (a signed request cannot be re-addressed to a real DynamoDB endpoint either)");
        }
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            return new FaultProxy(s, upstream);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@return where clients connect} */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /**
     * {@return a new sync client for the server that goes through this proxy}, with the interceptors (for
     * counting attempts), the one that sends {@link #tagged tags}, and the SDK's defaults otherwise (its retries
     * included); the caller closes it
     */
    DynamoDbClient client(DynamoDbServer server, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(DynamoDbClients.region(server))
                .credentialsProvider(DynamoDbClients.credentials(server))
                .overrideConfiguration(o -> {
                    o.apiCallTimeout(Duration.ofSeconds(60));
                    o.addExecutionInterceptor(TAGGER);
                    for (ExecutionInterceptor i : interceptors) {
                        o.addExecutionInterceptor(i);
                    }
                })
                .build();
    }

    /** Injects each fault at its rate (the rates of the faults that apply to an operation add up) on these operations. */
    void plan(Map<Fault, Double> rates, String... operations) {
        double total = rates.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total > 1) {
            throw new IllegalArgumentException("fault rates add up to " + total);
        }
        plan = new Plan(Collections.unmodifiableMap(new EnumMap<>(rates)), Set.of(operations));
    }

    /** Stops random faults (scripted ones stay queued). */
    void calm() {
        plan = new Plan(Map.of(), Set.of());
    }

    /** Injects these faults, in order, into the next requests of the operation. */
    void injectNext(String operation, Fault... faults) {
        for (Fault f : faults) {
            injectNext(operation, f, () -> { });
        }
    }

    /**
     * Injects the fault into the next request of the operation; for the two drops, runs {@code meanwhile} just before
     * the connection is dropped (after the server answered, for DROP_AFTER_FORWARD): another writer stepping in while
     * the client still waits.
     */
    void injectNext(String operation, Fault fault, Runnable meanwhile) {
        if (!fault.appliesTo(operation)) {
            throw new IllegalArgumentException(fault + " does not apply to " + operation);
        }
        scripted.computeIfAbsent(operation, o -> new ArrayDeque<>());
        Deque<Scripted> q = scripted.get(operation);
        synchronized (q) {
            q.add(new Scripted(fault, meanwhile));
        }
    }

    /** {@return the requests received for the operation} */
    long requests(String operation) {
        return count(requests, operation);
    }

    /** {@return the requests of the operation the server received (all or, for a partial batch, part of them)} */
    long forwarded(String operation) {
        return count(forwarded, operation);
    }

    /**
     * {@return the requests of the operation the server answered 200 to whose answer was then dropped}: the
     * DROP_AFTER_FORWARD the server applied and every DROP_AFTER_APPLIED
     */
    long appliedButDropped(String operation) {
        return count(appliedButDropped, operation);
    }

    /** {@return the requests of the operation the server refused (answered other than 200) whose answer was dropped} */
    long refusedButDropped(String operation) {
        return count(refusedButDropped, operation);
    }

    /** {@return the faults injected into all operations, by kind} */
    Map<Fault, Long> injected() {
        Map<Fault, Long> m = new EnumMap<>(Fault.class);
        injected.values().forEach(byKind -> byKind.forEach((f, n) -> m.merge(f, n.sum(), Long::sum)));
        return m;
    }

    /** {@return the faults injected into the operation, by kind} */
    Map<Fault, Long> injected(String operation) {
        Map<Fault, Long> m = new EnumMap<>(Fault.class);
        Map<Fault, LongAdder> byKind = injected.get(operation);
        if (byKind != null) {
            byKind.forEach((f, n) -> m.put(f, n.sum()));
        }
        return m;
    }

    /** {@return the faults of this kind injected into all operations} */
    long injected(Fault fault) {
        return injected().getOrDefault(fault, 0L);
    }

    /**
     * Runs the call with the tag on this thread: every request the call sends through a client of this proxy carries
     * it, and the proxy records how it handled each ({@link #attempts(String)}). For sync clients, whose requests
     * are sent on the calling thread.
     */
    static <T> T tagged(String tag, Supplier<T> call) {
        requireNonNull(tag, "tag is null");
        String outer = TAG.get();
        TAG.set(tag);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                TAG.remove();
            } else {
                TAG.set(outer);
            }
        }
    }

    /** {@return the requests sent with the tag, in the order the proxy finished handling them} */
    List<Attempt> attempts(String tag) {
        List<Attempt> a = tagged.get(tag);
        if (a == null) {
            return List.of();
        }
        synchronized (a) {
            return List.copyOf(a);
        }
    }

    /** {@return the ClientRequestToken of every TransactWriteItems request received, in order} */
    List<String> transactionTokens() {
        return List.copyOf(transactionTokens);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : clients) {
            closeQuietly(s);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- serving

    private void accept() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                clients.add(s);
                Thread.ofVirtual().name("fault-proxy-conn").start(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[fault-proxy] accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client; Upstream up = new Upstream()) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (!closed) {
                Message request = read(in, true);
                if (request == null) {
                    return;
                }
                String target = request.header("X-Amz-Target");
                String op = target == null ? "?" : target.substring(target.indexOf('.') + 1);
                requests.computeIfAbsent(op, k -> new LongAdder()).increment();
                if (op.equals("TransactWriteItems")) {
                    Object token = Json.object(Json.parse(request.body())).get("ClientRequestToken");
                    transactionTokens.add(String.valueOf(token));
                }
                Scripted s = next(op);
                // the answer is held until the attempt is counted and recorded: a client that got its answer
                // finds it in the counts
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                Attempt a = respond(op, request, s, answer, up);
                a.fault().ifPresent(f -> injected.computeIfAbsent(op, k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(f, k -> new LongAdder()).increment());
                String tag = request.header(TAG_HEADER);
                if (tag != null) {
                    List<Attempt> attempts = tagged.computeIfAbsent(tag, k -> new ArrayList<>());
                    synchronized (attempts) {
                        attempts.add(a);
                    }
                }
                if (!a.answered()) {
                    return; // dropped
                }
                answer.writeTo(out);
                out.flush();
                if ("close".equalsIgnoreCase(request.header("Connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (RuntimeException e) {
            System.err.println("[fault-proxy] " + e);
            e.printStackTrace();
        } finally {
            clients.remove(client);
        }
    }

    /** Answers one request (or drops the connection) and says how. */
    private Attempt respond(String op, Message request, Scripted s, OutputStream out, Upstream up) throws IOException {
        if (s == null) {
            Message answer = forward(op, request, up);
            relay(answer, out);
            return new Attempt(op, Optional.empty(), answer.status(), true);
        }
        Fault fault = s.fault();
        Optional<Fault> injectedFault = Optional.of(fault);
        switch (fault) {
            case PROVISIONED_THROUGHPUT_EXCEEDED -> error(out, 400, Map.of("__type",
                    DDB + "ProvisionedThroughputExceededException", "message",
                    "The level of configured provisioned throughput for the table was exceeded. Consider increasing"
                            + " your provisioning level with the UpdateTable API."));
            case THROTTLING -> error(out, 400, Map.of("__type", "com.amazon.coral.availability#ThrottlingException",
                    "message", "Rate exceeded"));
            case INTERNAL_SERVER_ERROR -> error(out, 500, Map.of("__type", DDB + "InternalServerError",
                    "message", "Internal server error"));
            case DROP_BEFORE_FORWARD -> {
                s.meanwhile().run();
                return new Attempt(op, injectedFault, 0, false);
            }
            case DROP_AFTER_FORWARD, DROP_AFTER_APPLIED -> {
                Message answer = forward(op, request, up);
                if (answer.status() == 200) {
                    appliedButDropped.computeIfAbsent(op, k -> new LongAdder()).increment();
                } else if (fault == Fault.DROP_AFTER_APPLIED) {
                    relay(answer, out);
                    return new Attempt(op, Optional.empty(), answer.status(), true);
                } else {
                    refusedButDropped.computeIfAbsent(op, k -> new LongAdder()).increment();
                }
                s.meanwhile().run();
                return new Attempt(op, injectedFault, answer.status(), false);
            }
            case PARTIAL_BATCH -> {
                int status = partial(op, request, out, up);
                // the server refused the part it was sent: its error was relayed, nothing held back
                return new Attempt(op, status == 0 || status == 200 ? injectedFault : Optional.empty(), status, true);
            }
            case TRANSACTION_CONFLICT -> cancel(out, request, "TransactionConflict", "Transaction is ongoing for the item");
            case TRANSACTION_THROTTLED -> cancel(out, request, "ThrottlingError",
                    "Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling"
                            + " your table or index so please try again shortly. If exceptions persist, check if you"
                            + " have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                            + "bp-partition-key-design.html.");
            case IDEMPOTENT_MISMATCH -> error(out, 400, Map.of("__type", DDB + "IdempotentParameterMismatchException",
                    "Message", "DynamoDB rejected the request because you retried a request with a different payload"
                            + " but with an idempotent token that was already used."));
        }
        return new Attempt(op, injectedFault, 0, true);
    }

    private Scripted next(String op) {
        Deque<Scripted> q = scripted.get(op);
        if (q != null) {
            synchronized (q) {
                Scripted s = q.poll();
                if (s != null) {
                    return s;
                }
            }
        }
        Plan p = plan;
        if (!p.operations().contains(op)) {
            return null;
        }
        double r = ThreadLocalRandom.current().nextDouble();
        double cumulative = 0;
        for (Map.Entry<Fault, Double> e : p.rates().entrySet()) {
            if (!e.getKey().appliesTo(op)) {
                continue;
            }
            cumulative += e.getValue();
            if (r < cumulative) {
                return new Scripted(e.getKey(), () -> { });
            }
        }
        return null;
    }

    // ---- batches held back in part

    /** {@return the server's status for the part forwarded, or 0 if all of it was held back} */
    private int partial(String op, Message request, OutputStream out, Upstream up) throws IOException {
        Map<String, Object> body = Json.object(Json.parse(request.body()));
        Map<String, Object> requestItems = Json.object(body.get("RequestItems"));
        boolean write = op.equals("BatchWriteItem");
        // flatten: (table, element), element a WriteRequest or a key
        List<Object[]> all = new ArrayList<>();
        requestItems.forEach((table, v) -> {
            List<Object> elements = write ? Json.array(v) : Json.array(Json.object(v).get("Keys"));
            for (Object e : elements) {
                all.add(new Object[] {table, e});
            }
        });
        List<Object[]> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        Set<Object[]> held = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        held.addAll(shuffled.subList(0, Math.max(1, all.size() / 2)));

        Map<String, Object> keep = new LinkedHashMap<>();
        Map<String, Object> hold = new LinkedHashMap<>();
        for (Object[] te : all) {
            String table = (String) te[0];
            Map<String, Object> target = held.contains(te) ? hold : keep;
            if (write) {
                Json.array(target.computeIfAbsent(table, t -> new ArrayList<>())).add(te[1]);
            } else {
                Map<String, Object> ka = Json.object(target.computeIfAbsent(table, t -> {
                    Map<String, Object> copy = new LinkedHashMap<>(Json.object(requestItems.get(t)));
                    copy.put("Keys", new ArrayList<>());
                    return copy;
                }));
                Json.array(ka.get("Keys")).add(te[1]);
            }
        }
        String unprocessed = write ? "UnprocessedItems" : "UnprocessedKeys";
        Map<String, Object> answer;
        int status = 0;
        if (keep.isEmpty()) {
            answer = new LinkedHashMap<>();
            if (!write) {
                answer.put("Responses", new LinkedHashMap<>());
            }
            answer.put(unprocessed, hold);
        } else {
            body.put("RequestItems", keep);
            Message forwardedAnswer = forward(op, new Message(request.start(), request.headers(), Json.write(body)), up);
            status = forwardedAnswer.status();
            if (status != 200) {
                relay(forwardedAnswer, out);
                return status;
            }
            answer = Json.object(Json.parse(forwardedAnswer.body()));
            Map<String, Object> merged = new LinkedHashMap<>();
            Object existing = answer.get(unprocessed);
            if (existing != null) {
                merged.putAll(Json.object(existing));
            }
            hold.forEach((table, v) -> {
                if (write) {
                    Json.array(merged.computeIfAbsent(table, t -> new ArrayList<>())).addAll(Json.array(v));
                } else {
                    Object prior = merged.get(table);
                    if (prior == null) {
                        merged.put(table, v);
                    } else {
                        Json.array(Json.object(prior).get("Keys")).addAll(Json.array(Json.object(v).get("Keys")));
                    }
                }
            });
            answer.put(unprocessed, merged);
        }
        send(out, 200, "OK", List.of(), Json.write(answer));
        return status;
    }

    // ---- transactions

    private void cancel(OutputStream out, Message request, String code, String reasonMessage) throws IOException {
        int actions = Json.array(Json.object(Json.parse(request.body())).get("TransactItems")).size();
        int victim = ThreadLocalRandom.current().nextInt(actions);
        List<Object> reasons = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < actions; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (i == victim) {
                r.put("Code", code);
                r.put("Message", reasonMessage);
                codes.add(code);
            } else {
                r.put("Code", "None");
                codes.add("None");
            }
            reasons.add(r);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", DDB + "TransactionCanceledException");
        body.put("CancellationReasons", reasons);
        body.put("Message", "Transaction cancelled, please refer cancellation reasons for specific reasons "
                + codes.toString());
        send(out, 400, "Bad Request", List.of(), Json.write(body));
    }

    // ---- HTTP

    private void error(OutputStream out, int status, Map<String, String> body) throws IOException {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("__type", body.get("__type"));
        body.forEach((k, v) -> {
            if (!k.equals("__type")) {
                ordered.put(k, v);
            }
        });
        send(out, status, status == 500 ? "Internal Server Error" : "Bad Request", List.of(), Json.write(ordered));
    }

    private static void send(OutputStream out, int status, String reason, List<String[]> headers, byte[] body)
            throws IOException {
        List<String[]> all = new ArrayList<>(headers);
        all.add(new String[] {"Content-Type", JSON_TYPE});
        all.add(new String[] {"x-amzn-RequestId", UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT)});
        write(out, "HTTP/1.1 " + status + " " + reason, all, body, true);
    }

    /** Sends the server's answer on, with its own headers and a fresh length (the upstream was asked to close). */
    private static void relay(Message answer, OutputStream out) throws IOException {
        List<String[]> headers = new ArrayList<>();
        for (String[] h : answer.headers()) {
            if (!h[0].equalsIgnoreCase("Connection") && !h[0].equalsIgnoreCase("Content-Length")
                    && !h[0].equalsIgnoreCase("Transfer-Encoding") && !h[0].equalsIgnoreCase("Keep-Alive")) {
                headers.add(h);
            }
        }
        write(out, answer.start(), headers, answer.body(), false);
    }

    private static void write(OutputStream out, String start, List<String[]> headers, byte[] body, boolean crc)
            throws IOException {
        StringBuilder head = new StringBuilder(start).append("\r\n");
        for (String[] h : headers) {
            if (crc && h[0].equalsIgnoreCase("x-amz-crc32")) {
                continue;
            }
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (crc) {
            CRC32 c = new CRC32();
            c.update(body);
            head.append("x-amz-crc32: ").append(c.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private Message forward(String op, Message request, Upstream up) throws IOException {
        List<String[]> headers = new ArrayList<>();
        for (String[] h : request.headers()) {
            if (!h[0].equalsIgnoreCase("Connection") && !h[0].equalsIgnoreCase("Content-Length")
                    && !h[0].equalsIgnoreCase("Transfer-Encoding")) {
                headers.add(h);
            }
        }
        forwarded.computeIfAbsent(op, k -> new LongAdder()).increment();
        Message answer = up.exchange(request.start(), headers, request.body());
        if (answer.header("x-amz-crc32") == null) {
            // keep the body checked end to end even when an engine does not send the checksum
            CRC32 c = new CRC32();
            c.update(answer.body());
            List<String[]> withCrc = new ArrayList<>(answer.headers());
            withCrc.add(new String[] {"x-amz-crc32", Long.toString(c.getValue())});
            return new Message(answer.start(), withCrc, answer.body());
        }
        return answer;
    }

    /**
     * One client connection's keep-alive connection to the server (a connection per request would churn thousands
     * of loopback ports and can stall a request for a SYN retransmit). A connection idle for a while is replaced
     * rather than reused, so that the server closing an idle connection never races a request.
     */
    private final class Upstream implements AutoCloseable {
        private static final long IDLE_NANOS = 1_000_000_000L;

        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private long lastUsed;

        Message exchange(String start, List<String[]> headers, byte[] body) throws IOException {
            if (socket == null || System.nanoTime() - lastUsed > IDLE_NANOS) {
                connect();
            }
            write(out, start, headers, body, false);
            Message answer = read(in, false);
            if (answer == null) {
                close();
                throw new IOException("the server closed the connection without answering");
            }
            lastUsed = System.nanoTime();
            if ("close".equalsIgnoreCase(answer.header("Connection"))) {
                close();
            }
            return answer;
        }

        private void connect() throws IOException {
            close();
            socket = new Socket(upstream.getHost(), upstream.getPort());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        @Override
        public void close() {
            if (socket != null) {
                closeQuietly(socket);
                socket = null;
            }
        }
    }

    /** Reads one HTTP/1.1 message; null at a clean end of stream. */
    private static Message read(InputStream in, boolean request) throws IOException {
        String start = line(in);
        while (start != null && start.isEmpty()) {
            start = line(in);
        }
        if (start == null) {
            return null;
        }
        List<String[]> headers = new ArrayList<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.add(new String[] {l.substring(0, colon).trim(), l.substring(colon + 1).trim()});
        }
        Message head = new Message(start, headers, new byte[0]);
        String te = head.header("Transfer-Encoding");
        String cl = head.header("Content-Length");
        byte[] body;
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("truncated chunked body");
                }
                int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
                if (n == 0) {
                    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
                        // trailers: none expected
                    }
                    break;
                }
                b.write(in.readNBytes(n));
                line(in);
            }
            body = b.toByteArray();
        } else if (cl != null) {
            int n = Integer.parseInt(cl);
            body = in.readNBytes(n);
            if (body.length != n) {
                throw new IOException("truncated body");
            }
        } else if (request) {
            body = new byte[0];
        } else {
            body = in.readAllBytes(); // no length: the upstream closes after the answer
        }
        return new Message(start, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static long count(Map<String, LongAdder> m, String key) {
        LongAdder n = m.get(key);
        return n == null ? 0 : n.sum();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + endpoint() + " -> " + upstream + "]";
    }
}
