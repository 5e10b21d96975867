package parley.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** Picks free TCP ports on the loopback interface by binding {@code 127.0.0.1:0}. */
final class FreePorts {

    static final String LOOPBACK_HOST = "127.0.0.1";

    /** How many times a server start is attempted when a freshly picked port got taken in the meantime. */
    static final int BIND_ATTEMPTS = 3;

    private FreePorts() {
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName(LOOPBACK_HOST);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(loopback(), 0), 1);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + LOOPBACK_HOST, e);
        }
    }

    /** Returns {@code requested} if it is not 0, otherwise a free port. */
    static int pickIfZero(int requested) {
        return requested != 0 ? requested : pick();
    }
}
