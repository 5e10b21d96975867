package parley.adapter.in.web.socket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.util.unit.DataSize;
import parley.application.fake.SequentialIdGenerator;
import parley.application.port.in.CatchUpQuery;
import parley.application.model.ConnectionId;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageContent;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The socket layer without Spring and without a network: sessions whose outbound frames are
 * collected (or left unread), and a catch-up query over in-memory rooms that can be made to fail
 * or to hang.
 */
final class SocketFixture {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final SequentialIdGenerator ids = new SequentialIdGenerator();
    final FakeCatchUpQuery query = new FakeCatchUpQuery();
    final FrameCodec codec = new FrameCodec();
    final SocketSettings settings;
    final CatchUps catchUps;
    final SocketRegistry registry;
    final SocketDelivery delivery;

    SocketFixture() {
        this(SocketSettings.DEFAULTS);
    }

    SocketFixture(SocketSettings settings) {
        this.settings = settings;
        this.catchUps = new CatchUps(query, settings);
        this.registry = new SocketRegistry(catchUps, settings);
        this.delivery = new SocketDelivery(registry, new PresenceFrames());
    }

    /** Settings with small, fast limits for the tests that run into them. */
    static SocketSettings settings(int queue, int perSocket, int perGateway, int retries, Duration slowReader) {
        return new SocketSettings(DataSize.ofKilobytes(64), queue, 20, 40, 100, 200, 500, 10, 200, Math.min(100, queue / 2),
                perSocket, perGateway, Duration.ofSeconds(5), retries, slowReader, true, Duration.ofSeconds(5));
    }

    Client connect() {
        return connect(ids.newUserId());
    }

    /** A registered socket of {@code userId} whose frames are read as they come. */
    Client connect(UserId userId) {
        Client client = new Client(userId, settings.outboundQueueFrames(), settings.catchUpsPerSocket());
        if (!registry.register(client.session)) {
            throw new IllegalStateException("refused");
        }
        client.startReading();
        return client;
    }

    /** A registered socket that reads nothing until told. */
    Client connectNotReading() {
        Client client = new Client(ids.newUserId(), settings.outboundQueueFrames(), settings.catchUpsPerSocket());
        registry.register(client.session);
        return client;
    }

    Message message(RoomId roomId, long seq) {
        return new Message(ids.newMessageId(), roomId, ids.newUserId(), new ClientMsgId(UUID.randomUUID()),
                MessageContent.text("message " + seq), Instant.parse("2026-12-02T10:00:00Z"), seq);
    }

    /** Stores messages 1..count of the room in the fake, and returns them. */
    List<Message> history(RoomId roomId, int count) {
        List<Message> messages = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            messages.add(message(roomId, seq));
        }
        query.rooms.computeIfAbsent(roomId, id -> new CopyOnWriteArrayList<>()).addAll(messages);
        return messages;
    }

    static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                sleep(10);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A socket: its session, the frames it got, and how it was closed. */
    final class Client {

        final ChatSession session;
        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        volatile int closeCode = -1;
        volatile String closeReason;
        private Disposable reading;

        Client(UserId userId, int queue, int catchUpsAtOnce) {
            session = new ChatSession(userId, new ConnectionId(UUID.randomUUID().toString()), queue, catchUpsAtOnce,
                    (code, reason) -> {
                        closeCode = code;
                        closeReason = reason;
                    }, codec);
        }

        synchronized void startReading() {
            if (reading == null) {
                reading = session.outbound().subscribe(bytes -> frames.add(JSON.readTree(bytes)));
            }
        }

        void join(RoomId roomId, Long lastSeenSeq) {
            registry.watch(session, roomId, lastSeenSeq, () -> session.emit(codec.reply("join", Outcome.DONE)));
        }

        List<Long> seqs(RoomId roomId) {
            return frames.stream()
                    .filter(frame -> "newMessage".equals(frame.get("type").asString()))
                    .map(frame -> frame.get("message"))
                    .filter(message -> roomId.value().equals(message.get("roomId").asString()))
                    .map(message -> message.get("seq").asLong())
                    .toList();
        }

        List<JsonNode> frames(Predicate<JsonNode> match) {
            return frames.stream().filter(match).toList();
        }

        void disconnect() {
            session.close();
            registry.unregister(session);
        }
    }

    /** Rooms in memory; every page query is counted while it runs, and can be made to fail or to hang. */
    static final class FakeCatchUpQuery implements CatchUpQuery {

        final Map<RoomId, List<Message>> rooms = new ConcurrentHashMap<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger pagesRead = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile boolean hang;
        /** Every page waits for this first (Mono.empty(): no wait). */
        volatile Mono<Void> gate = Mono.empty();
        volatile RuntimeException failure = new IllegalStateException("the database is away");

        @Override
        public Mono<Page> pageAfter(RoomId roomId, UserId caller, long afterSeq, int limit) {
            return Mono.defer(() -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                            return Mono.<Page>error(failure);
                        }
                        if (hang) {
                            return Mono.<Page>never();
                        }
                        return gate.then(Mono.fromCallable(() -> read(roomId, afterSeq, limit)));
                    })
                    // before the end travels on: a turn it frees may start the next read at once
                    .doOnTerminate(running::decrementAndGet)
                    .doOnCancel(() -> {
                        cancelled.incrementAndGet();
                        running.decrementAndGet();
                    });
        }

        private Page read(RoomId roomId, long afterSeq, int limit) {
            pagesRead.incrementAndGet();
            List<Message> all = rooms.getOrDefault(roomId, List.of());
            List<Message> page = all.stream().filter(m -> m.seq() > afterSeq).limit(limit).toList();
            if (page.size() == limit) {
                return Page.more(page);
            }
            return Page.last(page, all.isEmpty() ? 0 : all.getLast().seq());
        }
    }
}
