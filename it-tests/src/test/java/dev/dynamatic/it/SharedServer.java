package dev.dynamatic.it;

import dev.dynamatic.it.server.DynamoDbClients;
import dev.dynamatic.it.server.DynamoDbServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The server of one test run with its clients; kept in the root extension store, which closes it at the end. */
final class SharedServer implements AutoCloseable {

    private final DynamoDbServer server;
    private final List<Runnable> retiredClients = new ArrayList<>(); // their close() methods
    private DynamoDbClient sync;
    private DynamoDbAsyncClient async;
    private URI clientsEndpoint;
    private int generation;

    private SharedServer(DynamoDbServer server) {
        this.server = server;
        openClients();
    }

    static SharedServer start() {
        DynamoDbServer server = DynamoDbServer.fromEnvironment();
        System.err.println("[dynamatic-it] using " + server);
        return new SharedServer(server);
    }

    DynamoDbServer server() {
        return server;
    }

    synchronized DynamoDbClient sync() {
        return sync;
    }

    synchronized DynamoDbAsyncClient async() {
        return async;
    }

    /** {@return how many times the server has been restarted: tables made before a restart are gone} */
    synchronized int generation() {
        return generation;
    }

    /** Restarts the server if its process has died; clients are replaced only if the endpoint changed. */
    synchronized void reviveIfDead() {
        if (server.isAlive()) {
            return;
        }
        String before = server.toString();
        server.restart();
        generation++;
        System.err.println("[dynamatic-it] the server died (" + before + "); restarted as " + server);
        if (!server.endpoint().equals(clientsEndpoint)) {
            // Tests may still hold the old clients; they point at a dead port now, so close them at the end.
            retiredClients.add(sync::close);
            retiredClients.add(async::close);
            openClients();
        }
    }

    @Override
    public synchronized void close() {
        try {
            sync.close();
            async.close();
            retiredClients.forEach(Runnable::run);
        } finally {
            server.close();
        }
    }

    private void openClients() {
        clientsEndpoint = server.endpoint();
        sync = DynamoDbClients.sync(server);
        async = DynamoDbClients.async(server);
    }
}
