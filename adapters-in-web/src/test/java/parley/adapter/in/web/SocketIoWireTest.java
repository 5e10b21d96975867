package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The Socket.IO endpoint on the wire, written from the Engine.IO v4 and Socket.IO v5 protocol
 * descriptions: handshakes and their errors, polling, WebSocket, the upgrade between them, the
 * server's heartbeat, CONNECT with and without a valid token, namespaces, malformed and binary
 * packets, and events answered in the original gateway's ack shapes. Short timings, so the
 * heartbeat and timeouts show within a test.
 */
@TestPropertySource(properties = {
        "parley.socketio.ping-interval=400ms", "parley.socketio.ping-timeout=400ms",
        "parley.socketio.connect-timeout=1s", "parley.socketio.max-payload=4KB"})
class SocketIoWireTest extends WebTest {

    private static final String POLLING = "EIO=4&transport=polling";
    private static final String WEBSOCKET = "EIO=4&transport=websocket";
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    private EngineIoClient engine;

    @BeforeEach
    void client() {
        engine = new EngineIoClient(port);
    }

    @Test
    void handshakeErrorsAreAnsweredWithTheProtocolsCodes() {
        assertError(engine.get("transport=polling"), 400, 5, "Unsupported protocol version");
        assertError(engine.get("EIO=3&transport=polling"), 400, 5, "Unsupported protocol version");
        assertError(engine.get("EIO=4&transport=carrier-pigeon"), 400, 0, "Transport unknown");
        assertError(engine.post(POLLING, "40"), 400, 2, "Bad handshake method");
        assertError(engine.get(POLLING + "&sid=nope"), 400, 1, "Session ID unknown");
        assertError(engine.post(POLLING + "&sid=nope", "40"), 400, 1, "Session ID unknown");
        assertError(engine.get(WEBSOCKET), 400, 3, "Bad request");
    }

