package parley.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.databind.JsonNode;

/** A WebSocket client of the gateway that records every frame it receives. */
final class ChatSocket implements AutoCloseable {

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<Integer> closed = Sinks.one();
    private final Sinks.One<Boolean> open = Sinks.one();
    private final AtomicInteger ids = new AtomicInteger();
    private final Disposable connection;

    private ChatSocket(String url) {
        connection = HttpClient.create()
                .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
                .uri(url)
                .handle((in, out) -> {
                    open.tryEmitValue(true);
                    in.receiveCloseStatus().subscribe(status -> closed.tryEmitValue(status.code()));
                    return out.sendString(outbound.asFlux())
                            .then()
                            .and(in.receive().asString().doOnNext(text -> frames.add(Rest.JSON.readTree(text))).then());
                })
                .subscribe(null, error -> open.tryEmitError(error));
    }

    static ChatSocket connect(String wsUrl, String token) {
        ChatSocket socket = new ChatSocket(wsUrl + "?token=" + token);
        socket.open.asMono().block(Duration.ofSeconds(10));
        return socket;
    }

    /** Sends a frame (JSON text) and returns the id it was given. */
    String send(String type, String fieldsJson) {
        String id = type + "-" + ids.incrementAndGet();
        String fields = fieldsJson == null || fieldsJson.isBlank() ? "" : "," + fieldsJson;
        sendRaw("{\"type\":\"" + type + "\",\"id\":\"" + id + "\"" + fields + "}");
        return id;
    }

    void sendRaw(String text) {
        outbound.tryEmitNext(text);
    }

    /** The reply, ack or error with this frame id, waiting for it. */
    JsonNode answerTo(String id) {
        return await(frame -> frame.hasNonNull("id") && id.equals(frame.get("id").asString()), Duration.ofSeconds(10));
    }

    JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> frames.stream().anyMatch(match));
        return frames.stream().filter(match).findFirst().orElseThrow();
    }

    List<JsonNode> frames(String type) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (type.equals(frame.get("type").asString())) {
                matching.add(frame);
            }
        }
        return matching;
    }

    /** The messages received in newMessage frames for a room, in arrival order. */
    List<JsonNode> messagesIn(String roomId) {
        return frames("newMessage").stream()
                .map(frame -> frame.get("message"))
                .filter(message -> roomId.equals(message.get("roomId").asString()))
                .toList();
    }

    Integer closeCode(Duration timeout) {
        return closed.asMono().block(timeout);
    }

    @Override
    public void close() {
        outbound.tryEmitComplete();
        connection.dispose();
    }
}
