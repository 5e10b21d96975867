package parley.gatewayclient;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * One WebSocket to a gateway, on Reactor Netty: text frames out through a sink (written by the
 * socket's event loop), text frames in handed to a {@link Listener} on that event loop with their
 * arrival time, so everything one socket receives is seen by one thread, in order.
 */
public final class GatewaySocket {

    /** Called on the socket's event-loop thread for each text frame, with {@link System#nanoTime()} of its arrival. */
    @FunctionalInterface
    public interface Listener {
        void onText(GatewaySocket socket, String text, long arrivedNanos);
    }

    private static final WebsocketClientSpec SPEC = WebsocketClientSpec.builder()
            .maxFramePayloadLength(1 << 20)
            .build();
    private static final HttpClient DEFAULT = HttpClient.create();

    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile Connection connection;
    private volatile Disposable subscription;
    private volatile Throwable failure;
    private volatile String closeStatus;

    private GatewaySocket() {
    }

    /** One client for many sockets: no connection pool (a WebSocket never goes back to one), given event loops. */
    public static HttpClient client(LoopResources loops) {
        return HttpClient.create(ConnectionProvider.newConnection()).runOn(loops);
    }

    /** Opens a socket on Reactor Netty's default resources; see {@link #open(HttpClient, String, Listener)}. */
    public static GatewaySocket open(String url, Listener listener) {
        return open(DEFAULT, url, listener);
    }

    /**
     * Starts connecting to {@code url} (with its token, e.g. {@code ws://host/ws?token=…}) and returns
     * at once; {@link #opened()} tells when the upgrade succeeded or why it failed.
     */
    public static GatewaySocket open(HttpClient client, String url, Listener listener) {
        GatewaySocket socket = new GatewaySocket();
        socket.subscription = client.websocket(SPEC)
                .uri(url)
                .handle((in, out) -> {
                    in.withConnection(c -> socket.connection = c);
                    socket.opened.complete(null);
                    in.receiveCloseStatus().subscribe(status -> {
                        socket.closeStatus = status.code() + " " + status.reasonText();
                        socket.closeCode.complete(status.code());
                    });
                    Mono<Void> receive = in.receiveFrames()
                            .doOnNext(frame -> {
                                if (frame instanceof TextWebSocketFrame text) {
                                    long now = System.nanoTime();
                                    listener.onText(socket, text.content().toString(StandardCharsets.UTF_8), now);
                                }
                            })
                            .then()
                            .doFinally(signal -> socket.outbound.tryEmitComplete());
                    return Mono.when(receive, out.sendString(socket.outbound.asFlux()).then());
                })
                .doFinally(signal -> socket.closeCode.complete(-1))
                .subscribe(null, error -> {
                    socket.failure = error;
                    socket.opened.completeExceptionally(error);
                    socket.closeCode.complete(-1);
                });
        return socket;
    }

    /** Completes when the upgrade succeeded; fails with why it did not (401, refused). */
    public CompletableFuture<Void> opened() {
        return opened;
    }

    /** Queues a text frame; false when the socket is closed. Safe from any thread. */
    public synchronized boolean send(String frame) {
        return outbound.tryEmitNext(frame).isSuccess();
    }

    public boolean isOpen() {
        return opened.isDone() && !opened.isCompletedExceptionally() && !closeCode.isDone();
    }

    /** Completes with the server's close code, or -1 when the connection ended without one. */
    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    /** The close frame's code and reason when the server closed the socket, else null. */
    public String closeStatus() {
        return closeStatus;
    }

    /** Why the connection failed, if it did. */
    public Throwable failure() {
        return failure;
    }

    /** Ends the outbound stream and drops the connection (without waiting for a close handshake). */
    public void close() {
        outbound.tryEmitComplete();
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
