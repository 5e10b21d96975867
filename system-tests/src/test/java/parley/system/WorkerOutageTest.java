package parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.system.Conversation.joinOk;
import static parley.system.Conversation.sendText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * While the worker is down, sending goes on: every message is ACCEPTED (Kafka holds it). When the
 * worker comes back, every message is stored exactly once, with gapless seqs, and delivered.
 */
class WorkerOutageTest {

    private static final int MESSAGES = 1000;

    private final ParleyStack stack = ParleyStack.shared();
    private final Rest rest = new Rest(stack.gateway().http());

    @AfterEach
    void workerRunsAgain() {
        stack.restartWorker();
    }

    @Test
    void messagesSentWhileTheWorkerIsDownAreAllStoredOnceAndDeliveredWhenItReturns() {
        Actor alice = Actor.register(rest, "Alice");
        Actor bob = Actor.register(rest, "Bob");
        String room = alice.createRoom("outage");
        bob.join(room);

        try (ChatSocket a = ChatSocket.connect(stack.gateway().ws(), alice.token());
             ChatSocket b = ChatSocket.connect(stack.gateway().ws(), bob.token())) {
            joinOk(a, room);
            joinOk(b, room);
            stack.stopWorker();

            List<String> frameIds = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                frameIds.add(sendText(a, room, UUID.randomUUID().toString(), "while down " + i));
            }
            Set<String> accepted = new HashSet<>();
            for (String id : frameIds) {
                JsonNode ack = a.answerTo(id);
                assertThat(ack.get("status").asString()).as(ack.toString()).isEqualTo("ACCEPTED");
                accepted.add(ack.get("messageId").asString());
            }
            assertThat(accepted).hasSize(MESSAGES);
            assertThat(b.messagesIn(room)).as("nothing is delivered before it is stored").isEmpty();

            stack.restartWorker();

            b.await(frame -> b.messagesIn(room).size() >= MESSAGES, Duration.ofSeconds(60));
            List<JsonNode> delivered = b.messagesIn(room);
            assertThat(delivered).extracting(m -> m.get("seq").asLong())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, MESSAGES).boxed().toList());
            assertThat(delivered).extracting(m -> m.get("id").asString()).containsExactlyInAnyOrderElementsOf(accepted);
            assertThat(delivered).extracting(m -> m.get("content").asString()).first().isEqualTo("while down 0");
        }

        // page backwards from the newest, as a client scrolling up does (a cursor must be a message of the room)
        List<JsonNode> stored = new ArrayList<>();
        String query = "?limit=100";
        while (query != null) {
            var page = bob.get("/rooms/" + room + "/messages" + query).body();
            assertThat(page.isArray()).as(page.toString()).isTrue();
            List<JsonNode> older = new ArrayList<>();
            page.forEach(older::add);
            stored.addAll(0, older);
            query = page.isEmpty() ? null : "?limit=100&before=" + page.get(0).get("id").asString();
        }
        assertThat(stored).hasSize(MESSAGES);
        assertThat(stored).extracting(m -> m.get("id").asString()).doesNotHaveDuplicates();
        assertThat(stored).extracting(m -> m.get("seq").asLong()).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, MESSAGES).boxed().toList());
    }
}
