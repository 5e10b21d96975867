package parley.adapter.in.web.socket.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.adapter.in.web.socket.SendRateLimiter;
import parley.adapter.in.web.socket.SocketSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The Engine.IO session's state machine in virtual time: heartbeat, polls, the upgrade, the outbound window, the connect timeout. */
class EngineIoSessionTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final SocketIoSettings settings = SocketIoSettings.DEFAULTS;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> closedFor = new AtomicReference<>();
    private final List<EngineIoSession> ended = new CopyOnWriteArrayList<>();
    private final EngineIoSession.Handler handler = new EngineIoSession.Handler() {
        @Override
        public Mono<Void> onMessage(String data) {
            messages.add(data);
            return Mono.empty();
        }

        @Override
        public void onClose(String reason) {
            closedFor.set(reason);
        }
    };
    private final EngineIoSession session = new EngineIoSession("sid-1", settings, time, handler, ended::add);

    @AfterEach
    void stop() {
        time.dispose();
    }

    @Test
    void theHandshakePollTakesTheOpenPacket() {
        session.openOnPolling();
        assertThat(text(session.poll().block())).startsWith("0{\"sid\":\"sid-1\",\"upgrades\":[\"websocket\"]");
    }

    @Test
    void theServerPingsEveryIntervalAndClosesWithoutAPong() {
        session.openOnPolling();
        session.poll().block();
        AtomicReference<byte[]> poll = new AtomicReference<>();
        session.poll().subscribe(poll::set);
        time.advanceTimeBy(settings.pingInterval().minusMillis(1));
        assertThat(poll.get()).isNull();
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(closedFor.get()).isNull();
        assertThat(text(poll.get())).isEqualTo("2");

        // answered: the next ping comes an interval after the pong, and the session stays past the timeout
        session.post(List.of("3")).block();
        AtomicReference<byte[]> next = new AtomicReference<>();
        session.poll().subscribe(next::set);
        time.advanceTimeBy(settings.pingInterval().minusMillis(1));
        assertThat(session.isClosed()).isFalse();
        assertThat(next.get()).isNull();
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(text(next.get())).isEqualTo("2");
        time.advanceTimeBy(settings.pingTimeout().minusMillis(1));
        assertThat(session.isClosed()).isFalse();
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(session.isClosed()).isTrue();
        assertThat(closedFor.get()).isEqualTo("ping timeout");
        assertThat(ended).containsExactly(session);
    }

    @Test
    void aPongThatAnswersNoPingChangesNothing() {
        session.openOnPolling();
        session.poll().block();
        session.post(List.of("3", "3", "3")).block();
        time.advanceTimeBy(settings.pingInterval());
        assertThat(text(session.poll().block())).isEqualTo("2");
    }

    @Test
    void aSecondConcurrentPollIsRefusedAndClosesTheSession() {
        session.openOnPolling();
        session.poll().block();
        AtomicReference<byte[]> first = new AtomicReference<>();
        session.poll().subscribe(first::set);
        AtomicReference<Throwable> second = new AtomicReference<>();
        session.poll().subscribe(body -> { }, second::set);
        assertThat(second.get()).isInstanceOf(EngineIoSession.RefusedRequest.class);
        assertThat(session.isClosed()).isTrue();
        assertThat(text(first.get())).isEqualTo("1");
    }

    @Test
    void messagesOfAPostReachTheHandlerInOrder() {
        session.openOnPolling();
        session.post(List.of("4a", "6", "4b", "bAQID", "4c")).block();
        assertThat(messages).containsExactly("a", "b", "c");
    }

    @Test
    void anUnexpectedPacketTypeClosesTheSession() {
        session.openOnPolling();
        session.post(List.of("4a", "0", "4b")).block();
        assertThat(messages).containsExactly("a");
        assertThat(closedFor.get()).startsWith("malformed packet");
    }

    @Test
    void theUpgradeProbesThenSwitchesAndFlushesToTheWebSocket() {
        session.openOnPolling();
        session.poll().block();
        AtomicReference<byte[]> pending = new AtomicReference<>();
        session.poll().subscribe(pending::set);

        WebSocketLink probe = session.beginProbe();
        List<String> written = new CopyOnWriteArrayList<>();
        probe.packets().doOnNext(session::written).subscribe(packet -> written.add(packet.text()));
        assertThat(session.beginProbe()).as("one probe at a time").isNull();

        session.onWebSocketFrame(probe, "2probe").block();
        assertThat(written).containsExactly("3probe");
        assertThat(text(pending.get())).as("the pending GET ends with a noop").isEqualTo("6");
        // while the client pauses polling, packets wait
        session.send("4x".getBytes(StandardCharsets.UTF_8));
        assertThat(written).containsExactly("3probe");

        session.onWebSocketFrame(probe, "5").block();
        assertThat(session.transport()).isEqualTo(EngineIoSession.Transport.WEBSOCKET);
        assertThat(written).containsExactly("3probe", "4x");
        session.onWebSocketFrame(probe, "4hello").block();
        assertThat(messages).containsExactly("hello");
        assertThat(session.poll().onErrorResume(e -> Mono.just("refused".getBytes(StandardCharsets.UTF_8))).block())
                .asString(StandardCharsets.UTF_8).isEqualTo("refused");
    }

    @Test
    void aProbeThatDoesNotCompleteInTimeIsDroppedAndPollingGoesOn() {
        session.openOnPolling();
        session.poll().block();
        WebSocketLink probe = session.beginProbe();
        AtomicReference<Boolean> completed = new AtomicReference<>(false);
        probe.packets().subscribe(packet -> { }, e -> { }, () -> completed.set(true));
        session.onWebSocketFrame(probe, "2probe").block();
        time.advanceTimeBy(settings.upgradeTimeout());
        assertThat(completed.get()).isTrue();
        assertThat(session.transport()).isEqualTo(EngineIoSession.Transport.POLLING);
        session.send("4y".getBytes(StandardCharsets.UTF_8));
        assertThat(text(session.poll().block())).isEqualTo("4y");
        assertThat(session.beginProbe()).as("a new probe may start").isNotNull();
    }

    @Test
    void theSessionTakesAtMostAWindowOfPacketsBeforeTheTransportTakesThem() {
        session.openOnPolling();
        session.poll().block();
        AtomicLong requested = new AtomicLong();
        session.attach(Flux.range(0, 10_000).map(i -> ("4" + i).getBytes(StandardCharsets.UTF_8)).doOnRequest(requested::addAndGet));
        assertThat(requested.get()).isEqualTo(EngineIoSession.WINDOW);
        byte[] body = session.poll().block();
        int taken = text(body).split("\u001e").length;
        assertThat(taken).isEqualTo(EngineIoSession.WINDOW);
        assertThat(requested.get()).isEqualTo(2L * EngineIoSession.WINDOW);
    }

    @Test
    void aPollAnswerStaysWithinMaxPayload() {
        session.openOnPolling();
        session.poll().block();
        String big = "4" + "x".repeat(400_000);
        session.attach(Flux.just(big, big, big).map(s -> s.getBytes(StandardCharsets.UTF_8)));
        assertThat(session.poll().block()).hasSize(2 * big.length() + 1);
        assertThat(session.poll().block()).hasSize(big.length());
    }

    @Test
    void closingAfterFlushSendsWhatWaitsThenACloseToPolling() {
        session.openOnPolling();
        session.poll().block();
        session.send("40{}".getBytes(StandardCharsets.UTF_8));
        session.send("41".getBytes(StandardCharsets.UTF_8));
        session.closeAfterFlush("bye");
        assertThat(text(session.poll().block())).isEqualTo("40{}\u001e41\u001e1");
        assertThat(session.isClosed()).isTrue();
        assertThat(closedFor.get()).isEqualTo("bye");
    }

    @Test
    void aSessionWithoutConnectIsClosedAfterTheConnectTimeout() {
        SocketIoChat chat = new SocketIoChat(null, null, null, SocketSettings.DEFAULTS, new SendRateLimiter(SocketSettings.DEFAULTS), settings, time);
        EngineIoSession opened = chat.open(null, "192.0.2.1");
        opened.openOnPolling();
        assertThat(chat.sessions().waiting()).isEqualTo(1);
        time.advanceTimeBy(settings.connectTimeout().minusMillis(1));
        assertThat(opened.isClosed()).isFalse();
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(opened.isClosed()).isTrue();
        assertThat(chat.sessions().waiting()).isZero();
        assertThat(chat.sessions().size()).isZero();
    }

    @Test
    void sessionsWaitingForConnectAreCapped() {
        SocketIoSettings capped = new SocketIoSettings(true, settings.pingInterval(), settings.pingTimeout(), settings.connectTimeout(),
                settings.upgradeTimeout(), settings.maxPayload(), 3, 2);
        SocketIoChat chat = new SocketIoChat(null, null, null, SocketSettings.DEFAULTS, new SendRateLimiter(SocketSettings.DEFAULTS), capped, time);
        EngineIoSession first = chat.open(null, "192.0.2.1");
        assertThat(chat.open(null, "192.0.2.1")).isNotNull();
        assertThat(chat.open(null, "192.0.2.1")).as("the address's two places are taken").isNull();
        assertThat(chat.open(null, "192.0.2.2")).as("another address still gets one").isNotNull();
        assertThat(chat.open(null, "192.0.2.3")).as("the gateway's three places are taken").isNull();
        first.openOnPolling();
        first.close("gone");
        assertThat(chat.open(null, "192.0.2.1")).isNotNull();
    }

    @Test
    void aSessionThatWasNeverOpenedOnATransportGivesItsPlaceBackWhenClosed() {
        SocketIoChat chat = new SocketIoChat(null, null, null, SocketSettings.DEFAULTS, new SendRateLimiter(SocketSettings.DEFAULTS), settings, time);
        for (int i = 0; i < 5; i++) {
            // a WebSocket handshake that failed after the place was taken
            chat.open(null, "192.0.2.1").close("the WebSocket handshake did not complete");
        }
        time.advanceTimeBy(settings.connectTimeout());
        assertThat(chat.sessions().waiting()).isZero();
        assertThat(chat.sessions().waitingAddresses()).isZero();
        assertThat(chat.sessions().size()).isZero();
    }

    @Test
    void aPingTheClientNeverReceivedCannotBeAnsweredBlindly() {
        session.openOnPolling();
        session.poll().block();
        time.advanceTimeBy(settings.pingInterval());
        // no GET takes the ping; a pong sent anyway does not keep the session
        session.post(List.of("3")).block();
        time.advanceTimeBy(settings.pingTimeout());
        assertThat(closedFor.get()).isEqualTo("ping timeout");
    }

    @Test
    void singlePacketsTheClientDoesNotTakeAreBoundedAndCloseTheSession() {
        session.openOnPolling();
        session.poll().block();
        for (int i = 0; i < EngineIoSession.MAX_WAITING_SINGLES; i++) {
            session.send("44/x,{}".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(session.isClosed()).isFalse();
        session.send("44/x,{}".getBytes(StandardCharsets.UTF_8));
        assertThat(closedFor.get()).isEqualTo("the client does not take what it is sent");
    }

    @Test
    void aPostTheClientGaveUpOnStillHoldsTheNextUntilItsPacketsAreHandled() {
        Sinks.Empty<Void> slow = Sinks.empty();
        EngineIoSession slowSession = new EngineIoSession("sid-2", settings, time, new EngineIoSession.Handler() {
            @Override
            public Mono<Void> onMessage(String data) {
                return slow.asMono();
            }

            @Override
            public void onClose(String reason) {
                closedFor.set(reason);
            }
        }, ended::add);
        slowSession.openOnPolling();
        slowSession.post(List.of("4slow")).subscribe().dispose();
        AtomicReference<Throwable> second = new AtomicReference<>();
        slowSession.post(List.of("4next")).subscribe(done -> { }, second::set);
        assertThat(second.get()).isInstanceOf(EngineIoSession.RefusedRequest.class);
        assertThat(slowSession.isClosed()).isTrue();
    }

    @Test
    void anEmptyPacketIsMalformedAndClosesTheSession() {
        session.openOnPolling();
        session.post(List.of("")).block();
        assertThat(closedFor.get()).startsWith("malformed packet");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
