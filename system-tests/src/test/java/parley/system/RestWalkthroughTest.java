package parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The gateway booted against real PostgreSQL, Kafka and Redis, walked through as a client would:
 * register, log in, create a room, a second user joins, messages arrive, history, read marker,
 * unread counts.
 */
class RestWalkthroughTest {

    private final ParleyStack stack = ParleyStack.shared();
    private final Rest rest = new Rest(stack.gateway().http());

    @Test
    void aConversationCanBeFollowedOverRestFromRegistrationToUnreadCounts() {
        Actor alice = Actor.register(rest, "Alice");
        Actor bob = Actor.register(rest, "Bob");

        var me = alice.get("/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("email").asString()).isEqualTo(alice.email());
        assertThat(me.body().get("displayName").asString()).isEqualTo("Alice");

        String roomId = alice.createRoom("walkthrough " + UUID.randomUUID());
        assertThat(bob.get("/rooms/" + roomId).status()).isEqualTo(403);
        assertThat(bob.get("/rooms/discover?q=walkthrough").body().findValuesAsString("id")).contains(roomId);
        bob.join(roomId);
        bob.join(roomId);

        var members = alice.get("/rooms/" + roomId + "/members");
        assertThat(members.body().findValuesAsString("userId")).containsExactlyInAnyOrder(alice.id(), bob.id());

        // three messages from Alice over the socket: the only way in
        try (ChatSocket socket = ChatSocket.connect(stack.gateway().ws(), alice.token())) {
            for (String text : List.of("one", "two", "three")) {
                String id = socket.send("sendMessage",
                        "\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"content\":\"" + text + "\"");
                assertThat(socket.answerTo(id).get("status").asString()).isEqualTo("ACCEPTED");
            }
        }
        List<JsonNode> history = awaitHistory(bob, roomId, 3);
        assertThat(history).extracting(m -> m.get("content").asString()).containsExactly("one", "two", "three");
        assertThat(history).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L, 3L);

        JsonNode bobsRoom = roomOf(bob, roomId);
        assertThat(bobsRoom.get("unreadCount").asLong()).isEqualTo(3);
        assertThat(bobsRoom.get("memberCount").asLong()).isEqualTo(2);
        assertThat(bobsRoom.get("lastMessageId").asString()).isEqualTo(history.get(2).get("id").asString());

        String second = history.get(1).get("id").asString();
        assertThat(bob.post("/rooms/" + roomId + "/read", "{\"lastReadMessageId\":\"" + second + "\"}").status()).isEqualTo(204);
        assertThat(roomOf(bob, roomId).get("unreadCount").asLong()).isEqualTo(1);

        String first = history.get(0).get("id").asString();
        assertThat(bob.post("/rooms/" + roomId + "/read", "{\"lastReadMessageId\":\"" + first + "\"}").status()).isEqualTo(204);
        assertThat(roomOf(bob, roomId).get("unreadCount").asLong()).as("the read marker never moves back").isEqualTo(1);
        assertThat(roomOf(alice, roomId).get("unreadCount").asLong()).as("one's own messages are not unread").isZero();

        var before = bob.get("/rooms/" + roomId + "/messages?before=" + history.get(2).get("id").asString() + "&limit=1");
        assertThat(before.body().findValuesAsString("content")).containsExactly("two");
        var after = bob.get("/rooms/" + roomId + "/messages?after=" + first);
        assertThat(after.body().findValuesAsString("content")).containsExactly("two", "three");

        assertThat(bob.post("/rooms/" + roomId + "/leave", null).status()).isEqualTo(204);
        assertThat(bob.get("/rooms/" + roomId + "/messages").status()).isEqualTo(403);
    }

    @Test
    void healthReportsTheThreeComponentsOfTheContract() {
        var health = rest.get("/health", null);

        assertThat(health.status()).as(health.raw()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
        assertThat(health.body().get("components").propertyNames()).contains("db", "redis", "kafka");
        assertThat(rest.get("/v3/api-docs", null).body().get("paths").propertyNames()).contains("/auth/register", "/rooms/{roomId}/messages");
    }

    @Test
    void thePublicHealthTellsStatusesOnlyAndTheActuatorIsOnItsOwnPort() {
        var health = rest.get("/health", null);
        for (String component : List.of("db", "redis", "kafka")) {
            assertThat(health.body().get("components").get(component).propertyNames()).as(component).containsExactly("status");
        }
        assertThat(health.raw()).doesNotContainIgnoringCase("version").doesNotContainIgnoringCase("clusterId");
        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator/metrics", "/actuator/info")) {
            assertThat(rest.get(path, null).status()).as("public %s", path).isEqualTo(401);
        }

        Rest management = new Rest(stack.gateway().management());
        assertThat(management.get("/actuator/health", null).raw()).contains("\"db\"", "\"kafka\"", "\"details\"");
        assertThat(management.get("/actuator/prometheus", null).raw()).contains("jvm_memory_used_bytes");
    }

    static List<JsonNode> awaitHistory(Actor reader, String roomId, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> reader.get("/rooms/" + roomId + "/messages").body().size() >= count);
        JsonNode body = reader.get("/rooms/" + roomId + "/messages").body();
        return java.util.stream.StreamSupport.stream(body.spliterator(), false).toList();
    }

    private static JsonNode roomOf(Actor actor, String roomId) {
        for (JsonNode room : actor.get("/rooms").body()) {
            if (roomId.equals(room.get("id").asString())) {
                return room;
            }
        }
        throw new AssertionError("room " + roomId + " is not in the list of " + actor.displayName());
    }
}
