package parley.application.port.out;

/**
 * The deny-list cannot answer: its "complete" sentinel is missing (Redis restarted empty, was
 * flushed, or failed over to a replica that never had it), so a missing entry proves nothing. The
 * sessions table answers instead, and the list is re-seeded from it.
 */
public final class DenyListIncompleteException extends RuntimeException {

    public DenyListIncompleteException(String message) {
        super(message);
    }
}
