package parley.loadgen;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import parley.gatewayclient.GatewaySocket;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;

/**
 * One simulated client's socket: the shared {@link GatewaySocket} plus what a scenario keeps per
 * socket (its number, its sends in flight, free state). Frames arrive on the socket's event loop.
 */
final class ChatSocket {

    /** Called on the socket's event-loop thread for each text frame, with {@link System#nanoTime()} of its arrival. */
    interface Listener {
        void onText(ChatSocket socket, String text, long arrivedNanos);
    }

    final int index;
    /** Sends without an answer yet (ack or reply); the pacer skips a socket with too many. */
    final AtomicInteger inflight = new AtomicInteger();
    /** Free for the scenario: state touched only on this socket's event loop. */
    Object state;

    private final GatewaySocket socket;

    private ChatSocket(HttpClient client, String url, int index, Listener listener) {
        this.index = index;
        this.socket = GatewaySocket.open(client, url, (s, text, arrived) -> listener.onText(this, text, arrived));
    }

    /** One client for many sockets: no connection pool (a WebSocket never goes back to one), given event loops. */
    static HttpClient client(LoopResources loops) {
        return GatewaySocket.client(loops);
    }

    /** Completes with the socket once the upgrade succeeded; errors (401, refused, timeout) otherwise. */
    static Mono<ChatSocket> connect(HttpClient client, String wsUrl, String token, int index, Listener listener, Duration timeout) {
        return Mono.defer(() -> {
            ChatSocket socket = new ChatSocket(client, wsUrl + "?token=" + token, index, listener);
            return Mono.fromFuture(socket.socket.opened()).thenReturn(socket).timeout(timeout)
                    .doOnError(error -> socket.close());
        });
    }

    /** Queues a text frame; false when the socket is closed. Safe from any thread. */
    boolean send(String frame) {
        return socket.send(frame);
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    /** The close frame's code and reason when the server closed the socket, else null. */
    String closeStatus() {
        return socket.closeStatus();
    }

    Throwable failure() {
        return socket.failure();
    }

    /** Closes the connection (without waiting for a close handshake). */
    void close() {
        socket.close();
    }
}
