package parley.loadgen;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import parley.gatewayclient.GatewaySocket;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;

/**
 * One simulated client's socket: the shared {@link GatewaySocket} speaking a {@link Protocol}, plus
 * what a scenario keeps per socket (its number, its sends in flight, free state). Frames arrive on
 * the socket's event loop; the protocol's own (handshake, heartbeat) never reach the listener.
 */
final class ChatSocket implements Protocol.Link {

    /** Called on the socket's event-loop thread for each text frame, with {@link System#nanoTime()} of its arrival. */
    interface Listener {
        void onText(ChatSocket socket, String text, long arrivedNanos);
    }

    final int index;
    final Protocol protocol;
    /** Sends without an answer yet (ack or reply); the pacer skips a socket with too many. */
    final AtomicInteger inflight = new AtomicInteger();
    /** Free for the scenario: state touched only on this socket's event loop. */
    Object state;

    private final String token;
    /** The protocol's handshake (unused by one without): created before the connection, which may answer at once. */
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();
    /** Done when requests may go: at the upgrade, or once the protocol's handshake is through. */
    private final CompletableFuture<Void> ready;
    /** Set in the constructor, and by the first frame in case that comes first (the handshake answers on it). */
    private volatile GatewaySocket socket;
    private volatile String endedByServer;

    private ChatSocket(HttpClient client, Protocol protocol, String gatewayHttp, String token, int index, Listener listener) {
        this.index = index;
        this.protocol = protocol;
        this.token = token;
        GatewaySocket opened = GatewaySocket.open(client, protocol.url(gatewayHttp, token), (s, text, arrived) -> {
            if (socket == null) {
                socket = s;
            }
            if (!protocol.session(text, this.token, this)) {
                listener.onText(this, text, arrived);
            }
        });
        this.socket = opened;
        if (protocol.handshakes()) {
            this.ready = handshake;
            opened.opened().whenComplete((ok, error) -> {
                if (error != null) {
                    handshake.completeExceptionally(error);
                }
            });
            opened.closeCode().thenRun(() -> handshake.completeExceptionally(
                    new IllegalStateException(protocol.label() + " handshake not finished: " + closeStatus())));
        } else {
            this.ready = opened.opened();
        }
    }

    /** One client for many sockets: no connection pool (a WebSocket never goes back to one), given event loops. */
    static HttpClient client(LoopResources loops) {
        return GatewaySocket.client(loops);
    }

    /**
     * Completes with the socket once it is ready for requests (the upgrade, and the protocol's
     * handshake if it has one); errors (401, refused, refused CONNECT, timeout) otherwise.
     */
    static Mono<ChatSocket> connect(HttpClient client, Protocol protocol, String gatewayHttp, String token, int index,
                                    Listener listener, Duration timeout) {
        return Mono.defer(() -> {
            ChatSocket socket = new ChatSocket(client, protocol, gatewayHttp, token, index, listener);
            return Mono.fromFuture(socket.ready).thenReturn(socket).timeout(timeout)
                    .doOnError(error -> socket.close());
        });
    }

    /** Queues a text frame; false when the socket is closed. Safe from any thread. */
    @Override
    public boolean send(String frame) {
        return socket.send(frame);
    }

    @Override
    public void ready() {
        handshake.complete(null);
    }

    @Override
    public void endedByServer(String why) {
        endedByServer = why;
        handshake.completeExceptionally(new IllegalStateException(why));
        socket.close();
    }

    boolean isOpen() {
        return endedByServer == null && socket.isOpen();
    }

    /** Why the server ended the session: the protocol's word for it, else the close frame's code and reason, else null. */
    String closeStatus() {
        String why = endedByServer;
        return why != null ? why : socket.closeStatus();
    }

    Throwable failure() {
        return socket.failure();
    }

    /** Closes the connection (without waiting for a close handshake). */
    void close() {
        socket.close();
    }
}
