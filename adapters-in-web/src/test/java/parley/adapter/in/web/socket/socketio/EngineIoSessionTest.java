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
import parley.adapter.in.web.socket.SocketSettings;
import parley.adapter.in.web.socket.socketio.EngineIoSession.Packet;
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
    private final EngineIoSession session = new EngineIoSession("sid-1", settings, time, ended::add);

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

    @AfterEach
    void stop() {
        time.dispose();
    }

    @Test
    void theHandshakePollTakesTheOpenPacket() {
        session.openOnPolling(handler);
        assertThat(text(session.poll().block())).startsWith("0{\"sid\":\"sid-1\",\"upgrades\":[\"websocket\"]");
    }

    @Test
    void theServerPingsEveryIntervalAndClosesWithoutAPong() {
        session.openOnPolling(handler);
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
        session.openOnPolling(handler);
        session.poll().block();
        session.post(List.of("3", "3", "3")).block();
        time.advanceTimeBy(settings.pingInterval());
        assertThat(text(session.poll().block())).isEqualTo("2");
    }

    @Test
    void aSecondConcurrentPollIsRefusedAndClosesTheSession() {
        session.openOnPolling(handler);
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
        session.openOnPolling(handler);
        session.post(List.of("4a", "6", "4b", "bAQID", "4c")).block();
        assertThat(messages).containsExactly("a", "b", "c");
    }

    @Test
    void anUnexpectedPacketTypeClosesTheSession() {
        session.openOnPolling(handler);
        session.post(List.of("4a", "0", "4b")).block();
        assertThat(messages).containsExactly("a");
        assertThat(closedFor.get()).startsWith("malformed packet");
    }

    @Test
    void theUpgradeProbesThenSwitchesAndFlushesToTheWebSocket() {
        session.openOnPolling(handler);
        session.poll().block();
        AtomicReference<byte[]> pending = new AtomicReference<>();
        session.poll().subscribe(pending::set);

        Sinks.Many<Packet> probe = session.beginProbe();
        List<String> written = new CopyOnWriteArrayList<>();
        probe.asFlux().doOnNext(session::written).subscribe(packet -> written.add(packet.text()));
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
        session.openOnPolling(handler);
        session.poll().block();
        Sinks.Many<Packet> probe = session.beginProbe();
        AtomicReference<Boolean> completed = new AtomicReference<>(false);
        probe.asFlux().subscribe(packet -> { }, e -> { }, () -> completed.set(true));
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
        session.openOnPolling(handler);
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
        session.openOnPolling(handler);
        session.poll().block();
        String big = "4" + "x".repeat(400_000);
        session.attach(Flux.just(big, big, big).map(s -> s.getBytes(StandardCharsets.UTF_8)));
        assertThat(session.poll().block()).hasSize(2 * big.length() + 1);
        assertThat(session.poll().block()).hasSize(big.length());
    }

    @Test
    void closingAfterFlushSendsWhatWaitsThenACloseToPolling() {
        session.openOnPolling(handler);
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
        SocketIoChat chat = new SocketIoChat(null, null, null, SocketSettings.DEFAULTS, null, settings, time);
        SocketIoChat.Opened opened = chat.open(null);
        opened.engine().openOnPolling(opened.socket());
        assertThat(chat.sessions().waiting()).isEqualTo(1);
        time.advanceTimeBy(settings.connectTimeout().minusMillis(1));
        assertThat(opened.engine().isClosed()).isFalse();
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(opened.engine().isClosed()).isTrue();
        assertThat(chat.sessions().waiting()).isZero();
        assertThat(chat.sessions().size()).isZero();
    }

    @Test
    void sessionsWaitingForConnectAreCapped() {
        SocketIoSettings two = new SocketIoSettings(true, settings.pingInterval(), settings.pingTimeout(), settings.connectTimeout(),
                settings.upgradeTimeout(), settings.maxPayload(), 2);
        SocketIoChat chat = new SocketIoChat(null, null, null, SocketSettings.DEFAULTS, null, two, time);
        SocketIoChat.Opened first = chat.open(null);
        assertThat(chat.open(null)).isNotNull();
        assertThat(chat.open(null)).isNull();
        first.engine().openOnPolling(first.socket());
        first.engine().close("gone");
        assertThat(chat.open(null)).isNotNull();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
