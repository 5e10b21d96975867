package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Catch-ups that meet a failing database or a position the database does not know. Both used to
 * leave a room silently without updates on the socket.
 */
class CatchUpRecoveryTest {

    /**
     * M4 of the red-team review: the messages table is unreadable for two seconds while a socket
     * joins with lastSeenSeq. The gateway retries the catch-up with back-off, and the socket gets
     * the whole history once the table is back, with no CATCH_UP_FAILED.
     */
    @Test
    void aCatchUpThatMeetsAnUnreadableDatabaseIsRetriedUntilItSucceeds() throws Exception {
        User owner = User.register("Patient");
        String roomId = owner.createRoom("flaky history");
        long lastSeq = StoredHistory.append(roomId, owner.id(), 300, 100);

        try (RawSocket socket = owner.connect()) {
            try (Connection db = AbuseStack.database()) {
                db.createStatement().execute("ALTER TABLE messages RENAME TO messages_unreadable");
                try {
                    JsonNode joined = socket.answerTo(socket.send("joinRoom", "\"roomId\":\"" + roomId + "\",\"lastSeenSeq\":0"));
                    assertThat(joined.get("ok").asBoolean()).isTrue();
                    User.sleep(2_000);
                } finally {
                    db.createStatement().execute("ALTER TABLE messages_unreadable RENAME TO messages");
                }
            }
            socket.await(frame -> "newMessage".equals(frame.get("type").asString())
                    && frame.get("message").get("seq").asLong() == lastSeq, Duration.ofSeconds(40));

            List<Long> seqs = socket.frames("newMessage").stream().map(frame -> frame.get("message").get("seq").asLong()).toList();
            System.out.printf("catch-up across 2 s of an unreadable table: %d messages, error frames %s%n", seqs.size(), socket.frames("error"));
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeq).boxed().toList());
            assertThat(socket.frames("error")).as("error frames").isEmpty();
        }
    }

    /**
     * L7: a lastSeenSeq beyond the room's last seq (a client's position from before a database
     * restore) is brought down to it, so the room's next messages are delivered instead of being
     * taken for duplicates for good.
     */
    @Test
    void aLastSeenSeqBeyondTheRoomsLastSeqIsClampedSoNewMessagesStillArrive() throws SQLException {
        User owner = User.register("Restorer");
        User friend = User.register("Friend");
        String roomId = owner.createRoom("restored room");
        friend.join(roomId);
        long lastSeq = StoredHistory.append(roomId, owner.id(), 3, 20);

        try (RawSocket socket = owner.connect(); RawSocket sender = friend.connect()) {
            JsonNode joined = socket.answerTo(socket.send("joinRoom", "\"roomId\":\"" + roomId + "\",\"lastSeenSeq\":1000000"));
            assertThat(joined.get("ok").asBoolean()).isTrue();
            User.sleep(500); // the (empty) catch-up runs

            JsonNode ack = sender.answerTo(sender.send("sendMessage", "\"roomId\":\"" + roomId + "\",\"clientMsgId\":\""
                    + UUID.randomUUID() + "\",\"content\":\"after the restore\""));
            assertThat(ack.get("status").asString()).as("%s", ack).isEqualTo("ACCEPTED");

            JsonNode delivered = socket.await(frame -> "newMessage".equals(frame.get("type").asString()), Duration.ofSeconds(25));
            assertThat(delivered.get("message").get("seq").asLong()).isEqualTo(lastSeq + 1);
            assertThat(delivered.get("message").get("content").asString()).isEqualTo("after the restore");
        }
    }
}
