package dev.dynamatic.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The default executor for background calls: the kind of threads its documentation promises. */
class IoThreadsTest {

    @Test
    void runsOnSharedDaemonPlatformThreadsNamedForTheLibrary() {
        assertSame(IoThreads.executor(), IoThreads.executor());
        Thread t = CompletableFuture.supplyAsync(Thread::currentThread, IoThreads.executor()).join();
        assertTrue(t.isDaemon(), "a daemon: it never keeps the JVM alive");
        assertFalse(t.isVirtual(), "a platform thread: the SDK's blocking clients pin virtual ones on JDK 21 to 23");
        assertTrue(t.getName().startsWith("dynamatic-io-"), t.getName());
    }
}
