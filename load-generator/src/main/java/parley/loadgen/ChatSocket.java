package parley.loadgen;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * One WebSocket to a gateway, on Reactor Netty: frames out through a sink (written by the
 * socket's event loop), text frames in handed to a {@link Listener} on that event loop, so
 * everything one socket receives is seen by one thread, in order.
 */
final class ChatSocket {

    /** Called on the socket's event-loop thread for each text frame, with {@link System#nanoTime()} of its arrival. */
    interface Listener {
        void onText(ChatSocket socket, String text, long arrivedNanos);
    }

    private static final WebsocketClientSpec SPEC = WebsocketClientSpec.builder()
            .maxFramePayloadLength(1 << 20)
            .build();

    final int index;
    /** Sends without an answer yet (ack or reply); the pacer skips a socket with too many. */
    final AtomicInteger inflight = new AtomicInteger();
    /** Free for the scenario: state touched only on this socket's event loop. */
    Object state;

    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Connection connection;
    private volatile Disposable subscription;
    private volatile Throwable failure;
    private volatile String closeStatus;

    private ChatSocket(int index) {
        this.index = index;
    }

    /** One client for many sockets: no connection pool (a WebSocket never goes back to one), given event loops. */
    static HttpClient client(LoopResources loops) {
        return HttpClient.create(ConnectionProvider.newConnection()).runOn(loops);
    }

    /** Completes with the socket once the upgrade succeeded; errors (401, refused, timeout) otherwise. */
    static Mono<ChatSocket> connect(HttpClient client, String wsUrl, String token, int index, Listener listener, Duration timeout) {
        return Mono.<ChatSocket>create(sink -> {
            ChatSocket socket = new ChatSocket(index);
            AtomicBoolean answered = new AtomicBoolean();
            socket.subscription = client.websocket(SPEC)
                    .uri(wsUrl + "?token=" + token)
                    .handle((in, out) -> {
                        in.withConnection(c -> socket.connection = c);
                        if (answered.compareAndSet(false, true)) {
                            sink.success(socket);
                        }
                        Mono<Void> receive = in.receiveFrames()
                                .doOnNext(frame -> {
                                    if (frame instanceof TextWebSocketFrame text) {
                                        long now = System.nanoTime();
                                        listener.onText(socket, text.content().toString(StandardCharsets.UTF_8), now);
                                    }
                                })
                                .then()
                                .doFinally(signal -> socket.outbound.tryEmitComplete());
                        Mono<Void> send = out.sendString(socket.outbound.asFlux()).then();
                        in.receiveCloseStatus().subscribe(status -> socket.closeStatus = status.code() + " " + status.reasonText());
                        return Mono.when(receive, send);
                    })
                    .doFinally(signal -> socket.closed.complete(null))
                    .subscribe(null, error -> {
                        socket.failure = error;
                        if (answered.compareAndSet(false, true)) {
                            sink.error(error);
                        }
                    });
        }).timeout(timeout);
    }

    /** Queues a text frame; false when the socket is closed. Safe from any thread. */
    synchronized boolean send(String frame) {
        return outbound.tryEmitNext(frame).isSuccess();
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    /** The close frame's code and reason when the server closed the socket, else null. */
    String closeStatus() {
        return closeStatus;
    }

    Throwable failure() {
        return failure;
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    /** Closes the connection (without waiting for a close handshake). */
    void close() {
        Connection c = connection;
        if (c != null) {
            c.dispose();
        }
        Disposable d = subscription;
        if (d != null) {
            d.dispose();
        }
    }
}
