package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The human-written text fields of the API, each submitted the way a client submits it and read
 * back the way a client reads it: a display name (register, then {@code /auth/me}), a room name and
 * a description ({@code POST /rooms}, then {@code GET /rooms/{id}}), and a message's content
 * ({@code sendMessage} over the socket, then the room's history).
 */
enum TextField {

    DISPLAY_NAME("displayName"),
    ROOM_NAME("name"),
    DESCRIPTION("description"),
    MESSAGE_CONTENT("content");

    /** The field's name as the API reports it in a refusal. */
    final String field;

    TextField(String field) {
        this.field = field;
    }

    /** Either the value read back after it was stored, or the refusal (status, code, fields or message). */
    record Outcome(boolean stored, String value, String storedId, int status, String code, String refusal) {

        static Outcome stored(String value, String id) {
            return new Outcome(true, value, id, 0, null, null);
        }

        static Outcome refused(int status, String code, String refusal) {
            return new Outcome(false, null, null, status, code, refusal);
        }
    }

    /** A user, a room and a socket to submit with; made once per test class. */
    static final class Workbench implements AutoCloseable {
        final User user;
        final String roomId;
        private RawSocket socket;

        Workbench(String name) {
            user = User.register(name);
            roomId = user.createRoom(name + " bench");
        }

        synchronized RawSocket socket() {
            if (socket == null) {
                socket = user.connect();
                JsonNode joined = socket.answerTo(socket.send("joinRoom", "\"roomId\":\"" + roomId + "\""));
                assertThat(joined.get("ok").asBoolean()).as("join: %s", joined).isTrue();
            }
            return socket;
        }

        @Override
        public synchronized void close() {
            if (socket != null) {
                socket.close();
            }
        }
    }

    /**
     * Submits {@code jsonLiteral} (a JSON string literal: raw UTF-8 or \\u escapes, as the test
     * chose) as this field's value, and reads it back when it was stored.
     */
    Outcome submit(Workbench bench, String jsonLiteral) {
        return switch (this) {
            case DISPLAY_NAME -> {
                String email = "text-" + UUID.randomUUID() + "@example.com";
                Http.Reply registered = bench.user.http().postJson("/auth/register", null,
                        "{\"email\":\"" + email + "\",\"password\":\"" + User.PASSWORD + "\",\"displayName\":" + jsonLiteral + "}");
                if (registered.status() != 201) {
                    yield refusal(registered);
                }
                String token = User.logIn(bench.user.http(), email, User.PASSWORD);
                Http.Reply me = bench.user.http().get("/auth/me", token);
                assertThat(me.status()).as("me: %s", me).isEqualTo(200);
                assertThat(registered.json().get("displayName").asString()).isEqualTo(me.json().get("displayName").asString());
                yield Outcome.stored(me.json().get("displayName").asString(), me.json().get("id").asString());
            }
            case ROOM_NAME, DESCRIPTION -> {
                String body = this == ROOM_NAME
                        ? "{\"name\":" + jsonLiteral + "}"
                        : "{\"name\":\"described\",\"description\":" + jsonLiteral + "}";
                Http.Reply created = bench.user.post("/rooms", body);
                if (created.status() != 201) {
                    yield refusal(created);
                }
                String id = created.json().get("id").asString();
                Http.Reply room = bench.user.get("/rooms/" + id);
                assertThat(room.status()).as("room: %s", room).isEqualTo(200);
                String value = textOrNull(room.json().get(field));
                assertThat(textOrNull(created.json().get(field))).isEqualTo(value);
                yield Outcome.stored(value, id);
            }
            case MESSAGE_CONTENT -> {
                RawSocket socket = bench.socket();
                String clientMsgId = UUID.randomUUID().toString();
                JsonNode ack = socket.answerTo(socket.send("sendMessage", "\"roomId\":\"" + bench.roomId
                        + "\",\"clientMsgId\":\"" + clientMsgId + "\",\"content\":" + jsonLiteral));
                assertThat(ack.get("type").asString()).as("%s", ack).isEqualTo("ack");
                assertThat(ack.get("clientMsgId").asString()).as("%s", ack).isEqualTo(clientMsgId);
                if (!"ACCEPTED".equals(ack.get("status").asString())) {
                    yield Outcome.refused(0, ack.get("error").get("code").asString(), ack.get("error").get("message").asString());
                }
                String messageId = ack.get("messageId").asString();
                JsonNode stored = bench.user.awaitStored(bench.roomId, messageId);
                JsonNode live = socket.await(frame -> "newMessage".equals(frame.get("type").asString())
                        && messageId.equals(frame.get("message").get("id").asString()), java.time.Duration.ofSeconds(10));
                assertThat(live.get("message").get("content").asString()).isEqualTo(stored.get("content").asString());
                yield Outcome.stored(stored.get("content").asString(), messageId);
            }
        };
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static Outcome refusal(Http.Reply reply) {
        assertThat(reply.contentType()).as("%s", reply).startsWith("application/problem+json");
        return Outcome.refused(reply.status(), reply.code(), String.join(",", reply.fields()));
    }

    /** Asserts the outcome is a 400 VALIDATION_FAILED for this field (a FAILED ack for message content). */
    void assertRefused(Outcome outcome) {
        assertThat(outcome.stored()).as("%s was stored as <%s>", this, outcome.value()).isFalse();
        assertThat(outcome.code()).as("%s", outcome).isEqualTo("VALIDATION_FAILED");
        if (this == MESSAGE_CONTENT) {
            assertThat(outcome.refusal()).as("%s", outcome).startsWith("content");
        } else {
            assertThat(outcome.status()).as("%s", outcome).isEqualTo(400);
            assertThat(outcome.refusal().split(",")).as("%s", outcome).contains(field);
        }
    }

    void assertStored(Outcome outcome, String expected) {
        assertThat(outcome.stored()).as("%s refused: %s", this, outcome).isTrue();
        assertThat(outcome.value()).as("%s read back", this).isEqualTo(expected);
    }
}
