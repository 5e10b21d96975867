package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What one user can make a gateway hold through sockets is bounded: sockets per user (10 by
 * default) and rooms per socket (200 by default), each refused with a clear answer.
 */
class SocketBoundsTest {

    @Test
    void theEleventhSocketOfAUserIsClosedWith4429AndClosingOneMakesRoomAgain() {
        User user = User.register("ManyTabs");
        List<RawSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                RawSocket socket = user.connect();
                open.add(socket);
                assertThat(socket.heartbeatAnswered()).as("socket %d is served", i + 1).isTrue();
            }
            try (RawSocket eleventh = user.connect()) {
                assertThat(eleventh.awaitEnd(Duration.ofSeconds(10))).as("the eleventh socket is closed").isTrue();
                System.out.printf("eleventh socket of one user: closed with %d '%s'%n", eleventh.closeCode(), eleventh.closeReason());
                assertThat(eleventh.closeCode()).isEqualTo(4429);
                assertThat(eleventh.closeReason()).contains("at most 10");
            }
            try (RawSocket otherUser = User.register("SomeoneElse").connect()) {
                assertThat(otherUser.heartbeatAnswered()).as("another user's socket is not affected").isTrue();
            }

            open.removeFirst().close();
            boolean servedAgain = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!servedAgain && System.nanoTime() < deadline) {
                RawSocket again = user.connect();
                if (again.awaitEnd(Duration.ofMillis(300))) {
                    again.close(); // the gateway has not noticed the closed one yet
                } else {
                    servedAgain = again.heartbeatAnswered();
                    open.add(again);
                }
            }
            assertThat(servedAgain).as("a new socket is served once one of the ten is closed").isTrue();
        } finally {
            open.forEach(RawSocket::close);
        }
    }

    @Test
    void aSocketWatchesAtMostTwoHundredRoomsAndLeavingOneMakesRoom() throws Exception {
        User user = User.register("Joiner");
        List<String> rooms = membershipsOf(user, 201);
        try (RawSocket socket = user.connect()) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) { // exactly the socket's frame burst
                batch.writeBytes(RawSocket.textFrame("{\"type\":\"joinRoom\",\"id\":\"j" + i + "\",\"roomId\":\"" + rooms.get(i) + "\"}"));
            }
            socket.sendBytes(batch.toByteArray());
            for (int i = 0; i < 200; i++) {
                JsonNode reply = socket.answerTo("j" + i);
                assertThat(reply.get("ok").asBoolean()).as("join %d: %s", i, reply).isTrue();
            }
            User.sleep(1_500); // let the frame bucket refill

            JsonNode refused = socket.answerTo(socket.send("joinRoom", "\"roomId\":\"" + rooms.get(200) + "\""));
            System.out.printf("the 201st joinRoom of one socket: %s%n", refused);
            assertThat(refused.get("ok").asBoolean()).isFalse();
            assertThat(refused.get("error").get("code").asString()).isEqualTo("LIMIT_REACHED");
            assertThat(refused.get("error").get("message").asString()).contains("200");

            JsonNode again = socket.answerTo(socket.send("joinRoom", "\"roomId\":\"" + rooms.get(5) + "\""));
            assertThat(again.get("ok").asBoolean()).as("joining a watched room again is no new room: %s", again).isTrue();

            assertThat(socket.answerTo(socket.send("leaveRoom", "\"roomId\":\"" + rooms.get(0) + "\"")).get("ok").asBoolean()).isTrue();
            JsonNode joined = socket.answerTo(socket.send("joinRoom", "\"roomId\":\"" + rooms.get(200) + "\""));
            assertThat(joined.get("ok").asBoolean()).as("after leaving one: %s", joined).isTrue();
            assertThat(socket.heartbeatAnswered()).isTrue();
        }
    }

    /** Rooms made and joined straight in the database: creating 201 rooms over REST meets the creation limit. */
    private static List<String> membershipsOf(User user, int count) throws SQLException {
        List<String> rooms = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection db = AbuseStack.database();
             PreparedStatement room = db.prepareStatement("INSERT INTO rooms (id, name, created_by, created_at) VALUES (?, ?, ?, ?)");
             PreparedStatement member = db.prepareStatement(
                     "INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (?, ?, 'OWNER', ?)")) {
            for (int i = 0; i < count; i++) {
                String id = Ids.ulid();
                rooms.add(id);
                room.setString(1, id);
                room.setString(2, "room " + i);
                room.setString(3, user.id());
                room.setTimestamp(4, now);
                room.addBatch();
                member.setString(1, id);
                member.setString(2, user.id());
                member.setTimestamp(3, now);
                member.addBatch();
            }
            room.executeBatch();
            member.executeBatch();
        }
        return rooms;
    }
}
