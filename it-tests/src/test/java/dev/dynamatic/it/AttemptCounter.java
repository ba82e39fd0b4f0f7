package dev.dynamatic.it;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts, per operation, the calls made to an SDK client ({@code beforeExecution}: once per API call), the HTTP
 * attempts it really made ({@code beforeTransmission}: once per attempt, the SDK's own retries included) and the
 * calls that ended ({@code afterExecution} or {@code onExecutionFailure}). Equal call and attempt counts mean the
 * SDK retried nothing: every retry was the library's own call.
 */
final class AttemptCounter implements ExecutionInterceptor {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> finished = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        String op = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(op, k -> new LongAdder()).increment();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        String op = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        attempts.computeIfAbsent(op, k -> new LongAdder()).increment();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        finish(executionAttributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
        finish(executionAttributes);
    }

    private void finish(ExecutionAttributes executionAttributes) {
        String op = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        finished.computeIfAbsent(op, k -> new LongAdder()).increment();
    }

    /**
     * {@return the API calls of the operation that started and have not yet ended}: the interceptors run on the
     * calling thread before the call returns, so a caller that waited for every thread that made calls sees 0
     */
    long inFlight(String operation) {
        LongAdder n = finished.get(operation);
        return calls(operation) - (n == null ? 0 : n.sum());
    }

    /** {@return the API calls made for the operation} */
    long calls(String operation) {
        LongAdder n = calls.get(operation);
        return n == null ? 0 : n.sum();
    }

    /** {@return the HTTP attempts made for the operation} */
    long attempts(String operation) {
        LongAdder n = attempts.get(operation);
        return n == null ? 0 : n.sum();
    }

    /** {@return the attempts made, by operation} */
    Map<String, Long> all() {
        Map<String, Long> m = new TreeMap<>();
        attempts.forEach((op, n) -> m.put(op, n.sum()));
        return m;
    }
}
