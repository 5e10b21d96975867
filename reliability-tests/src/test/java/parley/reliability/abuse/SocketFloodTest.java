package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Clients that use too much of the gateway: a socket that floods frames, a socket that asks for
 * thousands of rooms that do not exist, and a socket that never reads while its room is busy.
 * The gateway runs with its default limits (100 frames/s per socket, burst 200, closed after 500
 * refusals in a row; 1,000 frames queued per socket).
 */
class SocketFloodTest {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @Test
    void tenThousandFramesPerSecondAreRateLimitedAndTheSocketIsClosedWith1008() {
        User flooder = User.register("Flooder");
        long started = System.nanoTime();
        int sent = 0;
        try (RawSocket socket = flooder.connect()) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 100; i++) {
                batch.writeBytes(RawSocket.textFrame("{\"type\":\"heartbeat\"}"));
            }
            byte[] hundredFrames = batch.toByteArray();
            // 100 frames every 10 ms: 10,000 frames in one second, as evenly as a test can
            for (int tick = 0; tick < 100 && !socket.hasEnded(); tick++) {
                try {
                    socket.sendBytes(hundredFrames);
                } catch (UncheckedIOException hungUp) {
                    break;
                }
                sent += 100;
                long next = started + (tick + 1) * 10_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    User.sleep(wait / 1_000_000);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            JsonNode limited = socket.await(frame -> "error".equals(frame.get("type").asString()), Duration.ofSeconds(10));
            boolean closed = socket.awaitEnd(Duration.ofSeconds(10));
            int served = socket.frames("reply").size();
            System.out.printf("flood: sent %d frames in %.2f s, %d served, %d RATE_LIMITED frames, closed with %d %s%n",
                    sent, seconds, served, socket.frames("error").size(), socket.closeCode(), socket.closeReason());

            assertThat(limited.get("error").get("code").asString()).isEqualTo("RATE_LIMITED");
            assertThat(closed).as("the flooding socket is closed").isTrue();
            assertThat(socket.closeCode()).as("close code (reason: %s)", socket.closeReason()).isEqualTo(1008);
            // one error per run of refusals (a token refilled in between starts a new run), never one per refused frame
            assertThat(socket.frames("error")).as("RATE_LIMITED error frames")
                    .hasSizeBetween(1, 10)
                    .allMatch(frame -> "RATE_LIMITED".equals(frame.get("error").get("code").asString()));
            // the burst, the refill while flooding, and some slack
            assertThat(served).isLessThanOrEqualTo(200 + (int) (100 * seconds) + 50);
        }
        try (RawSocket again = flooder.connect()) {
            assertThat(again.heartbeatAnswered()).as("the user's next socket is served").isTrue();
        }
    }

    /**
     * README: "a socket that keeps flooding is closed". A steady flood at four times the frame rate
     * (400 frames/s for three seconds, evenly spread) keeps flooding just as well as a burst does.
     */
    @Test
    void aSteadyFloodAtFourTimesTheFrameRateIsClosedToo() {
        User flooder = User.register("SteadyFlooder");
        long started = System.nanoTime();
        int sent = 0;
        try (RawSocket socket = flooder.connect()) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 4; i++) {
                batch.writeBytes(RawSocket.textFrame("{\"type\":\"heartbeat\"}"));
            }
            byte[] fourFrames = batch.toByteArray();
            for (int tick = 0; tick < 300 && !socket.hasEnded(); tick++) {
                try {
                    socket.sendBytes(fourFrames);
                } catch (UncheckedIOException hungUp) {
                    break;
                }
                sent += 4;
                long wait = started + (tick + 1) * 10_000_000L - System.nanoTime();
                if (wait > 0) {
                    User.sleep(wait / 1_000_000);
                }
            }
            boolean closed = socket.awaitEnd(Duration.ofSeconds(5));
            System.out.printf("steady flood: sent %d frames in %.2f s, %d served, %d RATE_LIMITED frames, closed: %s %d%n",
                    sent, (System.nanoTime() - started) / 1e9, socket.frames("reply").size(), socket.frames("error").size(),
                    closed, socket.closeCode());
            // API.md: one error RATE_LIMITED, frames dropped; not an error frame back for every few frames
            assertThat(socket.frames("error")).as("RATE_LIMITED error frames").hasSizeBetween(1, 10);
            assertThat(closed).as("the steadily flooding socket is closed").isTrue();
            assertThat(socket.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void threeThousandJoinsOfRoomsThatDoNotExistAreEachRefusedAndOthersAreStillServed() throws Exception {
        // two probing users with ten sockets each: a user may open ten on a gateway
        List<User> probers = List.of(User.register("Prober"), User.register("Prober2"));
        User bystander = User.register("Bystander");
        String bystanderRoom = bystander.createRoom("quiet corner");
        int sockets = 20;
        int perSocket = 150; // within the 200-frame burst of one socket
        List<RawSocket> probes = new ArrayList<>();
        try (RawSocket chat = bystander.connect()) {
            assertThat(chat.answerTo(chat.send("joinRoom", "\"roomId\":\"" + bystanderRoom + "\"")).get("ok").asBoolean()).isTrue();
            for (int s = 0; s < sockets; s++) {
                probes.add(probers.get(s % 2).connect());
            }
            long started = System.nanoTime();
            for (RawSocket probe : probes) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                for (int j = 0; j < perSocket; j++) {
                    batch.writeBytes(RawSocket.textFrame("{\"type\":\"joinRoom\",\"id\":\"j" + j + "\",\"roomId\":\"" + Ids.ulid() + "\"}"));
                }
                probe.sendBytes(batch.toByteArray());
            }

            // meanwhile, someone else chats and uses REST
            long chatStarted = System.nanoTime();
            JsonNode ack = chat.answerTo(chat.send("sendMessage", "\"roomId\":\"" + bystanderRoom + "\",\"clientMsgId\":\""
                    + UUID.randomUUID() + "\",\"content\":\"still here?\""));
            assertThat(ack.get("status").asString()).as("%s", ack).isEqualTo("ACCEPTED");
            chat.await(frame -> "newMessage".equals(frame.get("type").asString()), Duration.ofSeconds(15));
            double chatSeconds = (System.nanoTime() - chatStarted) / 1e9;
            Http.Reply me = bystander.get("/auth/me");
            assertThat(me.status()).isEqualTo(200);

            for (RawSocket probe : probes) {
                for (int j = 0; j < perSocket; j++) {
                    JsonNode reply = probe.answerTo("j" + j);
                    assertThat(reply.get("ok").asBoolean()).isFalse();
                    assertThat(reply.get("error").get("code").asString()).as("%s", reply).isEqualTo("ROOM_NOT_FOUND");
                }
                assertThat(probe.hasEnded()).isFalse();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("3,000 joins of missing rooms answered in %.2f s; a bystander's message round trip meanwhile took %.2f s%n",
                    seconds, chatSeconds);
            assertThat(chatSeconds).as("the bystander's round trip, seconds").isLessThan(10);
        } finally {
            probes.forEach(RawSocket::close);
        }
    }

    /**
     * A socket that never reads while 20 users flood its room with large messages. Its outbound
     * queue fills (the TCP buffers between are small and full), and the gateway closes it with 1008
     * instead of buffering more; the heap the gateway uses stays bounded.
     */
    @Test
    void aSocketThatNeverReadsIsClosedByItsBoundedQueueAndTheHeapStaysFlat() throws Exception {
        User owner = User.register("Host");
        User sleeper = User.register("Sleeper");
        String roomId = owner.createRoom("busy room");
        sleeper.join(roomId);
        int senders = 20;
        int burst = 40; // the per-user burst, then the per-user rate (20/s): no sendMessage is refused for rate
        int perSender = 80;
        int total = senders * perSender;
        String content = "\uD83D\uDCE2".repeat(5000); // 5,000 code points, 20,000 bytes of UTF-8

        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<User> crowd = new ArrayList<>();
        try {
            List<Future<User>> registering = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                int n = i;
                registering.add(pool.submit(() -> {
                    User sender = User.register("Crowd" + n);
                    sender.join(roomId);
                    return sender;
                }));
            }
            for (Future<User> future : registering) {
                crowd.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdown();
        }

        List<RawSocket> crowdSockets = new ArrayList<>();
        try (RawSocket watcher = owner.connect(); RawSocket slow = RawSocket.openPaused(sleeper.token(), 4096)) {
            watcher.countNewMessagesOnly();
            assertThat(watcher.answerTo(watcher.send("joinRoom", "\"roomId\":\"" + roomId + "\"")).get("ok").asBoolean()).isTrue();
            String joinId = slow.send("joinRoom", "\"roomId\":\"" + roomId + "\"");
            JsonNode joined = slow.readUntil(frame -> frame.has("id") && joinId.equals(frame.get("id").asString()), Duration.ofSeconds(10));
            assertThat(joined.get("ok").asBoolean()).isTrue();
            // from here on the slow socket reads nothing

            for (User sender : crowd) {
                crowdSockets.add(sender.connect());
            }
            long t1 = System.nanoTime();
            long baseline = usedHeapAfterGc();
            long peak = baseline;

            for (RawSocket socket : crowdSockets) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                for (int j = 0; j < burst; j++) {
                    batch.writeBytes(sendFrame(roomId, "s" + j, content));
                }
                socket.sendBytes(batch.toByteArray());
            }
            for (int j = burst; j < perSender; j++) {
                long tick = System.nanoTime();
                for (RawSocket socket : crowdSockets) {
                    socket.sendBytes(sendFrame(roomId, "s" + j, content));
                }
                User.sleep(Math.max(0, 60 - (System.nanoTime() - tick) / 1_000_000));
                peak = Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (watcher.newMessageCount() < total && System.nanoTime() < deadline) {
                peak = Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
                User.sleep(100);
            }
            for (RawSocket socket : crowdSockets) {
                for (int j = 0; j < perSender; j++) {
                    JsonNode ack = socket.answerTo("s" + j);
                    assertThat(ack.get("status").asString()).as("%s", ack).isEqualTo("ACCEPTED");
                }
            }
            assertThat(watcher.newMessageCount()).as("messages the reading member got").isEqualTo(total);
            long t2 = System.nanoTime();

            // the slow socket still has not read a byte. The gateway closed it when its queue overflowed;
            // it must also let go of it (unregister it, drop its queue, announce the user offline)
            // even though the client never reads the close frame.
            boolean letGo = awaitOffline(watcher, sleeper.id(), Duration.ofSeconds(10));
            long stuck = usedHeapAfterGc();

            slow.countNewMessagesOnly();
            slow.startReading();
            boolean ended = slow.awaitEnd(Duration.ofSeconds(30));
            // the control for letGo: once the connection is gone, the user is announced offline
            boolean offlineOnceGone = letGo || awaitOffline(watcher, sleeper.id(), Duration.ofSeconds(10));
            long after = usedHeapAfterGc();
            System.out.printf("slow reader timings: setup %.1f s, flood delivered %.1f s, release and drain %.1f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
            System.out.printf("slow reader: %d messages of 20 KB sent; the reading member got %d, the slow socket %d before close %d '%s'; "
                    + "released while not reading: %s, offline once gone: %s%n",
                    total, watcher.newMessageCount(), slow.newMessageCount(), slow.closeCode(), slow.closeReason(), letGo, offlineOnceGone);
            System.out.printf("slow reader heap (MiB, after System.gc()): baseline %.1f, peak while flooding %.1f (no gc), "
                    + "slow client still not reading %.1f (%+.1f), after it drained %.1f (%+.1f)%n",
                    mib(baseline), mib(peak), mib(stuck), mib(stuck - baseline), mib(after), mib(after - baseline));

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(ended).as("the slow socket's connection ends once it reads").isTrue();
            // the gateway sends 1008 "outbound queue full", then drops the connection after a grace period:
            // a client that still is not reading by then never sees the close frame (-1: connection dropped)
            soft.assertThat(slow.closeCode()).as("close code").isIn(1008, -1);
            if (slow.closeCode() == 1008) {
                soft.assertThat(slow.closeReason()).as("close reason").contains("outbound queue full");
            }
            soft.assertThat(slow.newMessageCount()).as("frames the slow socket got before its close").isLessThan(total);
            soft.assertThat(after - baseline).as("heap growth after the slow client is gone, bytes").isLessThan(64L << 20);
            soft.assertThat(stuck - baseline).as("heap growth while the slow client holds its connection, bytes").isLessThan(64L << 20);
            soft.assertThat(offlineOnceGone).as("the user is announced offline once the connection is gone").isTrue();
            soft.assertThat(letGo).as("the gateway let go of the overflowed socket (its user went offline) "
                    + "while the client still was not reading").isTrue();
            soft.assertAll();
        } finally {
            crowdSockets.forEach(RawSocket::close);
        }
    }

    private static byte[] sendFrame(String roomId, String id, String content) {
        return RawSocket.textFrame("{\"type\":\"sendMessage\",\"id\":\"" + id + "\",\"roomId\":\"" + roomId
                + "\",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"content\":\"" + content + "\"}");
    }

    /** Whether a presence frame saying this user went offline arrives in time. */
    private static boolean awaitOffline(RawSocket watcher, String userId, Duration timeout) {
        try {
            watcher.await(frame -> "presence".equals(frame.get("type").asString())
                    && userId.equals(frame.get("userId").asString())
                    && !frame.get("online").asBoolean(), timeout);
            return true;
        } catch (AssertionError notInTime) {
            return false;
        }
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
