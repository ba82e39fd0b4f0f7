package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.and;
import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.value;
import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import io.vavr.control.Either;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Optimistic locking on a version attribute: each write adds {@code version = :expected} (or
 * {@code attribute_not_exists(version)} when the caller expects no version, {@code 0}) to the put, update or
 * delete, sets the version to {@code expected + 1}, and reports another version as {@link Failure.VersionConflict}
 * with the item as it is, or the caller's own condition failing as {@link Failure.ConditionFailed}.
 *
 * {@snippet :
 * OptimisticLock lock = OptimisticLock.on("version");
 * Item counter = shop.get(key).orElseThrow();
 * Either<Failure, Long> written = lock.update(shop,
 *         UpdateItem.of(key, update(set(path("count"), plus(path("count"), value(1))))), lock.versionOf(counter));
 * }
 *
 * <p><b>Exact when an answer is lost.</b> If the connection drops after DynamoDB applied a write, a retry's
 * condition fails, and a naive helper would report a conflict for its own write (and a retry loop would apply the
 * change twice). So each write also stores a random write token under its new version number in a map attribute
 * ({@code <version>Tokens} by default) that keeps the tokens of the last {@link #history(int)} versions:
 * {@code SET v = :next, vTokens.#next = :token REMOVE vTokens.#old}. The helper sends its writes with the SDK's
 * retries off and retries them itself under its {@link RetryPolicy}, so it knows when an answer was lost, and then
 * settles the outcome at once from the item as it is (a consistent read, or the {@code ALL_OLD} item of a failed
 * condition; engines that do not return it get a consistent read): its own token under version {@code next} is
 * success, another token there is a real conflict, the item still at the expected version means "not applied
 * (yet)" and the write is sent again with the same token. While an outcome is open it looks at the item every few
 * milliseconds of any backoff, and after any backoff it looks before resending, so that no attempt goes out stale.
 *
 * <p>The history must still reach back to version {@code next} when the helper looks: it has to span the writes that
 * land in the round trip or two between the write and the look, or, when the lost answer was that of a write sent
 * already stale (not applied), the writes since version {@code next} was made. If it no longer does, or a later put
 * replaced the map, the helper throws {@link OutcomeUnknownException} rather than guess. A put replaces the history
 * with its own entry; a delete leaves no token, so a retried delete that finds the item gone reports
 * {@code VersionConflict} with no current item (the item is gone, by this delete or another). Exactness assumes the
 * item is not deleted and re-created while a write is being retried.
 *
 * <p>Immutable and thread-safe.
 */
public final class OptimisticLock {

    /** How many versions' write tokens an item keeps unless configured otherwise. */
    public static final int DEFAULT_HISTORY = 16;

    /** How often the item is looked at while a lost attempt's outcome is open and the helper backs off. */
    private static final long OPEN_LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final String versionAttribute;
    private final String tokensAttribute;
    private final int history;
    private final RetryPolicy retry;

    private OptimisticLock(String versionAttribute, String tokensAttribute, int history, RetryPolicy retry) {
        this.versionAttribute = versionAttribute;
        this.tokensAttribute = tokensAttribute;
        this.history = history;
        this.retry = retry;
    }

    /**
     * {@return a lock on this number attribute, with write tokens in {@code <versionAttribute>Tokens}, a history of
     * {@value #DEFAULT_HISTORY} versions and {@link RetryPolicy#defaults()}}
     */
    public static OptimisticLock on(String versionAttribute) {
        requireNonNull(versionAttribute, "versionAttribute is null");
        return new OptimisticLock(checkName(versionAttribute), versionAttribute + "Tokens", DEFAULT_HISTORY,
                RetryPolicy.defaults());
    }

    /** {@return this lock keeping write tokens in the named map attribute} */
    public OptimisticLock tokensAttribute(String name) {
        requireNonNull(name, "name is null");
        if (name.equals(versionAttribute)) {
            throw new IllegalArgumentException("the tokens attribute must differ from the version attribute: " + name);
        }
        return new OptimisticLock(versionAttribute, checkName(name), history, retry);
    }

    /** {@return this lock keeping the write tokens of the last {@code versions} versions (at least 1)} */
    public OptimisticLock history(int versions) {
        if (versions < 1) {
            throw new IllegalArgumentException("history must keep at least 1 version, got " + versions);
        }
        return new OptimisticLock(versionAttribute, tokensAttribute, versions, retry);
    }

    /** {@return this lock retrying its writes under the policy} */
    public OptimisticLock retry(RetryPolicy policy) {
        return new OptimisticLock(versionAttribute, tokensAttribute, history, requireNonNull(policy, "policy is null"));
    }

    /** {@return the item's version: its version attribute, or 0 if it has none} */
    public long versionOf(Item item) {
        requireNonNull(item, "item is null");
        return item.has(versionAttribute) && !item.isNull(versionAttribute) ? item.getLong(versionAttribute) : 0;
    }

    /**
     * Puts the item if its current version is {@code expected}, writing version {@code expected + 1} (a version
     * attribute in the item is overwritten).
     *
     * @param expected the version the caller read; 0 for an item that must not exist or has no version yet
     * @return the version written; or {@code VersionConflict}, or {@code ConditionFailed} if the put's own
     *         condition failed
     * @throws OutcomeUnknownException if a response was lost and the item can no longer tell whether this put
     *                                 was applied
     * @throws SdkException on an error that retrying cannot fix, or when the budget ran out
     */
    public <T> Either<Failure, Long> put(Table table, PutItem<T> put, long expected) {
        requireNonNull(table, "table is null");
        requireNonNull(put, "put is null");
        checkExpected(expected);
        checkNotKey(table);
        long next = expected + 1;
        String token = newToken();
        ItemCodec<T> codec = put.codec();
        ItemCodec<T> versioned = new ItemCodec<>() {
            @Override
            public Map<String, AttributeValue> encode(T value) {
                Map<String, AttributeValue> m = new LinkedHashMap<>(codec.encode(value));
                m.put(versionAttribute, AttributeValue.fromN(Long.toString(next)));
                m.put(tokensAttribute, AttributeValue.fromM(Map.of(Long.toString(next), AttributeValue.fromS(token))));
                return m;
            }

            @Override
            public T decode(Map<String, AttributeValue> item) {
                return codec.decode(item);
            }
        };
        PutItemRequest request = table.requests().put(new PutItem<>(put.item(), versioned,
                Optional.of(withVersion(put.condition(), expected, Optional.empty())), put.returnOld(), put.customizer()));
        Map<String, AttributeValue> key = ItemIds.keyOf(table.schema(), request.item());
        return write(table, key, expected, token, false, fresh -> remaining -> table.client().putItem(request.toBuilder()
                .overrideConfiguration(SdkCalls.singleAttempt(request.overrideConfiguration(), remaining)).build()));
    }

    /**
     * Applies the update if the item's current version is {@code expected}, setting version {@code expected + 1}.
     *
     * @param expected the version the caller read; 0 for an item that must not exist or has no version yet
     * @return the version written; or {@code VersionConflict}, or {@code ConditionFailed} if the update's own
     *         condition failed
     * @throws IllegalArgumentException if the update itself sets the version or tokens attribute
     * @throws OutcomeUnknownException if a response was lost and the item can no longer tell whether this
     *                                 update was applied
     * @throws SdkException on an error that retrying cannot fix, or when the budget ran out
     */
    public Either<Failure, Long> update(Table table, UpdateItem update, long expected) {
        requireNonNull(table, "table is null");
        requireNonNull(update, "update is null");
        checkExpected(expected);
        checkNotKey(table);
        long next = expected + 1;
        String token = newToken();
        Function<Boolean, UpdateItemRequest> build = freshHistory -> {
            Path version = Path.attribute(versionAttribute);
            Path tokens = Path.attribute(tokensAttribute);
            List<UpdateAction> actions = new ArrayList<>();
            actions.add(set(version, value(next)));
            Condition history;
            if (expected == 0 || freshHistory) {
                actions.add(set(tokens, value(Map.of(Long.toString(next), token))));
                history = attributeNotExists(tokens);
            } else {
                actions.add(set(tokens.key(Long.toString(next)), value(token)));
                if (next - this.history >= 1) {
                    actions.add(remove(tokens.key(Long.toString(next - this.history))));
                }
                history = attributeExists(tokens);
            }
            UpdateItem u = new UpdateItem(update.key(), update.update().and(new Update(actions)),
                    Optional.of(withVersion(update.condition(), expected, expected == 0 ? Optional.empty()
                            : Optional.of(history))), update.returnValues(), update.customizer());
            return table.requests().update(u);
        };
        UpdateItemRequest normal = build.apply(false);
        Map<String, AttributeValue> key = normal.key();
        UpdateItemRequest[] fresh = new UpdateItemRequest[1];
        return write(table, key, expected, token, expected > 0, freshHistory -> remaining -> {
            UpdateItemRequest r = normal;
            if (freshHistory) {
                if (fresh[0] == null) {
                    fresh[0] = build.apply(true);
                }
                r = fresh[0];
            }
            return table.client().updateItem(r.toBuilder()
                    .overrideConfiguration(SdkCalls.singleAttempt(r.overrideConfiguration(), remaining)).build());
        });
    }

    /**
     * Deletes the item if its current version is {@code expected}.
     *
     * @param expected the version the caller read
     * @return the version deleted; or {@code VersionConflict} (with no current item if the item is gone), or
     *         {@code ConditionFailed} if the delete's own condition failed
     * @throws SdkException on an error that retrying cannot fix, or when the budget ran out
     */
    public Either<Failure, Long> delete(Table table, DeleteItem delete, long expected) {
        requireNonNull(table, "table is null");
        requireNonNull(delete, "delete is null");
        checkExpected(expected);
        DeleteItemRequest request = table.requests().delete(new DeleteItem(delete.key(),
                Optional.of(withVersion(delete.condition(), expected, Optional.empty())), delete.returnOld(),
                delete.customizer()));
        return write(table, request.key(), expected, null, false, fresh -> remaining -> table.client().deleteItem(
                request.toBuilder().overrideConfiguration(SdkCalls.singleAttempt(request.overrideConfiguration(),
                        remaining)).build()))
                .map(v -> expected);
    }

    /**
     * Thrown when a write's response was lost and the item no longer shows whether the write was applied: more
     * versions than the history keeps were written since, or a put replaced the history. The cause is the
     * failure that made the outcome uncertain or the final condition failure.
     */
    public static final class OutcomeUnknownException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutcomeUnknownException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---- the write loop

    /** One attempt: sends the request (the fresh-history variant if asked) with the time left as its timeout. */
    private interface Attempt {
        Object send(Optional<Duration> remaining);
    }

    /** What the item as it is now says about this write of version {@code next}. */
    private enum Seen {
        /** Its history holds this write's token: the write was applied. */
        OURS,
        /** Its history holds another token for version {@code next}: this write was not applied, and cannot be. */
        OTHERS,
        /** Still at the expected version: this write was not applied (yet). */
        UNCHANGED,
        /** Moved on, and the history no longer reaches back to version {@code next}. */
        UNKNOWN
    }

    private Seen seen(Optional<Map<String, AttributeValue>> item, long expected, long next, String token) {
        Optional<String> entry = item.flatMap(o -> historyEntry(o, next));
        if (token != null && entry.filter(token::equals).isPresent()) {
            return Seen.OURS;
        }
        long current = item.map(this::version).orElse(0L);
        if (expected == 0 ? current == 0 : item.isPresent() && current == expected) {
            return Seen.UNCHANGED;
        }
        return entry.isPresent() ? Seen.OTHERS : Seen.UNKNOWN;
    }

    private Either<Failure, Long> write(Table table, Map<String, AttributeValue> key, long expected, String token,
                                       boolean needsHistory, Function<Boolean, Attempt> attempt) {
        long next = expected + 1;
        long started = System.nanoTime();
        RetryPolicy.Budget budget = retry.start();
        int attempts = 0;
        boolean mayHaveApplied = false;
        boolean retriedAtOnce = false;
        boolean freshHistory = false;
        while (true) {
            attempts++;
            try {
                attempt.apply(freshHistory).send(budget.remaining());
                return Either.right(next);
            } catch (ConditionalCheckFailedException e) {
                Optional<Map<String, AttributeValue>> old = e.hasItem() && !e.item().isEmpty() ? Optional.of(e.item())
                        : current(table, key);
                Seen seen = seen(old, expected, next, token);
                if (seen == Seen.OURS) {
                    return Either.right(next); // our own write, applied by an attempt whose response was lost
                }
                // A delete leaves no token: finding the item gone (or at another version) is reported as it is.
                if (mayHaveApplied && token != null && seen == Seen.UNKNOWN) {
                    throw beyondHistory(table, key, next, old, attempts, started, e);
                }
                if (seen == Seen.UNCHANGED) {
                    if (needsHistory && !freshHistory && old.isPresent() && !old.get().containsKey(tokensAttribute)) {
                        freshHistory = true; // an item versioned before it had a history: start one
                        continue;
                    }
                    return Either.left(new Failure.ConditionFailed(old.map(Item::fromSdk), message(e)));
                }
                return Either.left(new Failure.VersionConflict(expected, old.map(Item::fromSdk)));
            } catch (SdkException e) {
                if (!SdkCalls.retryable(e)) {
                    throw mayHaveApplied ? unknown(table, key, next, e) : e;
                }
                boolean lost = SdkCalls.mayHaveApplied(e);
                mayHaveApplied |= lost;
                if (mayHaveApplied) {
                    // Settle it now, before any backoff: the longer we wait, the more versions the history must span.
                    Either<Failure, Long> settled = look(table, key, expected, token, true, e, attempts, started);
                    if (settled != null) {
                        return settled;
                    }
                }
                if (attempts >= retry.maxAttempts() || budget.expired()) {
                    throw mayHaveApplied ? unknown(table, key, next, e) : e;
                }
                if (lost && !retriedAtOnce) {
                    retriedAtOnce = true; // the server is there; a lost answer is worth one immediate retry
                    continue;
                }
                long delay = budget.nextDelay(attempts, ThreadLocalRandom.current());
                if (delay < 0) {
                    throw mayHaveApplied ? unknown(table, key, next, e) : e;
                }
                try {
                    // While a lost attempt is open, look every few milliseconds instead of sleeping the whole
                    // backoff: once the item moves on, the history must still hold version `next` when we look.
                    long deadline = System.nanoTime() + delay;
                    while (true) {
                        long left = deadline - System.nanoTime();
                        if (left > 0) {
                            TimeUnit.NANOSECONDS.sleep(mayHaveApplied ? Math.min(left, OPEN_LOOK_NANOS) : left);
                        }
                        // Others wrote while we waited: look before sending the same write again, so that no
                        // attempt goes out stale (a stale attempt whose answer is lost could outrun the history).
                        Either<Failure, Long> settled = look(table, key, expected, token, mayHaveApplied, e, attempts,
                                started);
                        if (settled != null) {
                            return settled;
                        }
                        if (deadline - System.nanoTime() <= 0) {
                            break;
                        }
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    RuntimeException r = mayHaveApplied ? unknown(table, key, next, e) : e;
                    r.addSuppressed(ie);
                    throw r;
                }
            }
        }
    }

    /**
     * Reads the item (consistently) and settles the write if it can: applied (ours), or overtaken (a conflict);
     * null if it is unchanged (send it again) or the read failed (try again later).
     */
    private Either<Failure, Long> look(Table table, Map<String, AttributeValue> key, long expected, String token,
                                      boolean mayHaveApplied, SdkException cause, int attempts, long started) {
        long next = expected + 1;
        Optional<Map<String, AttributeValue>> now;
        try {
            now = current(table, key);
        } catch (SdkException readFailed) {
            cause.addSuppressed(readFailed);
            return null;
        }
        return switch (seen(now, expected, next, token)) {
            case OURS -> Either.right(next);
            case UNCHANGED -> null;
            case OTHERS -> Either.left(new Failure.VersionConflict(expected, now.map(Item::fromSdk)));
            case UNKNOWN -> {
                if (mayHaveApplied && token != null) {
                    throw beyondHistory(table, key, next, now, attempts, started, cause);
                }
                yield Either.left(new Failure.VersionConflict(expected, now.map(Item::fromSdk)));
            }
        };
    }

    private Optional<String> historyEntry(Map<String, AttributeValue> item, long version) {
        AttributeValue tokens = item.get(tokensAttribute);
        if (tokens == null || tokens.m() == null || !tokens.hasM()) {
            return Optional.empty();
        }
        AttributeValue entry = tokens.m().get(Long.toString(version));
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.s());
    }

    private long version(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(versionAttribute);
        if (v == null || v.n() == null) {
            return 0;
        }
        return new BigDecimal(v.n()).longValueExact();
    }

    /** The item as it is now, read consistently: for engines that do not return it with a failed condition. */
    private static Optional<Map<String, AttributeValue>> current(Table table, Map<String, AttributeValue> key) {
        GetItemResponse r = table.client().getItem(b -> b.tableName(table.name()).key(key).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
    }

    private Condition withVersion(Optional<Condition> own, long expected, Optional<Condition> history) {
        Path version = Path.attribute(versionAttribute);
        Condition v = expected == 0 ? attributeNotExists(version) : eq(version, value(expected));
        Condition lock = history.<Condition>map(h -> and(v, h)).orElse(v);
        return own.<Condition>map(c -> and(c, lock)).orElse(lock);
    }

    private void checkNotKey(Table table) {
        if (table.schema().names().contains(versionAttribute) || table.schema().names().contains(tokensAttribute)) {
            throw new IllegalArgumentException("the version and tokens attributes (" + versionAttribute + ", "
                    + tokensAttribute + ") cannot be key attributes of " + table);
        }
    }

    private static void checkExpected(long expected) {
        if (expected < 0 || expected == Long.MAX_VALUE) {
            throw new IllegalArgumentException("expected version must be 0 (none yet) or positive, got " + expected);
        }
    }

    private static String checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("attribute name is empty");
        }
        return name;
    }

    private OutcomeUnknownException beyondHistory(Table table, Map<String, AttributeValue> key, long next,
                                                  Optional<Map<String, AttributeValue>> now, int attempts, long started,
                                                  Throwable cause) {
        return new OutcomeUnknownException("table " + table.name() + ", key " + ItemIds.describe(key)
                + ": an answer was lost and the item, now at version " + now.map(this::version).orElse(0L)
                + " after " + attempts + " attempt(s) in " + (System.nanoTime() - started) / 1_000_000
                + " ms, no longer shows whether the write of version " + next + " was applied (the history keeps "
                + history + " versions)", cause);
    }

    private static OutcomeUnknownException unknown(Table table, Map<String, AttributeValue> key, long next, SdkException e) {
        return new OutcomeUnknownException("table " + table.name() + ", key " + ItemIds.describe(key)
                + ": a response was lost and retrying did not settle whether the write of version " + next
                + " was applied", e);
    }

    private static String message(ConditionalCheckFailedException e) {
        return String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
    }

    /**
     * A random write token: 48 bits, 8 URL-safe characters. It is only ever compared with the token of one version
     * of one item, so a false match has probability 2^-48.
     */
    private static String newToken() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "OptimisticLock[" + versionAttribute + ", tokens " + tokensAttribute + ", history " + history + "]";
    }
}
