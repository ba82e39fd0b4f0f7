package dev.dynamatic.it.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A DynamoDB-compatible engine from {@code it-tests/node_modules}, run as a child process on 127.0.0.1 at a
 * free port, with its output captured to a log file under {@code it-tests/target/dynamodb-logs/}.
 *
 * <p>{@link #close()} stops the process; a JVM shutdown hook does the same if the JVM exits first.
 *
 * {@snippet :
 * try (LocalDynamoDb server = LocalDynamoDb.start(Engine.DYNOXIDE);
 *      DynamoDbClient client = DynamoDbClients.sync(server)) {
 *     client.listTables();
 * }
 * }
 */
public final class LocalDynamoDb implements DynamoDbServer {

    /** How long {@link #start(Engine)} and {@link #restart()} wait for the server to answer. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** System property naming the {@code it-tests} directory (the one holding {@code node_modules}). */
    public static final String DIRECTORY_PROPERTY = "dynamatic.it.dir";

    private static final String HOST = "127.0.0.1";
    private static final int START_ATTEMPTS = 5;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Path DYNOXIDE_BINARY = Path.of("node_modules", "@dynoxide", "linux-x64", "dynoxide");
    private static final Path DYNALITE_CLI = Path.of("node_modules", "dynalite", "cli.js");

    private final Engine engine;
    private final Path directory;
    private final Path logFile;
    private final Thread shutdownHook;
    // Written under the monitor; volatile so that the shutdown hook and isAlive() never wait for a start.
    private volatile Process process;
    private volatile int port;
    private volatile long logOffset;
    private boolean closed;

    private LocalDynamoDb(Engine engine, Path directory, Path logFile) {
        this.engine = engine;
        this.directory = directory;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopProcess, "dynamatic-" + engine.id() + "-shutdown");
    }

    /**
     * {@return a started server of {@code engine}, answering on its endpoint}
     *
     * <p>Uses {@link #directory()} to find {@code node_modules}. dynoxide's package installs on linux-x64
     * only; where its binary is absent but dynalite is installed, this starts dynalite and says so on
     * standard error.
     *
     * @throws LocalDynamoDbException if the engine is not installed, exits, or does not answer in time
     */
    public static LocalDynamoDb start(Engine engine) {
        return start(engine, directory());
    }

    /**
     * {@return a started server of {@code engine} from {@code itDirectory/node_modules}}
     *
     * @throws LocalDynamoDbException if the engine is not installed, exits, or does not answer in time
     */
    public static LocalDynamoDb start(Engine engine, Path itDirectory) {
        requireNonNull(engine, "engine is null");
        requireNonNull(itDirectory, "itDirectory is null");
        Path dir = itDirectory.toAbsolutePath().normalize();
        Engine installed = installed(engine, dir);
        Path logFile;
        try {
            Path logs = Files.createDirectories(dir.resolve("target").resolve("dynamodb-logs"));
            logFile = Files.createTempFile(logs, installed.id() + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a log file under " + dir.resolve("target"), e);
        }
        LocalDynamoDb server = new LocalDynamoDb(installed, dir, logFile);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            synchronized (server) {
                server.launch(0);
            }
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * {@return the {@code it-tests} directory: the system property {@code dynamatic.it.dir} (set by the Maven
     * build), else the working directory or its {@code it-tests} child, whichever holds this module's
     * {@code package.json}, else the working directory}
     */
    public static Path directory() {
        var property = Engine.nonBlank(System.getProperty(DIRECTORY_PROPERTY));
        if (property.isPresent()) {
            return Path.of(property.get()).toAbsolutePath().normalize();
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(workingDirectory, workingDirectory.resolve("it-tests"))) {
            Path packageJson = candidate.resolve("package.json");
            try {
                if (Files.isRegularFile(packageJson)
                        && Files.readString(packageJson).contains("\"dynamatic-it-tests\"")) {
                    return candidate;
                }
            } catch (IOException e) {
                // unreadable: not ours, try the next candidate
            }
        }
        return workingDirectory;
    }

    /** {@return the engine actually running (dynalite when dynoxide was asked for but is not installed)} */
    public Engine engine() {
        return engine;
    }

    /** {@inheritDoc} */
    @Override
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** {@return the TCP port the server listens on (it can change on {@link #restart()})} */
    public int port() {
        return port;
    }

    /** {@return the operating-system process id of the current server process} */
    public long pid() {
        Process current = process;
        if (current == null) {
            throw new IllegalStateException(engine.id() + " has no process");
        }
        return current.pid();
    }

    /** {@return whether the server process is running} */
    @Override
    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** {@return the whole log file: all output of every process this server has started} */
    @Override
    public String log() {
        try {
            return new String(Files.readAllBytes(logFile), UTF_8);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** {@return at most the last {@code lines} lines of {@link #log()}} */
    public String logTail(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines is negative: " + lines);
        }
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** {@return the file that receives the server's standard output and standard error} */
    public Path logFile() {
        return logFile;
    }

    /**
     * Waits until the server answers HTTP on its endpoint, failing fast if its process has exited.
     *
     * @throws LocalDynamoDbException if the process has exited (its log is in the message) or does not answer
     *                                within {@code timeout}
     */
    public void awaitReady(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Process current = process;
            if (current == null || !current.isAlive()) {
                throw died(current);
            }
            // The log line proves that OUR process bound the port, not some other process that took it.
            if (logSinceLaunch().toLowerCase(Locale.ROOT).contains("listening") && answers(port) && current.isAlive()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new LocalDynamoDbException(engine.id() + " (pid " + current.pid() + ") did not answer on "
                        + endpoint() + " within " + timeout + "; its log " + logFile + ":\n" + logSinceLaunch(),
                        false, null);
            }
            try {
                current.waitFor(50, TimeUnit.MILLISECONDS); // returns at once if the process exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalDynamoDbException("interrupted while waiting for " + engine.id(), false, e);
            }
        }
    }

    /**
     * Stops the process and starts a new one, on the same port if it is still free, and waits until it answers.
     *
     * @throws LocalDynamoDbException if the new process exits or does not answer in time
     */
    @Override
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException(engine.id() + " server is closed");
        }
        int previousPort = port;
        stopProcess();
        appendToLog("---- restart at " + Instant.now() + " ----");
        launch(previousPort);
    }

    /** Stops the process (terminate, then kill after 5 s) and removes the shutdown hook; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs or has run
        }
    }

    /** {@return engine, process and endpoint, for test output} */
    @Override
    public String toString() {
        Process current = process;
        String state = current == null ? "not started"
                : current.isAlive() ? "pid " + current.pid()
                : "pid " + current.pid() + ", exited with code " + current.exitValue();
        return engine.id() + " (" + state + ") at " + endpoint() + ", log " + logFile;
    }

    private void launch(int preferredPort) {
        for (int attempt = 1; ; attempt++) {
            int candidate = attempt == 1 && preferredPort > 0 ? preferredPort : freePort();
            logOffset = logSize();
            port = candidate;
            ProcessBuilder builder = new ProcessBuilder(command(candidate))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            try {
                process = builder.start();
                process.getOutputStream().close(); // no input: an engine reading stdin sees EOF
            } catch (IOException e) {
                throw new LocalDynamoDbException("cannot run " + String.join(" ", builder.command()) + " in "
                        + directory + (engine == Engine.DYNALITE ? " (is Node.js installed and on PATH?)" : ""),
                        false, e);
            }
            try {
                awaitReady(START_TIMEOUT);
                return;
            } catch (LocalDynamoDbException e) {
                stopProcess();
                if (!e.portInUse() || attempt == START_ATTEMPTS) {
                    throw e;
                }
                appendToLog("---- port " + candidate + " was taken; retrying on another port ----");
            }
        }
    }

    private List<String> command(int listenPort) {
        String portText = Integer.toString(listenPort);
        return switch (engine) {
            case DYNOXIDE -> List.of(directory.resolve(DYNOXIDE_BINARY).toString(),
                    "serve", "--host", HOST, "--port", portText);
            // dynalite keeps new tables CREATING/DELETING/UPDATING for 500 ms unless told otherwise.
            case DYNALITE -> List.of("node", directory.resolve(DYNALITE_CLI).toString(),
                    "--host", HOST, "--port", portText,
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
        };
    }

    private static Engine installed(Engine requested, Path dir) {
        boolean dynoxide = Files.isExecutable(dir.resolve(DYNOXIDE_BINARY));
        boolean dynalite = Files.isRegularFile(dir.resolve(DYNALITE_CLI));
        return switch (requested) {
            case DYNOXIDE -> {
                if (dynoxide) {
                    yield Engine.DYNOXIDE;
                }
                if (!dynalite) {
                    throw notInstalled(requested, dir);
                }
                System.err.println("[dynamatic-it] dynoxide is not installed at " + dir.resolve(DYNOXIDE_BINARY)
                        + " (its npm package @dynoxide/linux-x64 installs on linux-x64 only, os.name="
                        + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch")
                        + "): FALLING BACK TO DYNALITE; tests tagged transactions or ttl will fail on it,"
                        + " run with DYNAMODB_ENGINE=dynalite on this machine");
                yield Engine.DYNALITE;
            }
            case DYNALITE -> {
                if (!dynalite) {
                    throw notInstalled(requested, dir);
                }
                yield Engine.DYNALITE;
            }
        };
    }

    private static LocalDynamoDbException notInstalled(Engine engine, Path dir) {
        return new LocalDynamoDbException(engine.id() + " is not installed under " + dir.resolve("node_modules")
                + ": run `npm ci` in " + dir + " (the Maven build does this in pre-integration-test), or set "
                + Engine.ENVIRONMENT_VARIABLE + "/" + ExternalDynamoDb.ENVIRONMENT_VARIABLE, false, null);
    }

    private LocalDynamoDbException died(Process dead) {
        String log = logSinceLaunch();
        String status = dead == null ? "was never started" : "(pid " + dead.pid() + ") exited with code " + dead.exitValue();
        String lower = log.toLowerCase(Locale.ROOT);
        // node: "listen EADDRINUSE: address already in use"; dynoxide: "error: port N is already in use"
        boolean portInUse = lower.contains("eaddrinuse") || lower.contains("already in use");
        return new LocalDynamoDbException(engine.id() + " on port " + port + " " + status + "; its log " + logFile
                + ":\n" + log, portInUse, null);
    }

    private static boolean answers(int port) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create("http://" + HOST + ":" + port + "/").toURL()
                    .openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2_000);
            return connection.getResponseCode() == 200; // both engines answer GET / with "healthy: ..."
        } catch (IOException e) {
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static int freePort() {
        // Another process may take the port before the engine binds it; launch() retries when that happens.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    private void stopProcess() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.descendants().forEach(ProcessHandle::destroy);
        current.destroy();
        try {
            if (!current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                current.descendants().forEach(ProcessHandle::destroyForcibly);
                current.destroyForcibly();
                current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logSinceLaunch() {
        try {
            byte[] bytes = Files.readAllBytes(logFile);
            int from = (int) Math.min(logOffset, bytes.length);
            return new String(bytes, from, bytes.length - from, UTF_8);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    private long logSize() {
        try {
            return Files.size(logFile);
        } catch (IOException e) {
            return 0;
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(logFile, line + System.lineSeparator(), UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a diagnostic aid; a marker that cannot be written is not worth failing a test for
        }
    }
}
