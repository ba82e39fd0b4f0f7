package dev.dynamatic.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The library's default executor for blocking calls made in the background (parallel batch chunks, parallel scan
 * segments): a cached pool of daemon platform threads named {@code dynamatic-io-N}, idle threads ending after
 * 30 seconds.
 *
 * <p>Platform threads, not virtual ones: the SDK's synchronous HTTP clients block inside {@code synchronized}
 * code, which pins a virtual thread to its carrier on JDK 21 to 23 — a few parallel chunks or segments could then
 * occupy every carrier and stall unrelated virtual threads. Unbounded, because every operation bounds its own
 * concurrency (its parallelism); cached, so repeated batches reuse threads. Callers on JDK 24 or newer may pass
 * {@code Executors.newVirtualThreadPerTaskExecutor()} instead.
 */
public final class IoThreads {

    private static final Executor DEFAULT;

    static {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("dynamatic-io-", 0).factory());
        DEFAULT = pool;
    }

    private IoThreads() {
    }

    /** {@return the shared default executor} */
    public static Executor executor() {
        return DEFAULT;
    }
}
