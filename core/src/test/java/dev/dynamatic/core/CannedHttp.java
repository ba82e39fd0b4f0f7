package dev.dynamatic.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An SDK HTTP client that answers each request with the next canned response (or a broken connection), and keeps
 * what was sent: the SDK parses a fixed body, and only our code before and after it is under test (no DynamoDB
 * behaviour is imitated here; the integration tests have the real ones). The SDK client built on it keeps the
 * SDK's default configuration, retries included, so a test also sees whether the library turned them off.
 */
final class CannedHttp implements SdkHttpClient {

    /** One request as it went out: its operation ({@code X-Amz-Target} without the API version) and JSON body. */
    record Sent(String operation, String body) {
    }

    private record Answer(int status, String body, IOException broken) {
    }

    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Sent> sent = new ArrayList<>();

    /** {@return this client, answering the next request not yet answered with the status and JSON body} */
    synchronized CannedHttp answer(int status, String body) {
        answers.add(new Answer(status, body, null));
        return this;
    }

    /** {@return this client, answering the next request not yet answered with an error of DynamoDB's JSON protocol} */
    CannedHttp error(int status, String type, String message) {
        return answer(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message
                + "\"}");
    }

    /** {@return this client, failing the next request not yet answered as a connection reset after sending} */
    synchronized CannedHttp reset() {
        answers.add(new Answer(0, "", new IOException("Connection reset")));
        return this;
    }

    /** {@return the requests sent so far, in order} */
    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** {@return the canned answers not used} */
    synchronized int unused() {
        return answers.size();
    }

    /** {@return a synchronous DynamoDB client over this HTTP client, with the SDK's default configuration} */
    DynamoDbClient client() {
        return DynamoDbClient.builder().httpClient(this).region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @Override
    public synchronized ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String body = request.contentStreamProvider().map(p -> {
            try (var in = p.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        sent.add(new Sent(target.substring(target.indexOf('.') + 1), body));
        Answer a = answers.pollFirst();
        if (a == null) {
            throw new AssertionError("no canned answer left for request " + sent.size() + ": " + target);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (a.broken() != null) {
                    throw a.broken();
                }
                byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(a.status())
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(bytes.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }
}
