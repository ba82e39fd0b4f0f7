package dev.dynamatic.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Each limit is the number DynamoDB documents, in DynamoDB's binary units, and the number bounds agree. */
class LimitsTest {

    private static final int KB = 1024;
    private static final int MB = 1024 * KB;

    @Test
    void expressionLimitsAreTheDocumentedOnes() {
        assertEquals(4 * KB, Limits.MAX_EXPRESSION_BYTES);
        assertEquals(255, Limits.MAX_PLACEHOLDER_BYTES);
        assertEquals(2 * MB, Limits.MAX_SUBSTITUTION_BYTES);
        assertEquals(300, Limits.MAX_UPDATE_OPERATORS);
        assertEquals(100, Limits.MAX_IN_OPERANDS);
    }

    @Test
    void itemAndKeyLimitsAreTheDocumentedOnes() {
        assertEquals(32, Limits.MAX_NESTING);
        assertEquals(400 * KB, Limits.MAX_ITEM_BYTES);
        assertEquals(64 * KB - 1, Limits.MAX_ATTRIBUTE_NAME_BYTES);
        assertEquals(255, Limits.MAX_KEY_ATTRIBUTE_NAME_BYTES);
        assertEquals(2048, Limits.MAX_PARTITION_KEY_BYTES);
        assertEquals(1024, Limits.MAX_SORT_KEY_BYTES);
    }

    @Test
    void operationLimitsAreTheDocumentedOnes() {
        assertEquals(100, Limits.MAX_BATCH_GET_KEYS);
        assertEquals(16 * MB, Limits.MAX_BATCH_GET_BYTES);
        assertEquals(25, Limits.MAX_BATCH_WRITE_REQUESTS);
        assertEquals(16 * MB, Limits.MAX_BATCH_WRITE_BYTES);
        assertEquals(100, Limits.MAX_TRANSACTION_ACTIONS);
        assertEquals(4 * MB, Limits.MAX_TRANSACTION_BYTES);
        assertEquals(36, Limits.MAX_CLIENT_REQUEST_TOKEN_LENGTH);
        assertEquals(1_000_000, Limits.MAX_TOTAL_SEGMENTS);
    }

    @Test
    void numberBoundsAgreeWithEachOther() {
        assertEquals(38, Limits.MAX_NUMBER_DIGITS);
        // the largest magnitude: all digits nines, the leading one at the largest exponent, just below 1E+126
        assertEquals(Limits.MAX_NUMBER_DIGITS, Limits.MAX_NUMBER_MAGNITUDE.precision());
        assertEquals(Limits.MAX_NUMBER_EXPONENT, exponent(Limits.MAX_NUMBER_MAGNITUDE));
        assertEquals(0, Limits.MAX_NUMBER_MAGNITUDE.add(BigDecimal.ONE.scaleByPowerOfTen(
                Limits.MAX_NUMBER_EXPONENT - Limits.MAX_NUMBER_DIGITS + 1)).compareTo(new BigDecimal("1E+126")));
        // the smallest: a single digit one at the smallest exponent
        assertEquals(1, Limits.MIN_NUMBER_MAGNITUDE.precision());
        assertEquals(Limits.MIN_NUMBER_EXPONENT, exponent(Limits.MIN_NUMBER_MAGNITUDE));
        assertEquals(0, Limits.MIN_NUMBER_MAGNITUDE.compareTo(new BigDecimal("1E-130")));
    }

    /** The decimal exponent of the leading digit. */
    private static int exponent(BigDecimal d) {
        return d.precision() - d.scale() - 1;
    }
}
