package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Limits;
import dev.dynamatic.core.internal.Cursors;
import dev.dynamatic.core.internal.IoThreads;
import dev.dynamatic.core.internal.Observer;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * A parallel Scan: {@code totalSegments} segments read concurrently, at most {@link #withMaxConcurrency(int)} at a
 * time, either merged into one stream ({@link #iterator()}, {@link #stream()}) or handed out one
 * {@link ItemStream} per segment ({@link #forEachSegment}). Either way {@link #cursors()} gives, per segment,
 * where to resume: after the last item handed to the consumer, or empty once the segment is finished.
 *
 * {@snippet :
 * try (ParallelScan<Item> export = ParallelScan.of(shop, Scan.of(), 4)) {
 *     export.stream().forEach(writer::write);
 * }
 * // later, after a crash: resume where each segment stopped
 * ParallelScan.of(shop, Scan.of(), 4).withCursors(savedCursors).forEachSegment((segment, items) -> items.forEach(sink));
 * }
 *
 * <p>A {@code ParallelScan} runs once. Its segments run on an executor (by default a shared pool of daemon
 * platform threads, right for the SDK's blocking clients on every JDK from 21; see {@link #withExecutor}), at most
 * {@code maxConcurrency} at a time. The merged stream holds one bounded queue of {@value #BUFFER} items, so a
 * slow consumer holds the segments back instead of filling memory. {@link #close()} — also from another thread,
 * and also when the consumer stopped early — stops every segment: a segment waiting for room in the queue notices
 * within a few milliseconds, a segment inside a call stops after that page (it is never interrupted mid-request:
 * aborting a request half-sent resets the connection, which is rude to the server and kills some local engines),
 * and close returns once all have stopped. If the instance is dropped unclosed, a cleaner stops the segments.
 * Each running segment holds one of the HTTP client's connections (50 by default): keep {@code maxConcurrency}
 * below that. Pages are fetched with the client's own (SDK) retries.
 *
 * @param <T> the item type
 */
public final class ParallelScan<T> implements Iterable<T>, AutoCloseable {

    /** The default number of segments read at once. */
    public static final int DEFAULT_MAX_CONCURRENCY = 8;

    /** The most decoded items the merged stream holds between the segments and the consumer. */
    public static final int BUFFER = 1024;

    private static final Cleaner CLEANER = Cleaner.create();

    private final Table table;
    private final Scan scan;
    private final int totalSegments;
    private final ItemCodec<T> codec;
    private final int maxConcurrency;
    private final List<Optional<String>> start;
    private final @Nullable Executor executor;
    private final State state;

    private ParallelScan(Table table, Scan scan, int totalSegments, ItemCodec<T> codec, int maxConcurrency,
                         List<Optional<String>> start, @Nullable Executor executor) {
        this.table = table;
        this.scan = scan;
        this.codec = codec;
        this.totalSegments = totalSegments;
        this.maxConcurrency = maxConcurrency;
        this.start = start;
        this.executor = executor;
        this.state = new State(start);
    }

    /**
     * {@return a parallel scan of {@code totalSegments} segments, not yet started, items as {@link Item}s}
     *
     * @param table the table to scan
     * @param scan the scan's options, with no segment, cursor or limit
     * @param totalSegments the number of segments, 1 to 1,000,000
     */
    public static ParallelScan<Item> of(Table table, Scan scan, int totalSegments) {
        return of(table, scan, totalSegments, Item.codec());
    }

    /**
     * {@return a parallel scan of {@code totalSegments} segments, not yet started, items decoded by the codec}
     *
     * @param <T> the item type
     * @param table the table to scan
     * @param scan the scan's options, with no segment, cursor or limit
     * @param totalSegments the number of segments, 1 to 1,000,000
     * @param codec how each item is decoded
     * @throws IllegalArgumentException if the number of segments is not 1 to 1,000,000, or the scan already names
     *                                  a segment, a cursor or a limit
     */
    public static <T> ParallelScan<T> of(Table table, Scan scan, int totalSegments, ItemCodec<T> codec) {
        requireNonNull(table, "table is null");
        requireNonNull(scan, "scan is null");
        requireNonNull(codec, "codec is null");
        if (totalSegments < 1 || totalSegments > Limits.MAX_TOTAL_SEGMENTS) {
            throw new IllegalArgumentException("totalSegments must be 1 to " + Limits.MAX_TOTAL_SEGMENTS + ", got " + totalSegments);
        }
        if (scan.segment().isPresent()) {
            throw new IllegalArgumentException("the scan names a segment; a parallel scan makes the segments itself");
        }
        if (scan.startAfter().isPresent()) {
            throw new IllegalArgumentException("a parallel scan resumes per segment: use withCursors(cursors), not withStartAfter");
        }
        if (scan.limit().isPresent()) {
            throw new IllegalArgumentException("a limit is ambiguous across segments; stop consuming instead (and close)");
        }
        return new ParallelScan<>(table, scan, totalSegments, codec, DEFAULT_MAX_CONCURRENCY,
                Collections.nCopies(totalSegments, Optional.of(Cursors.encode(Map.of()))), null);
    }

    /**
     * {@return this scan, not started, reading at most {@code segments} segments at once}
     *
     * @param segments the most segments read at once, at least 1
     * @throws IllegalArgumentException if {@code segments} is less than 1
     */
    public ParallelScan<T> withMaxConcurrency(int segments) {
        if (segments < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + segments);
        }
        return new ParallelScan<>(table, scan, totalSegments, codec, segments, start, executor);
    }

    /**
     * {@return this scan, not started, resuming each segment from its cursor} as {@link #cursors()} gave them (an
     * empty one: the segment is finished and is skipped)
     *
     * @param cursors one per segment, in segment order, as {@link #cursors()} returned them
     * @throws IllegalArgumentException if the number of cursors is not the number of segments, or one is invalid
     */
    public ParallelScan<T> withCursors(List<Optional<String>> cursors) {
        List<Optional<String>> s = List.copyOf(requireNonNull(cursors, "cursors is null"));
        if (s.size() != totalSegments) {
            throw new IllegalArgumentException("one cursor per segment: " + totalSegments + " segments, " + s.size()
                    + " cursors");
        }
        for (Optional<String> c : s) {
            c.ifPresent(Cursors::decode);
        }
        return new ParallelScan<>(table, scan, totalSegments, codec, maxConcurrency, s, executor);
    }

    /**
     * {@return this scan, not started, running its segments on the executor}: by default a shared pool of daemon
     * platform threads (the SDK's synchronous HTTP clients block inside {@code synchronized}, which pins virtual
     * threads on JDK 21 to 23); on JDK 24 or newer a virtual-thread executor is fine
     *
     * @param segmentExecutor runs the segments
     */
    public ParallelScan<T> withExecutor(Executor segmentExecutor) {
        return new ParallelScan<>(table, scan, totalSegments, codec, maxConcurrency, start,
                requireNonNull(segmentExecutor, "executor is null"));
    }

    /** {@return the number of segments} */
    public int totalSegments() {
        return totalSegments;
    }

    /**
     * {@return the merged items of all segments, in no particular order across segments}; starts the segments, may
     * be called once. An exception a segment fails with (after the SDK's retries) is thrown from {@code hasNext}
     * and stops the others.
     *
     * @throws IllegalStateException if this scan was already started
     */
    @Override
    public Iterator<T> iterator() {
        List<Integer> segments = state.start();
        BlockingQueue<Event> queue = new ArrayBlockingQueue<>(BUFFER);
        CLEANER.register(this, state::signal);
        Table t = table;
        ItemCodec<T> c = codec;
        State s = state;
        List<Scan> scans = new ArrayList<>(totalSegments);
        for (int i = 0; i < totalSegments; i++) {
            scans.add(segmentScan(i));
        }
        launch(segments, (segment, o) -> produce(t, scans.get(segment), c, segment, queue, s, o));
        return new Merged(queue, segments.size());
    }

    /** {@return the merged items as a sequential stream; closing the stream closes this scan} */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    /**
     * Hands each unfinished segment's items to the consumer, on the executor's threads, at most
     * {@code maxConcurrency} segments at once; returns when every consumer has returned. A consumer may stop
     * early: its segment's cursor then marks where it stopped. If a consumer throws, the other segments' streams
     * are closed and the first exception is rethrown once all have returned.
     *
     * @param consumer called with the segment number and that segment's items
     * @throws IllegalStateException if this scan was already started
     */
    public void forEachSegment(BiConsumer<Integer, ItemStream<T>> consumer) {
        requireNonNull(consumer, "consumer is null");
        List<Integer> segments = state.start();
        if (segments.isEmpty()) {
            return;
        }
        CLEANER.register(this, state::signal);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        launch(segments, (s, o) -> {
            ItemStream<T> items;
            try {
                items = table.scan(segmentScan(s), codec);
            } catch (RuntimeException e) {
                o.end(e);
                throw e;
            }
            if (!state.open(items)) {
                o.end(Operation.Outcome.GAVE_UP, null, List.of(), 0, 0, 0);
                return;
            }
            RuntimeException failed = null;
            try {
                consumer.accept(s, items);
            } catch (RuntimeException | Error e) {
                failures.add(e);
                failed = e instanceof RuntimeException r ? r : null;
                state.signal();
            } finally {
                state.cursor(s, items.cursor());
                state.closed(items);
                items.close();
            }
            if (failed != null) {
                o.end(failed);
            } else {
                o.end(state.isClosed() ? Operation.Outcome.GAVE_UP : Operation.Outcome.OK, null, List.of(),
                        (int) items.handedOut(), 0, 0);
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                state.awaitWorkers();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                state.signal();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.getFirst();
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            if (first instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) first;
        }
    }

    /**
     * {@return per segment, where to resume}: the cursor after the last item handed out (the start, if none was),
     * or empty once the segment is finished. Safe to call at any time, also after {@link #close()}.
     */
    public List<Optional<String>> cursors() {
        return state.cursors();
    }

    /** Stops every segment and waits until its work has ended; idempotent. */
    @Override
    public void close() {
        state.signal();
        state.await();
    }

    /** {@return the table, segments and concurrency} */
    @Override
    public String toString() {
        return "ParallelScan[" + table.name() + ", " + totalSegments + " segments, maxConcurrency " + maxConcurrency
                + "]";
    }

    private Scan segmentScan(int segment) {
        return scan.withSegment(segment, totalSegments).withStartAfter(start.get(segment).orElseGet(
                () -> Cursors.encode(Map.of())));
    }

    /** One segment's work, reporting its end to its observer. */
    @FunctionalInterface
    private interface SegmentWork {
        void run(int segment, Observer o);
    }

    /**
     * Starts {@code min(maxConcurrency, segments)} workers on the executor; each takes the next segment not yet
     * taken until none is left or the scan is closed.
     */
    private void launch(List<Integer> segments, SegmentWork segmentWork) {
        // Each segment's observation starts here, on the caller's thread (a tracing listener's parent context), and
        // its work runs within it on the worker.
        OperationListener listener = table.listenerOrNull();
        Observer[] observers = new Observer[listener == null ? 0 : totalSegments];
        if (listener != null) {
            String index = scan.index().orElse(null);
            for (int segment : segments) {
                observers[segment] = Observer.start(listener, Operation.Kind.PARALLEL_SCAN_SEGMENT, "Scan",
                        table.name(), index, codec);
            }
        }
        IntConsumer work = listener == null ? segment -> segmentWork.run(segment, Observer.NONE)
                : segment -> observers[segment].wrap(() -> segmentWork.run(segment, observers[segment])).run();
        // A segment no worker runs (the scan closed first, or the executor refused the workers) was observed all the
        // same: its observation ends too, as given up, so that each started one ends exactly once.
        IntConsumer skip = segment -> observers[segment].end(Operation.Outcome.GAVE_UP, null, List.of(), 0, 0, 0);
        int workers = Math.max(1, Math.min(maxConcurrency, segments.size()));
        AtomicInteger next = new AtomicInteger();
        State s = state;
        s.workers(workers);
        Executor e = executor == null ? IoThreads.executor() : executor;
        for (int w = 0; w < workers; w++) {
            try {
                e.execute(() -> {
                    s.enter();
                    try {
                        for (int i = next.getAndIncrement(); i < segments.size(); i = next.getAndIncrement()) {
                            if (!s.isClosed()) {
                                work.accept(segments.get(i));
                            } else if (listener != null) {
                                skip.accept(segments.get(i));
                            } else {
                                break;
                            }
                        }
                    } finally {
                        s.leave();
                    }
                });
            } catch (RuntimeException rejected) {
                s.signal();
                for (int left = w; left < workers; left++) {
                    s.leaveUnstarted();
                }
                if (listener != null) {
                    for (int i = next.getAndIncrement(); i < segments.size(); i = next.getAndIncrement()) {
                        skip.accept(segments.get(i));
                    }
                }
                throw rejected;
            }
        }
    }

    // ---- the merged stream

    private sealed interface Event permits Next, Done, Failed {
    }

    private record Next(int segment, Object item, Optional<String> after) implements Event {
    }

    private record Done(int segment) implements Event {
    }

    private record Failed(int segment, RuntimeException error) implements Event {
    }

    private static <T> void produce(Table table, Scan scan, ItemCodec<T> codec, int segment, BlockingQueue<Event> queue,
                                    State state, Observer o) {
        if (state.isClosed()) {
            o.end(Operation.Outcome.GAVE_UP, null, List.of(), 0, 0, 0);
            return;
        }
        int handed = 0;
        try (ItemStream<T> items = table.scan(scan, codec)) {
            Iterator<T> it = items.iterator();
            while (!state.isClosed() && it.hasNext()) {
                T item = it.next();
                if (!offer(queue, new Next(segment, item, items.cursor()), state)) {
                    o.end(Operation.Outcome.GAVE_UP, null, List.of(), handed, 0, 0);
                    return;
                }
                handed++;
            }
            if (!state.isClosed()) {
                offer(queue, new Done(segment), state);
            }
            o.end(state.isClosed() ? Operation.Outcome.GAVE_UP : Operation.Outcome.OK, null, List.of(), handed, 0, 0);
        } catch (InterruptedException e) {
            o.end(Operation.Outcome.GAVE_UP, null, List.of(), handed, 0, 0);
            Thread.currentThread().interrupt(); // closed: stop
        } catch (RuntimeException e) {
            o.end(e);
            if (!state.isClosed()) {
                try {
                    offer(queue, new Failed(segment, e), state);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Waits for room in the queue, looking at the closed flag every few milliseconds; false once closed. */
    private static boolean offer(BlockingQueue<Event> queue, Event event, State state) throws InterruptedException {
        while (!queue.offer(event, 10, TimeUnit.MILLISECONDS)) {
            if (state.isClosed()) {
                return false;
            }
        }
        return true;
    }

    private final class Merged implements Iterator<T> {
        private final BlockingQueue<Event> queue;
        private int running;
        private @Nullable Next next;

        Merged(BlockingQueue<Event> queue, int running) {
            this.queue = queue;
            this.running = running;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (running == 0 || state.isClosed()) {
                    if (running == 0) {
                        close();
                    }
                    return false;
                }
                Event e;
                try {
                    e = queue.take();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    close();
                    throw AbortedException.create("interrupted while waiting for the parallel scan of " + table.name(), ie);
                }
                switch (e) {
                    case Next n -> next = n;
                    case Done d -> {
                        state.cursor(d.segment(), Optional.empty());
                        running--;
                    }
                    case Failed f -> {
                        close();
                        throw f.error();
                    }
                }
            }
            return true;
        }

        @Override
        @SuppressWarnings("unchecked") // the workers put only T items, decoded by this scan's codec
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Next n = requireNonNull(next);
            next = null;
            state.cursor(n.segment(), n.after());
            return (T) n.item();
        }
    }

    /** What the workers share with the scan and its cleaner; never refers back to the {@code ParallelScan}. */
    private static final class State {
        private final List<Optional<String>> cursors;
        private final List<ItemStream<?>> open = new ArrayList<>();
        /** The threads running a worker now: a worker stuck far longer than a page is interrupted by close. */
        private final List<Thread> running = new ArrayList<>();
        private @Nullable CountDownLatch done;
        private boolean started;
        private volatile boolean closed;

        State(List<Optional<String>> start) {
            this.cursors = new ArrayList<>(start);
        }

        /** Marks the scan started and returns the segments still to read. */
        synchronized List<Integer> start() {
            if (started) {
                throw new IllegalStateException("a ParallelScan runs once; start another (withCursors(cursors()) to go on)");
            }
            if (closed) {
                throw new IllegalStateException("this ParallelScan is closed");
            }
            started = true;
            List<Integer> segments = new ArrayList<>();
            for (int s = 0; s < cursors.size(); s++) {
                if (cursors.get(s).isPresent()) {
                    segments.add(s);
                }
            }
            return segments;
        }

        synchronized void workers(int count) {
            done = new CountDownLatch(count);
        }

        synchronized void enter() {
            running.add(Thread.currentThread());
        }

        void leave() {
            CountDownLatch d;
            synchronized (this) {
                running.remove(Thread.currentThread());
                d = done;
            }
            requireNonNull(d).countDown();
        }

        void leaveUnstarted() {
            CountDownLatch d;
            synchronized (this) {
                d = done;
            }
            requireNonNull(d).countDown();
        }

        boolean isClosed() {
            return closed;
        }

        synchronized void cursor(int segment, Optional<String> cursor) {
            cursors.set(segment, cursor);
        }

        synchronized List<Optional<String>> cursors() {
            return List.copyOf(cursors);
        }

        /** Registers a segment's stream so that closing can stop it; false if already closed. */
        synchronized boolean open(ItemStream<?> items) {
            if (closed) {
                return false;
            }
            open.add(items);
            return true;
        }

        synchronized void closed(ItemStream<?> items) {
            open.remove(items);
        }

        /** Stops everything without waiting for it: also the cleaner's action. */
        void signal() {
            List<ItemStream<?>> streams;
            synchronized (this) {
                closed = true;
                streams = List.copyOf(open);
            }
            streams.forEach(ItemStream::close);
        }

        /** Waits until every worker has left. */
        void awaitWorkers() throws InterruptedException {
            CountDownLatch d;
            synchronized (this) {
                d = done;
            }
            if (d != null) {
                d.await();
            }
        }

        /**
         * Waits until every worker has left (not from a worker's own thread). A worker inside a call finishes its
         * page first; only one stuck far longer than any page takes (the consumer of forEachSegment blocking, say)
         * is interrupted.
         */
        void await() {
            CountDownLatch d;
            synchronized (this) {
                d = done;
                if (running.contains(Thread.currentThread())) {
                    return;
                }
            }
            if (d == null) {
                return;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    if (d.await(30, TimeUnit.SECONDS)) {
                        break;
                    }
                    List<Thread> stuck;
                    synchronized (this) {
                        stuck = List.copyOf(running);
                    }
                    stuck.forEach(Thread::interrupt);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
