package parley.reliability.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import parley.gatewayclient.GatewayHttp;
import parley.gatewayclient.GatewaySocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One WebSocket connection of a chat client (reactor-netty), recording what arrives: answers
 * (ack/reply/error frames with an id) by frame id, {@code newMessage} frames per room in arrival
 * order, typing frames and id-less errors, each with its arrival time.
 */
final class WsClient implements AutoCloseable {

    static final JsonMapper JSON = GatewayHttp.JSON;

    /** An answer to a frame this client sent. */
    record Answer(JsonNode frame, long atNanos) {
        String status() {
            return frame.path("status").asString("");
        }

        boolean accepted() {
            return "ACCEPTED".equals(status());
        }

        String messageId() {
            return frame.path("messageId").asString(null);
        }

        String errorCode() {
            return frame.path("error").path("code").asString(null);
        }
    }

    /** A {@code newMessage} frame. */
    record Received(String id, String roomId, long seq, String content, long atNanos) {
    }

    private final String label;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> messages = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<JsonNode> typing = new ConcurrentLinkedQueue<>();

    private final ConcurrentLinkedQueue<JsonNode> presence = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<JsonNode> errors = new ConcurrentLinkedQueue<>();
    private final AtomicLong frameIds = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private volatile Consumer<Answer> onAnswer = answer -> { };
    private final GatewaySocket socket;

    private WsClient(String url, String label) {
        this.label = label;
        this.socket = GatewaySocket.open(url, (s, text, arrived) -> onFrame(text, arrived));
    }

    /** Connects and waits for the upgrade; fails after {@code timeout}. */
    static WsClient connect(String wsUrl, String token, String label, Duration timeout) {
        WsClient client = new WsClient(wsUrl + "?token=" + token, label);
        try {
            client.socket.opened().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (Exception e) {
            client.close();
            throw new IllegalStateException(label + " could not connect to " + wsUrl + ": " + e, e);
        }
    }

    private void onFrame(String text, long now) {
        framesReceived.incrementAndGet();
        JsonNode frame = JSON.readTree(text);
        String type = frame.path("type").asString("");
        switch (type) {
            case "newMessage" -> {
                JsonNode m = frame.get("message");
                Received received = new Received(m.get("id").asString(), m.get("roomId").asString(), m.get("seq").asLong(),
                        m.get("content").asString(), now);
                List<Received> list = messages.computeIfAbsent(received.roomId(), r -> new ArrayList<>());
                synchronized (list) {
                    list.add(received);
                }
            }
            case "typing" -> typing.add(frame);
            case "presence" -> presence.add(frame);
            default -> {
                if (frame.hasNonNull("id")) {
                    Answer answer = new Answer(frame, now);
                    answers.put(frame.get("id").asString(), answer);
                    onAnswer.accept(answer);
                } else if ("error".equals(type)) {
                    errors.add(frame);
                }
            }
        }
    }

    /** Called on the receiving thread for every answer; set before sending. */
    void onAnswer(Consumer<Answer> listener) {
        this.onAnswer = listener;
    }

    /** Sends a frame of {@code type} with extra JSON fields; returns its frame id. */
    String send(String type, String fieldsJson) {
        String id = nextFrameId();
        send(id, type, fieldsJson);
        return id;
    }

    /**
     * A fresh frame id, for callers that must be ready for the answer before the frame leaves: the
     * answer may arrive on the receiving thread before {@link #send(String, String, String)} returns.
     */
    String nextFrameId() {
        return label + "-" + frameIds.incrementAndGet();
    }

    void send(String id, String type, String fieldsJson) {
        String fields = fieldsJson == null || fieldsJson.isBlank() ? "" : "," + fieldsJson;
        socket.send("{\"type\":\"" + type + "\",\"id\":\"" + id + "\"" + fields + "}");
    }

    void sendMessage(String frameId, String roomId, String clientMsgId, String content) {
        send(frameId, "sendMessage", "\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + clientMsgId + "\",\"content\":\"" + content + "\"");
    }

    void typing(String roomId) {
        send("typing", "\"roomId\":\"" + roomId + "\"");
    }

    /** Joins the room (with {@code lastSeenSeq} unless null) and requires {@code ok:true}. */
    void join(String roomId, Long lastSeenSeq, Duration timeout) {
        String extra = lastSeenSeq == null ? "" : ",\"lastSeenSeq\":" + lastSeenSeq;
        String id = send("joinRoom", "\"roomId\":\"" + roomId + "\"" + extra);
        Answer reply = await(id, timeout);
        if (reply == null || !reply.frame().path("ok").asBoolean(false)) {
            throw new AssertionError(label + " could not join " + roomId + ": " + (reply == null ? "no reply" : reply.frame()));
        }
    }

    /** The answer to frame {@code id}, or null when none came within {@code timeout}. */
    Answer await(String id, Duration timeout) {
        Sleep.until(() -> answers.containsKey(id) || isClosed(), timeout);
        return answers.get(id);
    }

    Answer answer(String id) {
        return answers.get(id);
    }

    /** A copy of the messages received for a room, in arrival order. */
    List<Received> messages(String roomId) {
        List<Received> list = messages.get(roomId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    int messageCount(String roomId) {
        List<Received> list = messages.get(roomId);
        if (list == null) {
            return 0;
        }
        synchronized (list) {
            return list.size();
        }
    }

    /** The highest seq of the room received without a hole from 1 (what a client would send as lastSeenSeq). */
    long contiguousSeq(String roomId) {
        long last = 0;
        for (Received r : messages(roomId)) {
            if (r.seq() == last + 1) {
                last = r.seq();
            }
        }
        return last;
    }

    /** {@code typist} types every 250 ms until {@code watcher} sees a new typing frame; seconds taken, or -1. */
    static double typingRoundTrip(WsClient typist, WsClient watcher, String roomId, Duration timeout) {
        int before = watcher.typing.size();
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            typist.typing(roomId);
            if (Sleep.until(() -> watcher.typing.size() > before, Duration.ofMillis(250))) {
                return Sleep.secondsSince(t0);
            }
        }
        return -1;
    }

    List<JsonNode> presenceFrames() {
        return List.copyOf(presence);
    }

    List<JsonNode> typingFrames() {
        return List.copyOf(typing);
    }

    List<JsonNode> errors() {
        return List.copyOf(errors);
    }

    long framesReceived() {
        return framesReceived.get();
    }

    boolean isClosed() {
        return socket.closeCode().isDone();
    }

    /** The close code (-1 when the connection broke without a close frame), or null while open. */
    Integer closeCode() {
        return socket.closeCode().getNow(null);
    }

    String label() {
        return label;
    }

    @Override
    public void close() {
        socket.close();
    }
}
