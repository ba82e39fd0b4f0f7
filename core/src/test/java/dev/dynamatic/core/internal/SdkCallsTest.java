package dev.dynamatic.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/** Which failures the library's own retries retry, with SDK exceptions built in-process. */
class SdkCallsTest {

    static <B extends DynamoDbException.Builder> SdkException service(B builder, int status, String code) {
        return builder.statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code)
                .build()).build();
    }

    @Test
    void retriesThrottlingServerErrorsAndBrokenConnections() {
        assertTrue(SdkCalls.retryable(service(ProvisionedThroughputExceededException.builder(), 400,
                "ProvisionedThroughputExceededException")));
        assertTrue(SdkCalls.retryable(service(ThrottlingException.builder(), 400, "ThrottlingException")));
        assertTrue(SdkCalls.retryable(service(DynamoDbException.builder(), 400, "RequestLimitExceeded")));
        assertTrue(SdkCalls.retryable(service(InternalServerErrorException.builder(), 500, "InternalServerError")));
        assertTrue(SdkCalls.retryable(service(DynamoDbException.builder(), 503, "ServiceUnavailable")));
        assertTrue(SdkCalls.retryable(service(TransactionInProgressException.builder(), 400,
                "TransactionInProgressException")));
        assertTrue(SdkCalls.retryable(SdkClientException.create("Unable to execute HTTP request",
                new IOException("Connection reset"))));
        assertTrue(SdkCalls.retryable(ApiCallAttemptTimeoutException.create(1_000)));
    }

    @Test
    void doesNotRetryWhatTheRequestCausesOrTheDeadline() {
        assertFalse(SdkCalls.retryable(service(ConditionalCheckFailedException.builder(), 400,
                "ConditionalCheckFailedException")));
        assertFalse(SdkCalls.retryable(service(DynamoDbException.builder(), 400, "ValidationException")));
        assertFalse(SdkCalls.retryable(service(DynamoDbException.builder(), 400, "ResourceNotFoundException")));
        assertFalse(SdkCalls.retryable(service(IdempotentParameterMismatchException.builder(), 400,
                "IdempotentParameterMismatchException")));
        assertFalse(SdkCalls.retryable(ApiCallTimeoutException.create(1_000)));
        assertFalse(SdkCalls.retryable(AbortedException.create("interrupted")));
        assertFalse(SdkCalls.retryable(SdkClientException.create("Unable to load credentials")));
    }

    @Test
    void aBrokenConnectionOrA5xxMayHaveBeenAppliedAThrottleNot() {
        assertTrue(SdkCalls.mayHaveApplied(SdkClientException.create("x", new IOException("Connection reset"))));
        assertTrue(SdkCalls.mayHaveApplied(service(InternalServerErrorException.builder(), 500, "InternalServerError")));
        assertFalse(SdkCalls.mayHaveApplied(service(ProvisionedThroughputExceededException.builder(), 400,
                "ProvisionedThroughputExceededException")));
        assertFalse(SdkCalls.mayHaveApplied(SdkClientException.create("Unable to load credentials")));
    }

    @Test
    void aSingleAttemptTurnsSdkRetriesOffAndKeepsWhatTheRequestHad() {
        AwsRequestOverrideConfiguration existing = AwsRequestOverrideConfiguration.builder()
                .putHeader("x-trace", "abc").build();
        AwsRequestOverrideConfiguration c = SdkCalls.singleAttempt(Optional.of(existing),
                Optional.of(Duration.ofSeconds(3)));
        assertEquals(1, c.plugins().size());
        assertEquals(Optional.of(Duration.ofSeconds(3)), c.apiCallTimeout());
        assertEquals(Map.of("x-trace", java.util.List.of("abc")), c.headers());

        AwsRequestOverrideConfiguration spent = SdkCalls.singleAttempt(Optional.empty(), Optional.of(Duration.ofSeconds(-1)));
        assertEquals(Optional.of(Duration.ofMillis(1)), spent.apiCallTimeout());
        assertEquals(Optional.empty(), SdkCalls.singleAttempt(Optional.empty(), Optional.empty()).apiCallTimeout());
    }
}