    @Test
    void aPollingHandshakeOpensASessionThatCanUpgrade() {
        EngineIoClient.Answer open = engine.get(POLLING);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.contentType()).startsWith("text/plain");
        assertThat(open.body()).startsWith("0{\"sid\":\"")
                .contains("\"upgrades\":[\"websocket\"]", "\"pingInterval\":400", "\"pingTimeout\":400", "\"maxPayload\":4096");
    }

    @Test
    void aValidTokenInTheConnectPacketConnects() {
        Account alice = newAccount();
        String sid = engine.handshake();
        assertThat(engine.post(POLLING + "&sid=" + sid, "40{\"token\":\"" + alice.token() + "\"}").body()).isEqualTo("ok");
        assertThat(engine.pollPackets(sid, 1)).singleElement().asString().matches("40\\{\"sid\":\"[^\"]+\"}");
    }

    @Test
    void theHandshakesAuthorizationHeaderOrQueryTokenServesWhenConnectHasNone() {
        Account alice = newAccount();
        String sid = EngineIoClient.sidOf(engine.get(POLLING, "Bearer " + alice.token()).body());
        engine.post(POLLING + "&sid=" + sid, "40");
        assertThat(engine.pollPackets(sid, 1).getFirst()).startsWith("40{\"sid\":");

        String viaQuery = EngineIoClient.sidOf(engine.get(POLLING + "&token=" + alice.token()).body());
        engine.post(POLLING + "&sid=" + viaQuery, "40");
        assertThat(engine.pollPackets(viaQuery, 1).getFirst()).startsWith("40{\"sid\":");
    }

    @Test
    void aBadOrMissingTokenConnectsAndIsDisconnectedByTheServerAsTheOriginalDid() {
        for (String connect : List.of("40{\"token\":\"not-a-jwt\"}", "40", "40{\"token\":42}")) {
            String sid = engine.handshake();
            engine.post(POLLING + "&sid=" + sid, connect);
            List<String> packets = engine.pollPackets(sid, 2);
            // no close packet behind the disconnect: socket.io-client would see the transport close first
            assertThat(packets).as(connect).hasSize(2);
            assertThat(packets.get(0)).as(connect).startsWith("40{\"sid\":");
            assertThat(packets.get(1)).as(connect).isEqualTo("41");
            eventually(() ->
                    assertThat(engine.get(POLLING + "&sid=" + sid).body()).isIn("1", "{\"code\":1,\"message\":\"Session ID unknown\"}"));
        }
    }

    @Test
    void anotherNamespaceIsRefusedAsInvalid() {
        String sid = engine.handshake();
        engine.post(POLLING + "&sid=" + sid, "40/admin,{\"token\":\"x\"}");
        assertThat(engine.pollPackets(sid, 1)).containsExactly("44/admin,{\"message\":\"Invalid namespace\"}");
    }

    @Test
    void aFloodOfConnectsToOtherNamespacesEndsTheSessionInsteadOfQueueingAnswers() {
        String sid = engine.handshake();
        engine.post(POLLING + "&sid=" + sid, String.join(EngineIoClient.SEPARATOR, java.util.Collections.nCopies(100, "40/a,")));
        eventually(() -> assertThat(engine.get(POLLING + "&sid=" + sid).body()).isIn("1", "{\"code\":1,\"message\":\"Session ID unknown\"}"));
    }

    @Test
    void aBadTokenInConnectIsRefusedEvenWithAValidHandshakeHeader() {
        Account alice = newAccount();
        String sid = EngineIoClient.sidOf(engine.get(POLLING, "Bearer " + alice.token()).body());
        engine.post(POLLING + "&sid=" + sid, "40{\"token\":\"forged\"}");
        List<String> packets = engine.pollPackets(sid, 2);
        assertThat(packets.get(0)).startsWith("40{\"sid\":");
        assertThat(packets.get(1)).isEqualTo("41");
    }

    @Test
    void aSessionWithoutConnectIsClosedAfterTheConnectTimeout() {
        String sid = engine.handshake();
        // answer pings, never CONNECT: the 1 s connect timeout ends it
        eventually(() -> {
            EngineIoClient.Answer answer = engine.get(POLLING + "&sid=" + sid);
            if (answer.body().equals("2")) {
                engine.post(POLLING + "&sid=" + sid, "3");
            }
            assertError(answer, 400, 1, "Session ID unknown");
        });
    }

    @Test
    void theServerPingsAndClosesASessionThatDoesNotAnswer() {
        Account alice = newAccount();
        String sid = engine.connected(alice.token());
        // answering pings keeps it for several intervals
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2000);
        int pings = 0;
        while (System.nanoTime() < until) {
            EngineIoClient.Answer answer = engine.get(POLLING + "&sid=" + sid);
            assertThat(answer.status()).isEqualTo(200);
            if (answer.packets().contains("2")) {
                pings++;
                engine.post(POLLING + "&sid=" + sid, "3");
            }
        }
        assertThat(pings).isGreaterThanOrEqualTo(3);
        // no more pongs: closed within pingInterval + pingTimeout (0.8 s; 10 s allowed)
        eventually(() ->
                assertError(engine.get(POLLING + "&sid=" + sid), 400, 1, "Session ID unknown"));
    }

    @Test
    void aSecondConcurrentGetIsRefusedAndEndsTheSession() throws Exception {
        Account alice = newAccount();
        String sid = engine.connected(alice.token());
        CompletableFuture<EngineIoClient.Answer> first = engine.getAsync(POLLING + "&sid=" + sid);
        Thread.sleep(100);
        assertError(engine.get(POLLING + "&sid=" + sid), 400, 3, "Bad request");
        assertThat(first.get(10, TimeUnit.SECONDS).body()).endsWith("1");
        assertError(engine.get(POLLING + "&sid=" + sid), 400, 1, "Session ID unknown");
    }

    @Test
    void aMalformedPacketClosesTheSession() {
        Account alice = newAccount();
        for (String malformed : List.of("4abc", "42{\"not\":\"an array\"}", "42[]", "9", "4", "42[\"joinRoom\"")) {
            String sid = engine.connected(alice.token());
            engine.post(POLLING + "&sid=" + sid, malformed);
            eventually(() ->
                    assertThat(engine.get(POLLING + "&sid=" + sid).body()).as(malformed)
                            .isIn("1", "{\"code\":1,\"message\":\"Session ID unknown\"}"));
        }
    }

    @Test
    void aPollingBodyThatIsNotUtf8IsRefusedAndEndsTheSession() {
        Account alice = newAccount();
        String sid = engine.connected(alice.token());
        assertError(engine.post(POLLING + "&sid=" + sid, new byte[] {'4', '2', '[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'}),
                400, 3, "Bad request");
        assertError(engine.get(POLLING + "&sid=" + sid), 400, 1, "Session ID unknown");
    }

    @Test
    void aPostOverMaxPayloadIsRefused() {
        Account alice = newAccount();
        String sid = engine.connected(alice.token());
        EngineIoClient.Answer answer = engine.post(POLLING + "&sid=" + sid, "42[\"typing\",{\"roomId\":\"" + "x".repeat(5000) + "\"}]");
        assertThat(answer.status()).isEqualTo(413);
        assertError(engine.get(POLLING + "&sid=" + sid), 400, 1, "Session ID unknown");
    }

    @Test
    void eventsAreTheChatCommandsAnsweredInTheOriginalsAckShapes() {
        Account alice = newAccount();
        Account bob = newAccount();
        String roomId = createRoomId(alice);
        String sid = engine.connected(alice.token());
        String bobs = engine.connected(bob.token());
        String clientMsgId = UUID.randomUUID().toString();
        String path = POLLING + "&sid=" + sid;

        engine.post(path, "421[\"joinRoom\",{\"roomId\":\"" + roomId + "\"}]");
        assertThat(engine.pollPackets(sid, 1)).containsExactly("431[{\"success\":true}]");

        engine.post(path, "422[\"sendMessage\",{\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"type\":\"TEXT\",\"content\":\"hello\"}]");
        assertThat(engine.pollPackets(sid, 1)).singleElement().asString()
                .matches("432\\[\\{\"clientMsgId\":\"" + clientMsgId + "\",\"status\":\"ACCEPTED\",\"messageId\":\"[0-9A-Z]{26}\"}]");

        // several packets in one POST, answered in order
        engine.post(path, "423[\"heartbeat\"]" + EngineIoClient.SEPARATOR + "424[\"heartbeat\",{}]"
                + EngineIoClient.SEPARATOR + "425[\"noSuchEvent\",{}]" + EngineIoClient.SEPARATOR + "426[\"sendMessage\",{\"roomId\":\"" + roomId + "\"}]");
        assertThat(engine.pollPackets(sid, 4)).containsExactly(
                "433[{\"success\":true}]",
                "434[{\"success\":true}]",
                "435[{\"success\":false,\"error\":\"unknown frame type 'noSuchEvent'\",\"code\":\"UNKNOWN_TYPE\"}]",
                "436[{\"clientMsgId\":\"\",\"status\":\"FAILED\",\"error\":\"clientMsgId is required\",\"code\":\"VALIDATION_FAILED\"}]");

        engine.post(POLLING + "&sid=" + bobs, "427[\"joinRoom\",{\"roomId\":\"" + roomId + "\"}]");
        assertThat(engine.pollPackets(bobs, 1)).singleElement().asString()
                .startsWith("437[{\"success\":false,\"error\":").endsWith(",\"code\":\"NOT_A_MEMBER\"}]");

        // no ack asked for: a failure comes as Nest's exception event
        engine.post(POLLING + "&sid=" + bobs, "42[\"joinRoom\",{}]");
        assertThat(engine.pollPackets(bobs, 1)).containsExactly(
                "42[\"exception\",{\"status\":\"error\",\"code\":\"VALIDATION_FAILED\",\"message\":\"roomId is required\"}]");
    }

    @Test
    void binaryEventsAreRefusedAndTheSocketStays() {
        Account alice = newAccount();
        String sid = engine.connected(alice.token());
        engine.post(POLLING + "&sid=" + sid, "451-3[\"sendMessage\",{\"_placeholder\":true,\"num\":0}]" + EngineIoClient.SEPARATOR + "bAQID");
        assertThat(engine.pollPackets(sid, 1)).containsExactly(
                "433[{\"clientMsgId\":\"\",\"status\":\"FAILED\",\"error\":\"binary packets are not supported; send JSON\",\"code\":\"UNSUPPORTED_FRAME\"}]");
        engine.post(POLLING + "&sid=" + sid, "451-5[\"typing\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(engine.pollPackets(sid, 1)).containsExactly(
                "435[{\"success\":false,\"error\":\"binary packets are not supported; send JSON\",\"code\":\"UNSUPPORTED_FRAME\"}]");
        engine.post(POLLING + "&sid=" + sid, "424[\"heartbeat\"]");
        assertThat(engine.pollPackets(sid, 1)).containsExactly("434[{\"success\":true}]");
    }

    /** The v1.1 room frames reach Socket.IO clients as events of their type, with their ack'd commands. */
    @Test
    void roomFramesAreEventsAndMarkReadIsACommandWithAnAck() {
        Account owner = newAccount();
        Account ada = newAccount();
        String roomId = createRoomId(owner);
        join(ada, roomId);
        EngineIoClient.Socket socket = engine.webSocket(WEBSOCKET);
        socket.next();
        socket.send("40{\"token\":\"" + ada.token() + "\"}");
        assertThat(socket.next()).startsWith("40{\"sid\":");
        socket.send("421[\"joinRoom\",{\"roomId\":\"" + roomId + "\"}]");
        assertThat(socket.next()).isEqualTo("431[{\"success\":true}]");
        socket.send("422[\"markRead\",{\"roomId\":\"" + roomId + "\",\"lastReadMessageId\":\"01J0000000ZZZZZZZZZZZZZZZZ\"}]");
        assertThat(socket.next()).startsWith("432[{\"success\":false,").endsWith("\"code\":\"MESSAGE_NOT_FOUND\"}]");

        client.delete().uri("/rooms/{r}/members/{u}", roomId, ada.id()).headers(bearer(owner)).exchange().expectStatus().isNoContent()
                .expectBody().isEmpty();

        String removed = socket.next();
        while (removed.startsWith("42[\"presence\"")) {
            removed = socket.next();
        }
        assertThat(removed).isEqualTo("42[\"removed\",{\"roomId\":\"" + roomId + "\",\"reason\":\"REMOVED\"}]");
    }

    @Test
    void aWebSocketOpensASessionStraightAway() {
        Account alice = newAccount();
        EngineIoClient.Socket socket = engine.webSocket(WEBSOCKET);
        String open = socket.next();
        assertThat(open).startsWith("0{\"sid\":\"").contains("\"upgrades\":[]");
        socket.send("40{\"token\":\"" + alice.token() + "\"}");
        assertThat(socket.next()).startsWith("40{\"sid\":");
        socket.send("421[\"heartbeat\"]");
        assertThat(socket.next()).isEqualTo("431[{\"success\":true}]");
        // a packet over the 64 KiB frame limit is refused unread, in its command's ack shape; the socket stays
        socket.send("422[\"sendMessage\",{\"content\":\"" + "x".repeat(70_000) + "\"}]");
        assertThat(socket.next()).isEqualTo("432[{\"clientMsgId\":\"\",\"status\":\"FAILED\",\"error\":\"a packet may be at most 65536 bytes\",\"code\":\"FRAME_TOO_LARGE\"}]");
        socket.send("423[\"typing\",{\"roomId\":\"" + "x".repeat(70_000) + "\"}]");
        assertThat(socket.next()).isEqualTo("433[{\"success\":false,\"error\":\"a packet may be at most 65536 bytes\",\"code\":\"FRAME_TOO_LARGE\"}]");
        // the server pings over the socket
        assertThat(socket.frames.stream().anyMatch("2"::equals) || waitForPing(socket)).isTrue();
    }

    @Test
    void aWebSocketWithABadTokenGetsConnectThenDisconnectAndIsClosed() throws Exception {
        EngineIoClient.Socket socket = engine.webSocket(WEBSOCKET);
        socket.next();
        socket.send("40{\"token\":\"forged\"}");
        assertThat(socket.next()).startsWith("40{\"sid\":");
        assertThat(socket.next()).isEqualTo("41");
        assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void pollingUpgradesToWebSocketWithTheProbeSequence() throws Exception {
        Account alice = newAccount();
        String sid = engine.connected(alice.token());
        CompletableFuture<EngineIoClient.Answer> pending = engine.getAsync(POLLING + "&sid=" + sid);
        EngineIoClient.Socket socket = engine.webSocket(WEBSOCKET + "&sid=" + sid);
        socket.send("2probe");
        assertThat(socket.next()).isEqualTo("3probe");
        // the pending GET ends with a noop so the client can pause polling (a ping may have ended it first)
        EngineIoClient.Answer ended = pending.get(10, TimeUnit.SECONDS);
        if (ended.packets().contains("2")) {
            engine.post(POLLING + "&sid=" + sid, "3");
            ended = engine.get(POLLING + "&sid=" + sid);
        }
        assertThat(ended.packets()).containsExactly("6");
        socket.send("5");
        socket.send("421[\"heartbeat\"]");
        assertThat(socket.next()).isEqualTo("431[{\"success\":true}]");
        // polling is over for this session
        assertError(engine.get(POLLING + "&sid=" + sid), 400, 3, "Bad request");
        // a second probe of an upgraded session is refused before the handshake
        assertError(engine.get(WEBSOCKET + "&sid=" + sid), 400, 3, "Bad request");
    }

    private static boolean waitForPing(EngineIoClient.Socket socket) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String frame = socket.frames.poll(1, TimeUnit.SECONDS);
                if ("2".equals(frame)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Retries {@code assertion} until it passes, for at most {@link #GENEROUS}. */
    private static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }

    private static void assertError(EngineIoClient.Answer answer, int status, int code, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }
}
