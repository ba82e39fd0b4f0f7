package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * An immutable sequence of bytes: DynamoDB's binary type without a mutable array in sight.
 *
 * <p>Equality is by content; ordering is DynamoDB's (unsigned, byte by byte, shorter first on a common
 * prefix), the order in which DynamoDB sorts binary keys.
 */
public final class Bytes implements Comparable<Bytes> {

    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * {@return bytes holding a copy of the given array}
     *
     * @param bytes the bytes, copied
     */
    public static Bytes of(byte... bytes) {
        requireNonNull(bytes, "bytes is null");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /**
     * {@return bytes holding a copy of the remaining content of the buffer (its position is left unchanged)}
     *
     * @param buffer the buffer, whose remaining bytes are copied (its position is left as it was)
     */
    public static Bytes of(ByteBuffer buffer) {
        requireNonNull(buffer, "buffer is null");
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy.length == 0 ? EMPTY : new Bytes(copy);
    }

    /**
     * {@return the bytes encoded by the given Base64 text (RFC 4648, standard alphabet)}
     *
     * @param base64 standard Base64 text
     * @throws IllegalArgumentException if the text is not standard Base64
     */
    public static Bytes fromBase64(String base64) {
        requireNonNull(base64, "base64 is null");
        try {
            return new Bytes(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes a character of the text, which is user data
            throw new IllegalArgumentException("the text (" + base64.length() + " chars) is not standard Base64"
                    + " (RFC 4648)" + (Redaction.showsValues() ? ": " + e.getMessage() : ""));
        }
    }

    /** {@return the number of bytes} */
    public int length() {
        return bytes.length;
    }

    /**
     * {@return the byte at the given index}
     *
     * @param index the position, from 0 to {@code length() - 1}
     */
    public byte get(int index) {
        return bytes[index];
    }

    /** {@return a fresh copy of the bytes} */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** {@return a read-only buffer over the bytes (no copy)} */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** {@return the bytes as Base64 text (RFC 4648, standard alphabet, padded)} */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /**
     * {@return a debug form: the length ({@code Bytes[16]}), and the Base64 content only when values are shown
     * ({@link Redaction})}
     */
    @Override
    public String toString() {
        return Redaction.showsValues() ? "Bytes[" + bytes.length + "]" + base64() : "Bytes[" + bytes.length + "]";
    }
}
