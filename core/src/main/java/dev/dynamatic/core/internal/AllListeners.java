package dev.dynamatic.core.internal;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.Operation;
import dev.dynamatic.core.OperationListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Several listeners registered as one ({@link OperationListener#all}): {@link Observer} unpacks it, so that each
 * sees the operation and a failing one fails none of the others.
 *
 * @param listeners the listeners, in order, none itself an {@code AllListeners}
 */
public record AllListeners(List<OperationListener> listeners) implements OperationListener {

    /** Copies the listeners, flattening nested ones. */
    public AllListeners {
        List<OperationListener> flat = new ArrayList<>();
        for (OperationListener l : requireNonNull(listeners, "listeners is null")) {
            if (requireNonNull(l, "a listener is null") instanceof AllListeners all) {
                flat.addAll(all.listeners());
            } else {
                flat.add(l);
            }
        }
        listeners = List.copyOf(flat);
    }

    /**
     * {@return an observation of every listener, each in turn}: for a caller's own listener that delegates to this
     * one (the library's {@link Observer} unpacks these itself, isolating each)
     */
    @Override
    public Observation start(Operation operation) {
        List<Observation> all = new ArrayList<>(listeners.size());
        listeners.forEach(l -> all.add(l.start(operation)));
        return new Observation() {
            @Override
            public void attempt(Operation.Attempt attempt) {
                all.forEach(o -> o.attempt(attempt));
            }

            @Override
            public void end(Operation.End end) {
                all.forEach(o -> o.end(end));
            }

            @Override
            public Executor wrap(Executor executor) {
                Executor e = executor;
                for (Observation o : all) {
                    e = o.wrap(e);
                }
                return e;
            }

            @Override
            public Runnable wrap(Runnable task) {
                Runnable r = task;
                for (Observation o : all) {
                    r = o.wrap(r);
                }
                return r;
            }
        };
    }

    /** {@return whether any of them wants capacity} */
    @Override
    public boolean wantsCapacity() {
        return listeners.stream().anyMatch(OperationListener::wantsCapacity);
    }
}
