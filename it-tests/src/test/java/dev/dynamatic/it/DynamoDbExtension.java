package dev.dynamatic.it;

import dev.dynamatic.it.server.DynamoDbServer;
import dev.dynamatic.it.server.Engine;
import dev.dynamatic.it.server.ExternalDynamoDb;
import dev.dynamatic.it.server.LocalDynamoDb;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs integration tests against one DynamoDB-compatible server per test run (see {@link DynamoDbIT}).
 *
 * <ul>
 *   <li>The server ({@link DynamoDbServer#fromEnvironment()}) starts on first use and is stopped when the
 *       run ends, whatever the outcome: it lives in the root store, which closes it.</li>
 *   <li>Each top-level test class (and each {@code @Nested} class annotated {@link WithTable}) gets a fresh
 *       table, deleted when the class ends.</li>
 *   <li>If the server process dies during a test, that test fails with the tail of the server's log, and
 *       the server is restarted (with the class's table recreated, empty) for the rest of the run.</li>
 * </ul>
 */
public final class DynamoDbExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        TestExecutionExceptionHandler, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynamoDbExtension.class);
    private static final String DEATH_REPORTED = "deathReported";
    private static final int LOG_TAIL_LINES = 40;
    private static final long EXIT_GRACE_MILLIS = 1_000;
    private static final Set<Class<?>> RESOLVABLE = Set.of(DynamoDbClient.class, DynamoDbAsyncClient.class,
            DynamoDbServer.class, TestTable.class, Engine.class);

    /** Creates the extension; JUnit does this for {@link DynamoDbIT} classes. */
    public DynamoDbExtension() {
    }

    /** Starts the shared server if needed, restarts it if it died, and creates this class's table. */
    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context).reviveIfDead();
        table(context);
    }

    /** Restarts a server that died since the last test and recreates the class's table if the server restarted. */
    @Override
    public void beforeEach(ExtensionContext context) {
        shared(context).reviveIfDead();
        table(context).current();
    }

    /** Fails a test during which the server died (if the exception handler did not already) and restarts it. */
    @Override
    public void afterEach(ExtensionContext context) {
        SharedServer shared = shared(context);
        if (shared.server().isAlive()) {
            return;
        }
        AssertionError failure = serverDied(context, shared, null);
        shared.reviveIfDead();
        if (context.getStore(NAMESPACE).get(DEATH_REPORTED) == null) {
            throw failure;
        }
    }

    /** Replaces a test's exception with one carrying the server's log tail when the server died under it. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        SharedServer shared = shared(context);
        if (diedUnder(shared.server(), throwable)) {
            context.getStore(NAMESPACE).put(DEATH_REPORTED, Boolean.TRUE);
            throw serverDied(context, shared, throwable);
        }
        throw throwable;
    }

    /** {@return whether the parameter is one this extension provides} */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return RESOLVABLE.contains(parameterContext.getParameter().getType());
    }

    /** {@return the shared client, async client, server, engine or this class's table} */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        SharedServer shared = shared(extensionContext);
        if (type == DynamoDbClient.class) {
            return shared.sync();
        }
        if (type == DynamoDbAsyncClient.class) {
            return shared.async();
        }
        if (type == DynamoDbServer.class) {
            return shared.server();
        }
        if (type == TestTable.class) {
            return table(extensionContext).current();
        }
        if (type == Engine.class) {
            return switch (shared.server()) {
                case LocalDynamoDb local -> local.engine();
                case ExternalDynamoDb external -> throw new ParameterResolutionException("no local engine runs: "
                        + ExternalDynamoDb.ENVIRONMENT_VARIABLE + "=" + external.endpoint()
                        + "; take a DynamoDbServer parameter instead");
            };
        }
        throw new ParameterResolutionException("unsupported parameter type " + type.getName());
    }

    private static SharedServer shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedServer.class, k -> SharedServer.start(), SharedServer.class);
    }

    /** The table of the nearest enclosing class that owns one; created on first use, deleted with its class. */
    private static ClassTable table(ExtensionContext context) {
        ExtensionContext current = context;
        while (true) {
            if (current.getTestMethod().isEmpty() && current.getTestClass().isPresent() && ownsTable(current)) {
                ExtensionContext owner = current;
                Class<?> testClass = owner.getRequiredTestClass();
                // Keyed by class: a nested class's store would otherwise see its enclosing class's table.
                return owner.getStore(NAMESPACE).computeIfAbsent(testClass,
                        k -> new ClassTable(shared(owner), testClass), ClassTable.class);
            }
            current = current.getParent().orElseThrow(() ->
                    new IllegalStateException(context.getDisplayName() + " is not inside a @DynamoDbIT class"));
        }
    }

    private static boolean ownsTable(ExtensionContext classContext) {
        boolean topLevel = classContext.getParent().flatMap(ExtensionContext::getTestClass).isEmpty();
        return topLevel || classContext.getRequiredTestClass().isAnnotationPresent(WithTable.class);
    }

    /** A process that crashes drops its connections first; give it a moment to be seen as exited. */
    private static boolean diedUnder(DynamoDbServer server, Throwable throwable) throws InterruptedException {
        if (!server.isAlive()) {
            return true;
        }
        if (!isConnectionProblem(throwable)) {
            return false;
        }
        long deadline = System.nanoTime() + EXIT_GRACE_MILLIS * 1_000_000;
        while (System.nanoTime() - deadline < 0) {
            if (!server.isAlive()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static boolean isConnectionProblem(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            if (t instanceof SdkClientException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static AssertionError serverDied(ExtensionContext context, SharedServer shared, Throwable cause) {
        DynamoDbServer server = shared.server();
        String tail = switch (server) {
            case LocalDynamoDb local -> local.logTail(LOG_TAIL_LINES);
            case ExternalDynamoDb external -> "(no log: external server)";
        };
        String message = "the DynamoDB server died during " + context.getDisplayName() + ": " + server
                + "\nit is restarted for the remaining tests; last " + LOG_TAIL_LINES + " lines of its log:\n" + tail;
        return cause == null ? new AssertionError(message) : new AssertionError(message, cause);
    }

    /** A test class's table; closing the class's store deletes it. */
    static final class ClassTable implements AutoCloseable {

        private final SharedServer shared;
        private final TestTable table;
        private int generation;

        ClassTable(SharedServer shared, Class<?> testClass) {
            this.shared = shared;
            WithTable declared = testClass.getAnnotation(WithTable.class);
            TableSpec spec = declared == null ? TableSpec.of("pk", "sk") : TableSpec.of(declared);
            this.generation = shared.generation();
            this.table = TestTables.create(shared.sync(), TestTables.uniqueName(testClass.getSimpleName()), spec);
        }

        /** {@return the table, recreated (empty) first if the server restarted since it was made} */
        synchronized TestTable current() {
            if (generation != shared.generation()) {
                generation = shared.generation();
                TestTables.create(shared.sync(), table.name(), table.spec());
            }
            return table;
        }

        @Override
        public void close() {
            if (shared.server().isAlive()) {
                TestTables.delete(shared.sync(), table.name());
            }
        }
    }
}
