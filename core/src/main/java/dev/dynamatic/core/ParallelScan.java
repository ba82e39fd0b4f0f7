package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * A parallel Scan: {@code totalSegments} segments read concurrently, at most {@link #maxConcurrency(int)} at a
 * time, either merged into one stream ({@link #iterator()}, {@link #stream()}) or handed out one
 * {@link ItemStream} per segment ({@link #forEachSegment}). Either way {@link #cursors()} gives, per segment,
 * where to resume: after the last item handed to the consumer, or empty once the segment is finished.
 *
 * {@snippet :
 * try (ParallelScan<Item> export = shop.parallelScan(Scan.all(), 4)) {
 *     export.stream().forEach(writer::write);
 * }
 * // later, after a crash: resume where each segment stopped
 * shop.parallelScan(Scan.all(), 4).resumeFrom(savedCursors).forEachSegment((segment, items) -> items.forEach(sink));
 * }
 *
 * <p>A {@code ParallelScan} runs once. The merged stream owns a pool of platform threads (one per running
 * segment: the Apache HTTP client blocks inside {@code synchronized}, which pins virtual threads on JDK 21) and
 * one bounded queue of {@value #BUFFER} items, so a slow consumer holds the segments back instead of filling
 * memory. {@link #close()} — also from another thread, and also when the consumer stopped early — stops every
 * segment: a worker waiting for room in the queue notices within a few milliseconds, a worker inside a call stops
 * after that page (it is never interrupted mid-request: aborting a request half-sent resets the connection, which
 * is rude to the server and kills some local engines), and close returns once all have stopped. If the instance is dropped unclosed, a cleaner stops the workers. Each running
 * segment holds one of the HTTP client's connections (50 by default): keep {@code maxConcurrency} below that.
 * Pages are fetched with the client's own (SDK) retries.
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
    private final State state;

    ParallelScan(Table table, Scan scan, int totalSegments, ItemCodec<T> codec, int maxConcurrency,
                 List<Optional<String>> start) {
        this.table = requireNonNull(table, "table is null");
        this.scan = requireNonNull(scan, "scan is null");
        this.codec = requireNonNull(codec, "codec is null");
        if (totalSegments < 1 || totalSegments > Scan.MAX_SEGMENTS) {
            throw new IllegalArgumentException("totalSegments must be 1 to " + Scan.MAX_SEGMENTS + ", got " + totalSegments);
        }
        if (scan.segment().isPresent()) {
            throw new IllegalArgumentException("the scan names a segment; a parallel scan makes the segments itself");
        }
        if (scan.startAfter().isPresent()) {
            throw new IllegalArgumentException("a parallel scan resumes per segment: use resumeFrom(cursors), not startAfter");
        }
        if (scan.limit().isPresent()) {
            throw new IllegalArgumentException("a limit is ambiguous across segments; stop consuming instead (and close)");
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
        }
        this.totalSegments = totalSegments;
        this.maxConcurrency = maxConcurrency;
        List<Optional<String>> s = List.copyOf(requireNonNull(start, "cursors is null"));
        if (s.size() != totalSegments) {
            throw new IllegalArgumentException("one cursor per segment: " + totalSegments + " segments, " + s.size()
                    + " cursors");
        }
        for (Optional<String> c : s) {
            requireNonNull(c, "a cursor is null (use Optional.empty() for a finished segment)").ifPresent(Cursors::decode);
        }
        this.start = s;
        this.state = new State(s);
    }

    static <T> ParallelScan<T> of(Table table, Scan scan, int totalSegments, ItemCodec<T> codec) {
        return new ParallelScan<>(table, scan, totalSegments, codec, DEFAULT_MAX_CONCURRENCY,
                Collections.nCopies(Math.max(totalSegments, 0), Optional.of(Cursors.encode(Map.of()))));
    }

    /** {@return this scan, not started, reading at most {@code segments} segments at once} */
    public ParallelScan<T> maxConcurrency(int segments) {
        return new ParallelScan<>(table, scan, totalSegments, codec, segments, start);
    }

    /**
     * {@return this scan, not started, resuming each segment from its cursor} as {@link #cursors()} gave them (an
     * empty one: the segment is finished and is skipped)
     *
     * @throws IllegalArgumentException if the number of cursors is not the number of segments, or one is invalid
     */
    public ParallelScan<T> resumeFrom(List<Optional<String>> cursors) {
        return new ParallelScan<>(table, scan, totalSegments, codec, maxConcurrency, cursors);
    }

    /** {@return the number of segments} */
    public int totalSegments() {
        return totalSegments;
    }

    /**
     * {@return the merged items of all segments, in no particular order across segments}; starts the workers, may
     * be called once. An exception a segment fails with (after the SDK's retries) is thrown from {@code hasNext}
     * and stops the others.
     *
     * @throws IllegalStateException if this scan was already started
     */
    @Override
    public Iterator<T> iterator() {
        List<Integer> segments = state.start();
        BlockingQueue<Event> queue = new ArrayBlockingQueue<>(BUFFER);
        ExecutorService pool = state.pool(Math.max(1, Math.min(maxConcurrency, segments.size())), table.name());
        CLEANER.register(this, state::signal);
        Table t = table;
        ItemCodec<T> c = codec;
        for (int s : segments) {
            Scan segmentScan = segmentScan(s);
            pool.submit(() -> produce(t, segmentScan, c, s, queue, state));
        }
        pool.shutdown(); // no more tasks; the submitted ones run
        return new Merged(queue, segments.size());
    }

    /** {@return the merged items as a sequential stream; closing the stream closes this scan} */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    /**
     * Hands each unfinished segment's items to the consumer, on the scan's own threads, at most
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
        ExecutorService pool = state.pool(Math.min(maxConcurrency, segments.size()), table.name());
        CLEANER.register(this, state::signal);
        List<Future<?>> futures = new ArrayList<>();
        for (int s : segments) {
            Scan segmentScan = segmentScan(s);
            futures.add(pool.submit(() -> {
                State.WORKER.set(state);
                ItemStream<T> items = table.scan(segmentScan, codec);
                if (!state.open(items)) {
                    return;
                }
                try {
                    consumer.accept(s, items);
                } finally {
                    state.cursor(s, items.cursor());
                    state.closed(items);
                    items.close();
                }
            }));
        }
        pool.shutdown();
        Throwable first = null;
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    state.signal();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                        state.signal();
                    } else {
                        first.addSuppressed(e.getCause());
                    }
                    break;
                } catch (java.util.concurrent.CancellationException e) {
                    break;
                }
            }
        }
        state.await();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException("a segment consumer failed", first);
        }
    }

    /**
     * {@return per segment, where to resume}: the cursor after the last item handed out (the start, if none was),
     * or empty once the segment is finished. Safe to call at any time, also after {@link #close()}.
     */
    public List<Optional<String>> cursors() {
        return state.cursors();
    }

    /** Stops every segment and waits until its threads have ended; idempotent. */
    @Override
    public void close() {
        state.signal();
        state.await();
    }

    private Scan segmentScan(int segment) {
        return scan.segment(segment, totalSegments).startAfter(start.get(segment).orElseThrow());
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
                                    State state) {
        // Not registered with the state: the closed flag and the interrupt stop this loop, so closing (and the
        // cleaner) never waits on the stream's lock while it fetches a page.
        State.WORKER.set(state);
        if (state.isClosed()) {
            return;
        }
        try (ItemStream<T> items = table.scan(scan, codec)) {
            Iterator<T> it = items.iterator();
            while (!state.isClosed() && it.hasNext()) {
                T item = it.next();
                if (!offer(queue, new Next(segment, item, items.cursor()), state)) {
                    return;
                }
            }
            if (!state.isClosed()) {
                offer(queue, new Done(segment), state);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: stop
        } catch (RuntimeException e) {
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
        while (!queue.offer(event, 10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (state.isClosed()) {
                return false;
            }
        }
        return true;
    }

    private final class Merged implements Iterator<T> {
        private final BlockingQueue<Event> queue;
        private int running;
        private Next next;

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
            Next n = next;
            next = null;
            state.cursor(n.segment(), n.after());
            return (T) n.item();
        }
    }

    /** What the workers share with the scan and its cleaner; never refers back to the {@code ParallelScan}. */
    private static final class State {
        /** The state whose worker runs on this thread: such a thread must not wait for the pool to stop. */
        static final ThreadLocal<State> WORKER = new ThreadLocal<>();

        private final List<Optional<String>> cursors;
        private final List<ItemStream<?>> open = new ArrayList<>();
        private final List<Thread> workers = new ArrayList<>();
        private boolean started;
        private volatile boolean closed;
        private ExecutorService pool;

        State(List<Optional<String>> start) {
            this.cursors = new ArrayList<>(start);
        }

        /** Marks the scan started and returns the segments still to read. */
        synchronized List<Integer> start() {
            if (started) {
                throw new IllegalStateException("a ParallelScan runs once; start another (resumeFrom(cursors()) to go on)");
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

        synchronized ExecutorService pool(int threads, String table) {
            java.util.concurrent.ThreadFactory platform = Thread.ofPlatform().daemon()
                    .name("dynamatic-scan-" + table + "-", 0).factory();
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = platform.newThread(r);
                synchronized (this) {
                    workers.add(t);
                }
                return t;
            });
            return pool;
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

        /**
         * Stops everything without waiting for it: also the cleaner's action. Only {@link #forEachSegment} registers
         * streams (closing one waits for a page in flight); the merged stream's cleaner finds none.
         */
        void signal() {
            List<ItemStream<?>> streams;
            ExecutorService p;
            synchronized (this) {
                closed = true;
                streams = List.copyOf(open);
                p = pool;
            }
            if (p != null) {
                // No shutdownNow(): interrupting a worker inside an HTTP call aborts the request half-sent. Queued
                // segments still start, see the closed flag and end at once.
                p.shutdown();
            }
            streams.forEach(ItemStream::close);
        }

        void await() {
            ExecutorService p;
            synchronized (this) {
                p = pool;
            }
            if (p == null || WORKER.get() == this) {
                return;
            }
            try {
                // A worker inside a call finishes its page first (see signal()); only one stuck far longer than any
                // page takes (the consumer of forEachSegment blocking, say) is interrupted.
                while (!p.awaitTermination(30, TimeUnit.SECONDS)) {
                    p.shutdownNow();
                }
                // the pool counts a worker gone a moment before its thread ends: wait for the threads themselves
                List<Thread> threads;
                synchronized (this) {
                    threads = List.copyOf(workers);
                }
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
