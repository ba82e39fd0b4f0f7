package dev.dynamatic.core.internal;

/** Checks shared by the operations that span tables: batches and transactions run on one client. */
public final class Clients {

    private Clients() {
    }

    /**
     * Checks two tables of one operation share a client.
     *
     * @throws IllegalArgumentException naming both tables otherwise
     */
    public static void checkSame(String operation, Object firstClient, String firstTable, Object nextClient,
                                 String nextTable) {
        if (firstClient != nextClient) {
            throw new IllegalArgumentException("one " + operation + " runs on one client: table " + nextTable
                    + " has another client than table " + firstTable);
        }
    }
}
