package parley.application.port.out;

/**
 * The store refuses what it was given for what it is (a value it cannot hold, a constraint it
 * breaks), not because it is unavailable: trying the same again will fail the same way. Anything
 * else a store fails with counts as an outage, which is waited out, never given up on.
 */
public final class StoreRefusedException extends RuntimeException {

    public StoreRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
