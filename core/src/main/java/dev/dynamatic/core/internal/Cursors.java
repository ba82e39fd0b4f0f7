package dev.dynamatic.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque, URL-safe resume cursors: the key attributes of the last item returned, so a stream stopped
 * mid-page resumes right after that item (not after the page).
 *
 * <p>Format: {@code "c1."} then unpadded Base64url of, per key attribute, a type byte ({@code S N B}), the
 * name and the value, each length-prefixed. An empty key map means "from the beginning".
 */
public final class Cursors {

    private static final String PREFIX = "c1.";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Cursors() {
    }

    public static String encode(Map<String, AttributeValue> key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Map.Entry<String, AttributeValue> e : key.entrySet()) {
                AttributeValue v = e.getValue();
                byte[] value;
                char type;
                if (v.s() != null) {
                    type = 'S';
                    value = v.s().getBytes(StandardCharsets.UTF_8);
                } else if (v.n() != null) {
                    type = 'N';
                    value = v.n().getBytes(StandardCharsets.US_ASCII);
                } else if (v.b() != null) {
                    type = 'B';
                    value = v.b().asByteArrayUnsafe();
                } else {
                    throw new IllegalStateException("key attribute " + e.getKey() + " is not a string, number or binary");
                }
                out.writeByte(type);
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
                out.writeInt(value.length);
                out.write(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PREFIX + ENCODER.encodeToString(bytes.toByteArray());
    }

    public static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || !cursor.startsWith(PREFIX)) {
            throw invalid(cursor, "it does not start with " + PREFIX);
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, "it is not Base64url");
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(raw))) {
            while (in.available() > 0) {
                int type = in.readByte();
                String name = new String(readBlock(in, raw.length), StandardCharsets.UTF_8);
                byte[] value = readBlock(in, raw.length);
                key.put(name, switch (type) {
                    case 'S' -> AttributeValue.fromS(new String(value, StandardCharsets.UTF_8));
                    case 'N' -> AttributeValue.fromN(new String(value, StandardCharsets.US_ASCII));
                    case 'B' -> AttributeValue.fromB(SdkBytes.fromByteArray(value));
                    default -> throw invalid(cursor, "unknown attribute type " + type);
                });
            }
        } catch (IOException e) {
            throw invalid(cursor, "it is truncated");
        }
        return key;
    }

    private static byte[] readBlock(DataInputStream in, int max) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > max) {
            throw new IOException("bad length");
        }
        byte[] block = in.readNBytes(length);
        if (block.length != length) {
            throw new IOException("truncated");
        }
        return block;
    }

    /** The cursor's length only: a cursor holds key values, which messages never show. */
    private static IllegalArgumentException invalid(@Nullable String cursor, String why) {
        return new IllegalArgumentException("invalid cursor " + (cursor == null ? "null" : "of " + cursor.length()
                + " characters") + ": " + why
                + "; pass a cursor exactly as ItemStream.cursor() or Page.cursor() gave it");
    }
}
