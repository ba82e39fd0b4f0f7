package dev.dynamatic.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An in-process HTTP client that answers every DynamoDB operation with a fixed recorded response body: no
 * network, no server, so what is left to measure is the SDK's and the caller's own work. The request body is
 * read to its end, as a real client would send it.
 */
final class FakeHttpClient implements SdkHttpClient {

    private final Map<String, byte[]> bodies;
    private final byte[] sink = new byte[8192];

    /** @param bodies response body per operation name ({@code UpdateItem}, {@code Query}, …) */
    FakeHttpClient(Map<String, String> bodies) {
        this.bodies = Map.copyOf(bodies.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getBytes(UTF_8))));
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        while (in.read(sink) >= 0) {
                            // drain: a real client would write these bytes to the socket
                        }
                    }
                }
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                String operation = target.substring(target.indexOf('.') + 1);
                byte[] body = bodies.get(operation);
                if (body == null) {
                    throw new IOException("no recorded response for " + target);
                }
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .putHeader("x-amzn-RequestId", "BENCH")
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    @Override
    public String clientName() {
        return "BenchFake";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
