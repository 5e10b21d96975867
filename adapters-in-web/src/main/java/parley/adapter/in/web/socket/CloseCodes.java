package parley.adapter.in.web.socket;

/** The close codes the gateway ends sockets with (RFC 6455 §7.4 and the application range 4000-4999). */
public final class CloseCodes {

    /** The gateway is shutting down: reconnect (to another instance). */
    public static final int GOING_AWAY = 1001;
    /** Policy violation: flooding, or not reading. */
    public static final int POLICY_VIOLATION = 1008;
    /** The token could not be verified. */
    public static final int UNAUTHORIZED = 4401;
    /** The user has as many sockets open on this gateway as allowed. */
    public static final int TOO_MANY_SOCKETS = 4429;

    private CloseCodes() {
    }
}
