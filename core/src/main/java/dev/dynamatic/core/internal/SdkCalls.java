package dev.dynamatic.core.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.Crc32MismatchException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The calls the library retries itself: how they are configured (SDK retries off, deadline as
 * {@code apiCallTimeout}) and which failures are worth another attempt.
 */
public final class SdkCalls {

    /**
     * Turns the SDK's retries off for one request. The client's configuration (HTTP client, credentials,
     * interceptors, its own timeouts) stays as the caller built it.
     */
    private static final SdkPlugin NO_SDK_RETRIES = config -> config.overrideConfiguration(
            config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());

    private SdkCalls() {
    }

    /**
     * {@return the request's override configuration with the SDK's retries off and, with a deadline, the
     * call bounded by the time left}; whatever the request already had (a customizer's headers, metrics)
     * is kept
     */
    public static AwsRequestOverrideConfiguration singleAttempt(Optional<AwsRequestOverrideConfiguration> existing,
                                                         Optional<Duration> remaining) {
        AwsRequestOverrideConfiguration.Builder b = existing.map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder);
        b.addPlugin(NO_SDK_RETRIES);
        remaining.ifPresent(r -> b.apiCallTimeout(r.isNegative() || r.isZero() ? Duration.ofMillis(1) : r));
        return b.build();
    }

    /**
     * Whether another attempt may succeed where this one failed: throttling, a 5xx, a connection that broke
     * or timed out in one attempt, a corrupted response. Not: the operation's deadline, an interrupt, or an
     * error the request itself causes (validation, missing table, access).
     */
    public static boolean retryable(SdkException e) {
        return switch (e) {
            case ApiCallTimeoutException t -> false;   // the caller's deadline: retrying cannot help
            case AbortedException a -> false;          // interrupted
            case ApiCallAttemptTimeoutException t -> true;
            case Crc32MismatchException c -> true;
            case AwsServiceException s -> s.isThrottlingException() || s.statusCode() >= 500 || s.isRetryableException();
            case SdkServiceException s -> s.isThrottlingException() || s.statusCode() >= 500 || s.isRetryableException();
            case SdkClientException c -> c.retryable() || causedByIo(c);
            default -> e.retryable();
        };
    }

    /**
     * Whether the failed attempt may nevertheless have been applied by the server: the connection broke
     * after the request went out, or the server answered 5xx ("the request may or may not have succeeded").
     * Throttling and client-side errors mean it was not applied.
     */
    public static boolean mayHaveApplied(SdkException e) {
        return switch (e) {
            case SdkServiceException s -> s.statusCode() >= 500;
            case SdkClientException c -> causedByIo(c) || c instanceof ApiCallAttemptTimeoutException
                    || c instanceof ApiCallTimeoutException || c instanceof AbortedException;
            default -> true;
        };
    }

    private static boolean causedByIo(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException || c instanceof java.io.UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
