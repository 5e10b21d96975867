package parley.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault 5: one of two gateways is killed with SIGKILL while 200 clients are connected, 100 to each,
 * in 10 rooms of 20 (half of each room on either gateway). The dead gateway's clients reconnect to
 * the other one and join again with {@code lastSeenSeq}; meanwhile the others keep sending, and the
 * moved senders re-send what was left unanswered with the same clientMsgId. In the end every client
 * has every message of its room exactly once and in order: seqs 1..n.
 */
class GatewayKill9Test {

    private static final int ROOMS = 10;
    private static final int CLIENTS_PER_ROOM_PER_GATEWAY = 10;
    private static final long SEND_PAUSE_MILLIS = 200;

    /** A chat client: one user in one room, with the sockets it had, in order. */
    static final class Client {
        final Api.User user;
        final String roomId;
        final List<WsClient> connections = new CopyOnWriteArrayList<>();
        final AtomicReference<WsClient> current = new AtomicReference<>();
        volatile double reconnectSeconds = -1;
        volatile long lastSeenSeqOnRejoin = -1;

        Client(Api.User user, String roomId) {
            this.user = user;
            this.roomId = roomId;
        }

        void use(WsClient socket) {
            connections.add(socket);
            current.set(socket);
        }

        /** Every message received over all its connections, in arrival order. */
        List<WsClient.Received> received() {
            List<WsClient.Received> all = new ArrayList<>();
            connections.forEach(c -> all.addAll(c.messages(roomId)));
            return all;
        }

