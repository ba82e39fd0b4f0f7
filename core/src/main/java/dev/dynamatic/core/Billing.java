package dev.dynamatic.core;

/**
 * How a table is billed (DynamoDB's {@code BillingMode}): on demand, per request, or for capacity provisioned in
 * advance. Part of a {@link TableDefinition}, which is on demand unless it says otherwise.
 *
 * {@snippet :
 * TableDefinition onDemand = TableDefinition.of("Shop", KEYS);                                    // the default
 * TableDefinition provisioned = onDemand.withBilling(Billing.provisioned(10, 5));   // 10 reads, 5 writes a second
 * }
 */
public sealed interface Billing permits Billing.OnDemand, Billing.Provisioned {

    /** {@return on-demand billing ({@code PAY_PER_REQUEST}): no capacity to plan} */
    static Billing onDemand() {
        return new OnDemand();
    }

    /**
     * {@return provisioned billing with these capacities}, for the table and for each of its global secondary
     * indexes
     *
     * @param readCapacityUnits the read capacity units, at least 1
     * @param writeCapacityUnits the write capacity units, at least 1
     * @throws IllegalArgumentException if a capacity is below 1
     */
    static Billing provisioned(long readCapacityUnits, long writeCapacityUnits) {
        return new Provisioned(readCapacityUnits, writeCapacityUnits);
    }

    /** On-demand billing ({@code PAY_PER_REQUEST}). */
    record OnDemand() implements Billing {
        /** {@return {@code PAY_PER_REQUEST}} */
        @Override
        public String toString() {
            return "PAY_PER_REQUEST";
        }
    }

    /**
     * Provisioned billing ({@code PROVISIONED}).
     *
     * @param readCapacityUnits the read capacity units, at least 1
     * @param writeCapacityUnits the write capacity units, at least 1
     */
    record Provisioned(long readCapacityUnits, long writeCapacityUnits) implements Billing {
        /** Checks that both capacities are at least 1, as DynamoDB requires. */
        public Provisioned {
            if (readCapacityUnits < 1 || writeCapacityUnits < 1) {
                throw new IllegalArgumentException("provisioned capacities are at least 1, got " + readCapacityUnits
                        + " read and " + writeCapacityUnits + " write capacity units");
            }
        }

        /** {@return {@code PROVISIONED} and the capacities} */
        @Override
        public String toString() {
            return "PROVISIONED(read " + readCapacityUnits + ", write " + writeCapacityUnits + ")";
        }
    }
}
