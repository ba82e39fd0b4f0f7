package dev.dynamatic.it;

import dev.dynamatic.it.server.DynamoDbServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Records every response an SDK client received, as the SDK unmarshalled it: for checking what the server answered
 * to a request whose library call returns only the decoded item (a {@code get} with a customizer asking for
 * consumed capacity).
 */
final class Responses implements ExecutionInterceptor {

    private final List<SdkResponse> received = new CopyOnWriteArrayList<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        received.add(context.response());
    }

    /** {@return the last response of this type, failing if there is none} */
    <R extends SdkResponse> R last(Class<R> type) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (type.isInstance(received.get(i))) {
                return type.cast(received.get(i));
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " received; got " + received);
    }

    /** {@return a new async client for the server that records its responses here; the caller closes it} */
    DynamoDbAsyncClient asyncClient(DynamoDbServer server) {
        return TestClients.async(server, this);
    }

    /** {@return a new sync client for the server that records its responses here; the caller closes it} */
    DynamoDbClient client(DynamoDbServer server) {
        return TestClients.sync(server, this);
    }
}