        long contiguousSeq() {
            long last = 0;
            for (WsClient.Received r : received()) {
                if (r.seq() == last + 1) {
                    last = r.seq();
                }
            }
            return last;
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void clientsOfAKilledGatewayReconnectElsewhereAndMissNothing() throws Exception {
        FaultStack stack = FaultStack.get();
        AppProcess gatewayA = stack.gateway();
        AppProcess gatewayB = stack.startExtraGateway("fault-gw-b");
        Api api = new Api(gatewayA.http());
        Db db = new Db(stack.postgres());
        Figures figures = new Figures("5 gateway kill -9 with 200 clients");
        List<Client> clients = new ArrayList<>();
        try {
            int perRoom = 2 * CLIENTS_PER_ROOM_PER_GATEWAY;
            long setupStart = System.nanoTime();
            List<Api.User> users = api.registerMany("gw", ROOMS * perRoom);
            List<String> roomIds = new ArrayList<>();
            for (int r = 0; r < ROOMS; r++) {
                List<Api.User> members = users.subList(r * perRoom, (r + 1) * perRoom);
                String roomId = api.createRoom(members.get(0), "gateway kill " + r);
                members.stream().skip(1).forEach(u -> api.join(u, roomId));
                roomIds.add(roomId);
                members.forEach(u -> clients.add(new Client(u, roomId)));
            }
            gatewayB.awaitHealthy(FaultStack.START_TIMEOUT);
            // in every room, the first half on gateway A, the second half on gateway B
            List<Client> onA = new ArrayList<>();
            List<Client> onB = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                (i % perRoom < CLIENTS_PER_ROOM_PER_GATEWAY ? onA : onB).add(clients.get(i));
            }
            connectAll(onA, gatewayA);
            connectAll(onB, gatewayB);
            double setupSeconds = Sleep.secondsSince(setupStart);

            // one sender per room on each gateway
            Ledger ledger = new Ledger();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicLong resent = new AtomicLong();
            List<Client> senders = new ArrayList<>();
            for (int r = 0; r < ROOMS; r++) {
                senders.add(clients.get(r * perRoom));
                senders.add(clients.get(r * perRoom + CLIENTS_PER_ROOM_PER_GATEWAY));
            }
            ConcurrentLinkedQueue<String> senderProblems = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (Client sender : senders) {
                ledger.attach(sender.current.get());
                threads.add(Thread.ofPlatform().name("gw-send-" + sender.user.name()).start(() -> {
                    for (int i = 0; sending.get() && i < 10_000; i++) {
                        WsClient socket = sender.current.get();
                        Ledger.Entry entry = ledger.send(socket, sender.roomId, sender.user.name() + "-" + i);
                        for (int attempt = 0; attempt < 5; attempt++) {
                            WsClient via = socket;
                            Sleep.until(() -> entry.answered() || via.isClosed(), Duration.ofSeconds(15));
                            if (entry.answered()) {
                                break;
                            }
                            if (!via.isClosed()) {
                                senderProblems.add(sender.user.name() + ": no answer within 15 s on a live socket");
                                break;
                            }
                            // unanswered because the gateway died: wait for the new connection, send again (same clientMsgId)
                            if (!Sleep.until(() -> sender.current.get() != via, Duration.ofSeconds(60))) {
                                senderProblems.add(sender.user.name() + ": no new connection");
                                return;
                            }
                            socket = sender.current.get();
                            ledger.resend(socket, entry);
                            resent.incrementAndGet();
                        }
                        Sleep.millis(SEND_PAUSE_MILLIS);
                    }
                }));
            }
            Sleep.millis(4_000);

            // kill -9 gateway B; its clients notice, reconnect to A and join again with lastSeenSeq
            long acceptedAtKill = ledger.accepted();
            long killedAt = System.nanoTime();
            gatewayB.kill9();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> reconnects = new ArrayList<>();
            for (Client client : onB) {
                reconnects.add(pool.submit(() -> {
                    WsClient old = client.current.get();
                    Sleep.await(client.user.name() + " notices the dead gateway", old::isClosed, Duration.ofSeconds(30));
                    WsClient fresh = null;
                    for (int attempt = 0; fresh == null && attempt < 5; attempt++) {
                        try {
                            fresh = WsClient.connect(gatewayA.ws(), client.user.token(), client.user.name() + "-re", Duration.ofSeconds(10));
                        } catch (RuntimeException e) {
                            Sleep.millis(500);
                        }
                    }
                    if (fresh == null) {
                        throw new AssertionError(client.user.name() + " could not reconnect");
                    }
                    if (senders.contains(client)) {
                        ledger.attach(fresh);
                    }
                    long lastSeen = client.contiguousSeq();
                    fresh.join(client.roomId, lastSeen, Duration.ofSeconds(20));
                    client.lastSeenSeqOnRejoin = lastSeen;
                    client.use(fresh);
                    client.reconnectSeconds = Sleep.secondsSince(killedAt);
                    return null;
                }));
            }
            for (Future<?> f : reconnects) {
                f.get(90, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            double allBack = Sleep.secondsSince(killedAt);
            long acceptedWhileAway = ledger.accepted() - acceptedAtKill;
            Sleep.millis(3_000);
            sending.set(false);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(60));
            }

            long accepted = ledger.accepted();
            Sleep.until(() -> db.countOrMinusOne(roomIds) >= accepted, Duration.ofSeconds(60));
            Map<String, Db.RoomStats> stats = db.stats(roomIds);
            long awaitStart = System.nanoTime();
            Sleep.until(() -> clients.stream().allMatch(c -> c.received().size() >= stats.get(c.roomId).rows()), Duration.ofSeconds(60));
            double deliveryWait = Sleep.secondsSince(awaitStart);

            long deliveriesExpected = clients.stream().mapToLong(c -> stats.get(c.roomId).rows()).sum();
            long framesReceived = clients.stream().mapToLong(c -> c.received().size()).sum();
            long complete = 0, withGap = 0, withDuplicate = 0, outOfOrder = 0, lostMessages = 0, duplicateFrames = 0;
            List<String> examples = new ArrayList<>();
            for (Client c : clients) {
                long n = stats.get(c.roomId).rows();
                List<Long> seqs = c.received().stream().map(WsClient.Received::seq).toList();
                List<Long> expected = LongStream.rangeClosed(1, n).boxed().toList();
                if (seqs.equals(expected)) {
                    complete++;
                    continue;
                }
                long distinct = seqs.stream().distinct().count();
                duplicateFrames += seqs.size() - distinct;
                lostMessages += n - seqs.stream().filter(s -> s >= 1 && s <= n).distinct().count();
                if (distinct < seqs.size()) {
                    withDuplicate++;
                }
                if (seqs.stream().distinct().count() < n) {
                    withGap++;
                }
                for (int i = 1; i < seqs.size(); i++) {
                    if (seqs.get(i) <= seqs.get(i - 1)) {
                        outOfOrder++;
                    }
                }
                if (examples.size() < 3) {
                    examples.add(c.user.name() + " rejoined after " + c.lastSeenSeqOnRejoin + ", n=" + n + ", got " + summarize(seqs));
                }
            }
            var storedIds = db.ids(roomIds);
            long lostInStorage = ledger.acceptedIds().stream().filter(id -> !storedIds.contains(id)).count();
            long storedRows = stats.values().stream().mapToLong(Db.RoomStats::rows).sum();
            long storedDuplicates = stats.values().stream().mapToLong(Db.RoomStats::duplicates).sum();
            var reconnectTimes = onB.stream().mapToDouble(c -> c.reconnectSeconds).summaryStatistics();

            figures.put("clients (sockets) on A / B", onA.size() + " / " + onB.size())
                    .put("rooms x members", ROOMS + " x " + perRoom)
                    .seconds("setup (register 200, rooms, connect, join)", setupSeconds)
                    .put("senders", senders.size())
                    .put("ACCEPTED when B was killed", acceptedAtKill)
                    .seconds("kill -> all 100 clients reconnected and joined", allBack)
                    .put("reconnect+rejoin per client (min/avg/max s)", String.format(java.util.Locale.ROOT, "%.2f / %.2f / %.2f",
                            reconnectTimes.getMin(), reconnectTimes.getAverage(), reconnectTimes.getMax()))
                    .put("ACCEPTED while B's clients were away", acceptedWhileAway)
                    .put("unanswered sends re-sent (same clientMsgId)", resent.get())
                    .put("messages sent (logical)", ledger.count())
                    .put("ACCEPTED", accepted)
                    .put("FAILED", ledger.failed() + " " + ledger.failureCodes())
                    .put("unanswered in the end", ledger.unanswered())
                    .put("stored rows", storedRows)
                    .put("lost in storage", lostInStorage)
                    .put("duplicated in storage", storedDuplicates)
                    .put("deliveries expected (sum of n per client)", deliveriesExpected)
                    .put("newMessage frames received", framesReceived)
                    .put("clients with exactly seq 1..n", complete + "/" + clients.size())
                    .put("clients with a gap / a duplicate", withGap + " / " + withDuplicate)
                    .put("messages lost at clients", lostMessages)
                    .put("duplicate frames at clients", duplicateFrames)
                    .put("out-of-order frames", outOfOrder)
                    .seconds("delivery wait after storage", deliveryWait)
                    .put("examples", examples.isEmpty() ? "-" : String.join(" | ", examples))
                    .put("sender problems", senderProblems.isEmpty() ? "-" : String.join(", ", senderProblems));
            figures.print();

            assertThat(senderProblems).isEmpty();
            assertThat(acceptedWhileAway).as("others kept sending while B's clients were away").isPositive();
            assertThat(ledger.unanswered()).isZero();
            assertThat(lostInStorage).isZero();
            assertThat(storedRows).isEqualTo(accepted);
            assertThat(storedDuplicates).isZero();
            stats.forEach((room, s) -> assertThat(s.gapless()).as("seqs of room %s: %s", room, s).isTrue());
            assertThat(complete).as("clients with every message of their room once, in order: " + examples).isEqualTo(clients.size());
            assertThat(gatewayA.alive()).isTrue();
        } finally {
            clients.forEach(c -> c.connections.forEach(WsClient::close));
            gatewayB.stop();
        }
    }

    private static void connectAll(List<Client> clients, AppProcess gateway) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Client c : clients) {
                futures.add(pool.submit(() -> {
                    WsClient socket = WsClient.connect(gateway.ws(), c.user.token(), c.user.name(), Duration.ofSeconds(15));
                    socket.join(c.roomId, 0L, Duration.ofSeconds(15));
                    c.use(socket);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String summarize(List<Long> seqs) {
        if (seqs.size() <= 12) {
            return seqs.toString();
        }
        return seqs.subList(0, 5) + " ... " + seqs.subList(seqs.size() - 5, seqs.size()) + " (" + seqs.size() + " frames)";
    }
}
