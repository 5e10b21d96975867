package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Catch-ups (joinRoom with lastSeenSeq) are the one socket request that makes the gateway read a
 * lot from the database and hold it for a socket. Each is owned by its feed: joining again
 * replaces it, and a socket's and the gateway's catch-ups take turns, so re-joining in a loop
 * amplifies nothing.
 */
class CatchUpAbuseTest {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /**
     * A socket that joins a room with lastSeenSeq 0 five times in a row gets, after the last
     * answer, the history exactly once and in order: the earlier catch-ups were stopped, not left
     * to interleave their copies with the last one's.
     */
    @Test
    void joiningAgainReplacesTheRunningCatchUpSoTheHistoryArrivesOnceInSeqOrder() {
        User owner = User.register("Historian");
        String roomId = owner.createRoom("long history");
        long lastSeq = StoredHistory.append(roomId, owner.id(), 1_200, 200);

        try (RawSocket socket = owner.connect()) {
            List<String> joins = new ArrayList<>();
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 5; i++) {
                String id = "join-" + i;
                joins.add(id);
                batch.writeBytes(RawSocket.textFrame("{\"type\":\"joinRoom\",\"id\":\"" + id + "\",\"roomId\":\"" + roomId
                        + "\",\"lastSeenSeq\":0}"));
            }
            socket.sendBytes(batch.toByteArray());
            for (String id : joins) {
                assertThat(socket.answerTo(id).get("ok").asBoolean()).isTrue();
            }
            socket.await(frame -> isMessage(frame, lastSeq), Duration.ofSeconds(30));
            User.sleep(500); // anything a stray catch-up would still send

            List<JsonNode> frames = socket.frames();
            int lastReply = -1;
            for (int i = 0; i < frames.size(); i++) {
                if ("join-4".equals(text(frames.get(i), "id"))) {
                    lastReply = i;
                }
            }
            List<Long> seqsAfterLastJoin = frames.subList(lastReply + 1, frames.size()).stream()
                    .filter(frame -> "newMessage".equals(text(frame, "type")))
                    .map(frame -> frame.get("message").get("seq").asLong())
                    .toList();
            System.out.printf("five joins with lastSeenSeq 0 of a 1,200-message room: %d newMessage frames in all, %d after the last answer%n",
                    socket.frames("newMessage").size(), seqsAfterLastJoin.size());
            assertThat(seqsAfterLastJoin).as("seqs sent after the last join's answer")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeq).boxed().toList());
        }
    }

    /**
     * H1 of the red-team review: a socket that never reads and sends joinRoom with lastSeenSeq 0
     * at the allowed frame rate (reconnecting whenever it is closed) for ten seconds, against a
     * room of 1,000 messages of 2,000 characters. Each join used to start a catch-up that nothing
     * tracked, each holding a 500-row page, and every one queried at once. Now the gateway's heap
     * stays flat, and another user's REST and socket traffic is served meanwhile.
     */
    @Test
    void aSocketThatRejoinsWithLastSeenSeqZeroAHundredTimesASecondWithoutReadingHoldsNothingAndOthersAreServed() {
        User attacker = User.register("Rejoiner");
        User bystander = User.register("Neighbour");
        String roomId = attacker.createRoom("heavy history");
        bystander.join(roomId);
        StoredHistory.append(roomId, attacker.id(), 1_000, 2_000);
        String joinFrame = "{\"type\":\"joinRoom\",\"roomId\":\"" + roomId + "\",\"lastSeenSeq\":0}";
        byte[] tenJoins = tenTimes(RawSocket.textFrame(joinFrame));

        long baseline = usedHeapAfterGc();
        long peak = baseline;
        long slowestRest = 0;
        int restCalls = 0;
        int restFailures = 0;
        int joinsSent = 0;
        int reconnects = 0;
        RawSocket socket = RawSocket.openPaused(attacker.token(), 4096);
        try {
            long started = System.nanoTime();
            long nextRest = started;
            for (int tick = 0; tick < 100; tick++) { // 10 joins every 100 ms: 100 a second for 10 s
                try {
                    socket.sendBytes(tenJoins);
                    joinsSent += 10;
                } catch (UncheckedIOException closed) {
                    socket.close();
                    socket = RawSocket.openPaused(attacker.token(), 4096);
                    reconnects++;
                }
                if (System.nanoTime() >= nextRest) {
                    long t = System.nanoTime();
                    Http.Reply history = bystander.get("/rooms/" + roomId + "/messages?limit=5");
                    slowestRest = Math.max(slowestRest, System.nanoTime() - t);
                    restCalls++;
                    if (history.status() != 200) {
                        restFailures++;
                    }
                    nextRest = System.nanoTime() + 500_000_000L;
                }
                peak = Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
                long wait = started + (tick + 1) * 100_000_000L - System.nanoTime();
                if (wait > 0) {
                    User.sleep(wait / 1_000_000);
                }
            }
            long during = usedHeapAfterGc();

            // meanwhile a member still chats in the room
            try (RawSocket chat = bystander.connect()) {
                assertThat(chat.answerTo(chat.send("joinRoom", "\"roomId\":\"" + roomId + "\"")).get("ok").asBoolean()).isTrue();
                JsonNode ack = chat.answerTo(chat.send("sendMessage", "\"roomId\":\"" + roomId + "\",\"clientMsgId\":\""
                        + java.util.UUID.randomUUID() + "\",\"content\":\"are you still there?\""));
                assertThat(ack.get("status").asString()).as("%s", ack).isEqualTo("ACCEPTED");
                chat.await(frame -> "newMessage".equals(text(frame, "type")), Duration.ofSeconds(25));
            }
            System.out.printf("rejoin flood: %d joins with lastSeenSeq 0 in 10 s (%d reconnects); heap after GC %.1f MiB -> %.1f MiB "
                            + "(peak %.1f MiB without GC); bystander REST: %d calls, %d failed, slowest %.0f ms%n",
                    joinsSent, reconnects, mib(baseline), mib(during), mib(peak), restCalls, restFailures, slowestRest / 1e6);

            assertThat(restFailures).as("bystander REST calls that failed during the flood").isZero();
            assertThat(slowestRest).as("the bystander's slowest REST call, ns").isLessThan(Duration.ofSeconds(5).toNanos());
            assertThat(during - baseline).as("heap growth while the flood's socket is still open, bytes").isLessThan(64L << 20);
        } finally {
            socket.close();
        }
    }

    private static byte[] tenTimes(byte[] frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static boolean isMessage(JsonNode frame, long seq) {
        return "newMessage".equals(text(frame, "type")) && frame.get("message").get("seq").asLong() == seq;
    }

    private static String text(JsonNode frame, String field) {
        return frame.hasNonNull(field) ? frame.get(field).asString() : null;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            User.sleep(100);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
