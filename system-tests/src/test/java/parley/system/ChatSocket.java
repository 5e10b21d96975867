package parley.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import parley.gatewayclient.GatewaySocket;
import tools.jackson.databind.JsonNode;

/** A WebSocket client of the gateway (the shared {@link GatewaySocket}) that records every frame it receives. */
final class ChatSocket implements AutoCloseable {

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final GatewaySocket socket;

    private ChatSocket(String url) {
        socket = GatewaySocket.open(url, (s, text, arrived) -> frames.add(Rest.JSON.readTree(text)));
    }

    static ChatSocket connect(String wsUrl, String token) {
        ChatSocket chat = new ChatSocket(wsUrl + "?token=" + token);
        try {
            chat.socket.opened().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            chat.close();
            throw new IllegalStateException("could not connect to " + wsUrl + ": " + e, e);
        }
        return chat;
    }

    /** Sends a frame (JSON text) and returns the id it was given. */
    String send(String type, String fieldsJson) {
        String id = type + "-" + ids.incrementAndGet();
        String fields = fieldsJson == null || fieldsJson.isBlank() ? "" : "," + fieldsJson;
        sendRaw("{\"type\":\"" + type + "\",\"id\":\"" + id + "\"" + fields + "}");
        return id;
    }

    void sendRaw(String text) {
        socket.send(text);
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

    /** The close code the socket ended with (the server's, or -1 when the connection just ended). */
    java.util.concurrent.CompletableFuture<Integer> closeCode() {
        return socket.closeCode();
    }

    @Override
    public void close() {
        socket.close();
    }
}
