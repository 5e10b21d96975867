package parley.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A {@link ChatSocket} speaking Socket.IO to a scripted stand-in for the gateway's endpoint on
 * loopback (no Parley server): the handshake, the heartbeat and a server DISCONNECT are handled by
 * the socket, and the scenario's listener sees only events and acks.
 */
class ChatSocketSocketIoTest {

    /** What the client sent, in order. */
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** What the stand-in sends next. */
    private final Sinks.Many<String> toClient = Sinks.many().unicast().onBackpressureBuffer();
    private DisposableServer server;
    private LoopResources loops;

    @BeforeEach
    void start() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.ws("/socket.io/", (in, out) -> {
                    in.receive().asString().subscribe(received::add);
                    return out.sendString(toClient.asFlux()).then();
                }))
                .bindNow();
        loops = LoopResources.create("sio-test", 1, true);
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        loops.disposeLater().block(Duration.ofSeconds(5));
    }

    @Test
    void handshakesAnswersPingsAndHandsOnlyEventsAndAcksToTheScenario() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        var connecting = ChatSocket.connect(ChatSocket.client(loops), Protocol.SOCKET_IO, "http://127.0.0.1:" + server.port(), "jwt-1",
                0, (s, text, now) -> seen.add(text), Duration.ofSeconds(10)).toFuture();

        toClient.tryEmitNext("0{\"sid\":\"e1\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("40{\"token\":\"jwt-1\"}");
        assertThat(connecting).as("not ready before the CONNECT is answered").isNotDone();

        toClient.tryEmitNext("40{\"sid\":\"s1\"}");
        ChatSocket socket = connecting.get(10, TimeUnit.SECONDS);
        assertThat(socket.isOpen()).isTrue();

        toClient.tryEmitNext("2");
        assertThat(received.poll(10, TimeUnit.SECONDS)).as("pong").isEqualTo("3");

        socket.send(Protocol.SOCKET_IO.joinRoom("r"));
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("420[\"joinRoom\",{\"roomId\":\"r\"}]");
        toClient.tryEmitNext("430[{\"success\":true}]");
        toClient.tryEmitNext("42[\"newMessage\",{\"id\":\"m\",\"seq\":1}]");
        awaitSize(seen, 2);
        assertThat(seen).containsExactly("430[{\"success\":true}]", "42[\"newMessage\",{\"id\":\"m\",\"seq\":1}]");

        toClient.tryEmitNext("41");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (socket.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(socket.isOpen()).isFalse();
        assertThat(socket.closeStatus()).contains("DISCONNECT (41)");
        assertThat(seen).hasSize(2);
    }

    @Test
    void aRefusedConnectFailsTheConnection() {
        var connecting = ChatSocket.connect(ChatSocket.client(loops), Protocol.SOCKET_IO, "http://127.0.0.1:" + server.port(), "bad",
                0, (s, text, now) -> { }, Duration.ofSeconds(10)).toFuture();
        toClient.tryEmitNext("0{\"sid\":\"e1\",\"pingInterval\":25000,\"pingTimeout\":20000}");
        toClient.tryEmitNext("44{\"message\":\"unauthorized\"}");

        assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS)).hasMessageContaining("CONNECT_ERROR");
    }

    private static void awaitSize(List<String> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
