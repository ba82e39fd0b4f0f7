package dev.dynamatic.it;

import dev.dynamatic.it.server.DynamoDbClients;
import dev.dynamatic.it.server.DynamoDbServer;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Clients of the test server with interceptors that watch what they send and receive. */
final class TestClients {

    private TestClients() {
    }

    /** {@return a new sync client for the server with the interceptors; the caller closes it} */
    static DynamoDbClient sync(DynamoDbServer server, ExecutionInterceptor... interceptors) {
        return build(DynamoDbClient.builder(), server, interceptors);
    }

    /** {@return a new async client for the server with the interceptors; the caller closes it} */
    static DynamoDbAsyncClient async(DynamoDbServer server, ExecutionInterceptor... interceptors) {
        return build(DynamoDbAsyncClient.builder(), server, interceptors);
    }

    private static <B extends AwsClientBuilder<B, C>, C> C build(B builder, DynamoDbServer server,
                                                                   ExecutionInterceptor... interceptors) {
        return builder.endpointOverride(server.endpoint())
                .region(DynamoDbClients.region(server))
                .credentialsProvider(DynamoDbClients.credentials(server))
                .overrideConfiguration(o -> {
                    o.apiCallTimeout(DynamoDbClients.API_CALL_TIMEOUT);
                    for (ExecutionInterceptor i : interceptors) {
                        o.addExecutionInterceptor(i);
                    }
                })
                .build();
    }
}
