package parley.adapter.in.web;

import java.net.InetAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a gateway that signs tokens with a publicly known key (the {@code dev} profile's,
 * {@code parley.auth.public-jwt-secret}) while it listens on anything but loopback: with that key,
 * anyone who can reach the gateway can mint a token for any user.
 */
@Component
final class PublicSecretGuard {

    PublicSecretGuard(@Value("${parley.auth.jwt-secret:}") String secret,
                      @Value("${parley.auth.public-jwt-secret:}") String publicSecret,
                      @Value("${server.address:}") String address) {
        check(secret, publicSecret, address);
    }

    static void check(String secret, String publicSecret, String address) {
        if (publicSecret.isEmpty() || !publicSecret.equals(secret) || isLoopback(address)) {
            return;
        }
        throw new IllegalStateException("the JWT secret in use is the development profile's public one, and server.address is '"
                + (address.isEmpty() ? "(all interfaces)" : address) + "': anyone who can reach this gateway could forge tokens. "
                + "Set PARLEY_JWT_SECRET to a secret of your own, or bind loopback (server.address=127.0.0.1).");
    }

    /** Only an IP literal counts: a host name could resolve to anything by the time the server binds. */
    private static boolean isLoopback(String address) {
        InetAddress literal = address.isBlank() ? null : ClientAddresses.literal(address);
        return literal != null && literal.isLoopbackAddress();
    }
}
