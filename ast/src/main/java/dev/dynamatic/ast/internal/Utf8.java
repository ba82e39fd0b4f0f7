package dev.dynamatic.ast.internal;

/** Text as DynamoDB measures it: in bytes of UTF-8, counted without encoding. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * {@return the number of UTF-8 bytes of the text}, a lone surrogate counted as three (as its replacement)
     *
     * @param s the text
     */
    public static long length(String s) {
        long bytes = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * {@return the index of the first surrogate without its pair (text that is not valid UTF-16), or -1}
     *
     * @param s the text
     */
    public static int loneSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
