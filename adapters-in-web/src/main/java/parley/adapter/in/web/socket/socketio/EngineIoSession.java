package parley.adapter.in.web.socket.socketio;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One Engine.IO v4 session: its transport (long-polling, or a WebSocket, possibly after an upgrade
 * from polling), the heartbeat the server drives, and the packets on their way out. It knows
 * nothing of Socket.IO: message packets go to its {@link Handler}, which gives it the stream of
 * packets to send ({@link #attach}) and single packets in order with that stream ({@link #send}).
 *
 * <p>Outbound, the session takes at most {@link #WINDOW} packets from the stream before the
 * transport has taken them (a polling GET, or the WebSocket writer), so a client that stops
 * reading leaves them in the stream's own bounded queue (the chat session's, which closes the
 * socket when it overflows) rather than here. Its own Engine.IO packets (open, ping, noop, close)
 * go first; they and the single packets are bounded too: a session whose client does not take
 * them is closed.
 *
 * <p>Inbound, packets are handled one after the other whatever transport carried them, so a
 * client's messages keep their order across a POST and a WebSocket during an upgrade. A POST is
 * answered when its packets have been handled, and the next is refused until then (also when the
 * client gave up on the first), which bounds what a polling client can queue.
 */
final class EngineIoSession {

    /** Packets taken from the outbound stream before the transport took them. */
    static final int WINDOW = 64;
    /** The session's own packets and single packets that may wait for the transport; more close the session. */
    static final int MAX_WAITING_SINGLES = 32;
    /** How long a session being closed gets to flush its last packets before it ends anyway. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(EngineIoSession.class);

    /** The layer above: Socket.IO. */
    interface Handler {
        /** One message packet's data; the next packet waits until this completes. */
        Mono<Void> onMessage(String data);

        /** The session ended (called once, whether or not it was ever opened on a transport). */
        void onClose(String reason);
    }

    enum Transport { POLLING, WEBSOCKET }

    /** A packet on its way out, and whether it came from the outbound stream (then its taking frees a place in the window). */
    record Packet(byte[] bytes, boolean counted) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A request the protocol refuses: answered 400 {@code {"code":3,"message":"Bad request"}} by the endpoint. */
    static final class RefusedRequest extends RuntimeException {
        RefusedRequest(String message) {
            super(message, null, false, false);
        }
    }

    private final String id;
    private final SocketIoSettings settings;
    private final Scheduler timers;
    private final Handler handler;
    private final Consumer<EngineIoSession> onEnd;
    private final AtomicInteger wip = new AtomicInteger();
    private final Sinks.Many<Inbound> inbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Empty<Void> ended = Sinks.empty();

    // guarded by this
    private Transport transport;
    private final ArrayDeque<byte[]> control = new ArrayDeque<>();
    private final ArrayDeque<Packet> ready = new ArrayDeque<>();
    private int waitingSingles;
    private MonoSink<byte[]> parkedPoll;
    private boolean posting;
    private WebSocketLink socket;
    private WebSocketLink probe;
    private boolean probed;
    private Subscription source;
    private long toRequest;
    private boolean closing;
    private String closingReason;
    private boolean closed;
    private boolean pingDelivered;
    private Disposable pingTimer;
    private Disposable pongTimer;
    private Disposable upgradeTimer;
    private Disposable graceTimer;

    private record Inbound(List<String> packets, Runnable whenHandled, MonoSink<Void> done) {
    }

    /**
     * @param handler the layer above, told of messages and of the end
     * @param onEnd   told once when the session has ended, to forget it
     */
    EngineIoSession(String id, SocketIoSettings settings, Scheduler timers, Handler handler, Consumer<EngineIoSession> onEnd) {
        this.id = id;
        this.settings = settings;
        this.timers = timers;
        this.handler = handler;
        this.onEnd = onEnd;
    }

    String id() {
        return id;
    }

    synchronized Transport transport() {
        return transport;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Completes when the session has ended. */
    Mono<Void> ended() {
        return ended.asMono();
    }

    /** Opens on long-polling: the handshake's GET takes the open packet with {@link #poll()}. */
    void openOnPolling() {
        open(Transport.POLLING, null);
    }

    /** Opens on a WebSocket straight away. */
    void openOnWebSocket(WebSocketLink link) {
        open(Transport.WEBSOCKET, link);
    }

    private void open(Transport transport, WebSocketLink link) {
        synchronized (this) {
            if (closed || this.transport != null) {
                return;
            }
            this.transport = transport;
            this.socket = link;
            control.add(EnginePackets.open(id, transport == Transport.POLLING, settings));
        }
        inbound.asFlux()
                .concatMap(batch -> handle(batch.packets()).doFinally(signal -> {
                    batch.whenHandled().run();
                    batch.done().success();
                }))
                .subscribe(null, error -> log.error("the inbound packets of Engine.IO session {} failed", id, error));
        schedulePing();
        drain();
    }

    // ---------------------------------------------------------------- outbound

    /** A packet of the layer above, sent in order after what the outbound stream gave so far. */
    void send(byte[] packet) {
        boolean overflow;
        synchronized (this) {
            if (closed || closing) {
                return;
            }
            overflow = ++waitingSingles > MAX_WAITING_SINGLES;
            if (!overflow) {
                ready.add(new Packet(packet, false));
            }
        }
        if (overflow) {
            close("the client does not take what it is sent");
            return;
        }
        drain();
    }

    /** One of the session's own packets, ahead of everything else. */
    private void sendOwn(byte[] packet) {
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return;
            }
            overflow = control.size() >= MAX_WAITING_SINGLES;
            if (!overflow) {
                control.add(packet);
            }
        }
        if (overflow) {
            close("the client does not take what it is sent");
            return;
        }
        drain();
    }

    /** The packets to send from now on, taken as the transport can write them. */
    void attach(Flux<byte[]> packets) {
        packets.subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                boolean refuse;
                synchronized (EngineIoSession.this) {
                    refuse = closed || closing;
                    if (!refuse) {
                        source = subscription;
                    }
                }
                if (refuse) {
                    subscription.cancel();
                } else {
                    subscription.request(WINDOW);
                }
            }

            @Override
            protected void hookOnNext(byte[] packet) {
                synchronized (EngineIoSession.this) {
                    if (closed) {
                        return;
                    }
                    ready.add(new Packet(packet, true));
                }
                drain();
            }
        });
    }

    /** A polling GET: completes with the packets waiting (at once when there are any, else with the next one). */
    Mono<byte[]> poll() {
        return Mono.create(sink -> {
            String refusal = null;
            synchronized (this) {
                if (closed) {
                    sink.success(EnginePackets.CLOSE_PACKET);
                    return;
                }
                if (transport != Transport.POLLING) {
                    sink.error(new RefusedRequest("the session is on another transport"));
                    return;
                }
                if (parkedPoll != null) {
                    refusal = "a second GET while one is pending";
                } else {
                    parkedPoll = sink;
                    sink.onCancel(() -> {
                        synchronized (this) {
                            if (parkedPoll == sink) {
                                parkedPoll = null;
                            }
                        }
                    });
                }
            }
            if (refusal != null) {
                close(refusal);
                sink.error(new RefusedRequest(refusal));
                return;
            }
            drain();
        });
    }

    /**
     * Moves what waits to the transport, one caller at a time (a call made while another runs, from
     * another thread or from inside an emission, is picked up by the one running).
     */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            List<Packet> toSocket = null;
            WebSocketLink link = null;
            boolean completeLink = false;
            MonoSink<byte[]> poll = null;
            byte[] body = null;
            boolean finished = false;
            long request;
            Subscription from;
            synchronized (this) {
                if (transport == Transport.WEBSOCKET && socket != null) {
                    link = socket;
                    toSocket = new ArrayList<>(control.size() + ready.size());
                    while (!control.isEmpty()) {
                        toSocket.add(own(control.poll()));
                    }
                    while (!ready.isEmpty()) {
                        toSocket.add(take(ready.poll()));
                    }
                    completeLink = closing;
                } else if (transport == Transport.POLLING && parkedPoll != null) {
                    if (probed && !closing) {
                        poll = parkedPoll;
                        body = EnginePackets.NOOP_PACKET;
                    } else if (!control.isEmpty() || !ready.isEmpty()) {
                        poll = parkedPoll;
                        body = takeForPoll();
                        finished = closing && control.isEmpty() && ready.isEmpty();
                    }
                    if (poll != null) {
                        parkedPoll = null;
                    }
                }
                request = toRequest;
                toRequest = 0;
                from = closing || closed ? null : source;
            }
            if (toSocket != null) {
                toSocket.forEach(link::emit);
                if (completeLink) {
                    link.complete();
                }
            }
            if (poll != null) {
                poll.success(body);
            }
            if (finished) {
                close(closingReason);
            }
            if (request > 0 && from != null) {
                from.request(request);
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** One of the session's own packets leaves for the transport (a ping that leaves can be answered). */
    private Packet own(byte[] packet) {
        if (packet == EnginePackets.PING_PACKET) {
            pingDelivered = true;
        }
        return new Packet(packet, false);
    }

    /** A stream or single packet leaves for the transport. */
    private Packet take(Packet packet) {
        if (!packet.counted()) {
            waitingSingles--;
        }
        return packet;
    }

    /** Packets for one GET: the session's own first, then the others, up to maxPayload bytes (at least one). */
    private byte[] takeForPoll() {
        List<byte[]> packets = new ArrayList<>();
        long size = 0;
        int counted = 0;
        while (true) {
            boolean own = !control.isEmpty();
            byte[] next = own ? control.peek() : ready.isEmpty() ? null : ready.peek().bytes();
            if (next == null || (!packets.isEmpty() && size + 1 + next.length > settings.maxPayloadBytes())) {
                break;
            }
            if (own) {
                own(control.poll());
            } else {
                Packet packet = take(ready.poll());
                if (packet.counted()) {
                    counted++;
                }
            }
            packets.add(next);
            size += next.length + 1;
        }
        toRequest += counted;
        return EnginePackets.join(packets);
    }

    /** The WebSocket writer took a packet. */
    void written(Packet packet) {
        if (packet.counted()) {
            synchronized (this) {
                toRequest++;
            }
            drain();
        }
    }

    // ---------------------------------------------------------------- inbound

    /** A polling POST's packets; completes when they have been handled. */
    Mono<Void> post(List<String> packets) {
        return Mono.defer(() -> {
            String refusal = null;
            synchronized (this) {
                if (closed) {
                    return Mono.error(new RefusedRequest("the session is closed"));
                }
                if (transport != Transport.POLLING) {
                    return Mono.error(new RefusedRequest("the session is on another transport"));
                }
                if (posting) {
                    refusal = "a second POST while one is being handled";
                } else {
                    posting = true;
                }
            }
            if (refusal != null) {
                close(refusal);
                return Mono.error(new RefusedRequest(refusal));
            }
            // the next POST is allowed once these packets are handled, even if the client stops waiting for them
            return receive(packets, () -> {
                synchronized (this) {
                    posting = false;
                }
            });
        });
    }

    /** A text frame of a WebSocket: the probe's while it probes, the session's once it is the transport. */
    Mono<Void> onWebSocketFrame(WebSocketLink from, String text) {
        boolean probing;
        boolean current;
        synchronized (this) {
            probing = from == probe;
            current = from == socket && transport == Transport.WEBSOCKET;
        }
        if (probing) {
            onProbe(from, text);
            return Mono.empty();
        }
        return current ? receive(List.of(text), () -> { }) : Mono.empty();
    }

    private Mono<Void> receive(List<String> packets, Runnable whenHandled) {
        return Mono.create(done -> {
            Sinks.EmitResult result;
            synchronized (inbound) {
                result = inbound.tryEmitNext(new Inbound(packets, whenHandled, done));
            }
            if (result.isFailure()) {
                whenHandled.run();
                done.success();
            }
        });
    }

    private Mono<Void> handle(List<String> packets) {
        return Flux.fromIterable(packets)
                .concatMap(this::handle)
                .onErrorResume(MalformedPacketException.class, e -> {
                    close("malformed packet: " + e.getMessage());
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    log.error("unexpected failure handling a packet of Engine.IO session {}", id, e);
                    close("an unexpected failure");
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> handle(String packet) {
        if (isClosed()) {
            return Mono.empty();
        }
        if (packet.isEmpty()) {
            return Mono.error(new MalformedPacketException("empty packet"));
        }
        return switch (packet.charAt(0)) {
            case EnginePackets.MESSAGE -> handler.onMessage(packet.substring(1));
            case EnginePackets.PONG -> {
                pong();
                yield Mono.empty();
            }
            case EnginePackets.CLOSE -> {
                close("the client closed the session");
                yield Mono.empty();
            }
            // attachments of a binary packet (refused by the layer above), and no-ops
            case EnginePackets.NOOP, EnginePackets.BINARY -> Mono.empty();
            default -> Mono.error(new MalformedPacketException("unexpected Engine.IO packet type '" + packet.charAt(0) + "'"));
        };
    }

    // ---------------------------------------------------------------- upgrade

    /**
     * A WebSocket that wants to take over from polling; its link, or null when the session cannot
     * be upgraded now (not on polling, closing, or another probe under way).
     */
    WebSocketLink beginProbe() {
        synchronized (this) {
            if (closed || closing || transport != Transport.POLLING || probe != null) {
                return null;
            }
            WebSocketLink link = new WebSocketLink();
            probe = link;
            upgradeTimer = Mono.delay(settings.upgradeTimeout(), timers).subscribe(tick -> endProbe(link));
            return link;
        }
    }

    private void onProbe(WebSocketLink link, String text) {
        if (text.equals(EnginePackets.PING + EnginePackets.PROBE)) {
            synchronized (this) {
                if (probe != link || probed) {
                    return;
                }
                probed = true;
            }
            link.emit(new Packet((EnginePackets.PONG + EnginePackets.PROBE).getBytes(StandardCharsets.US_ASCII), false));
            // the pending GET ends with a noop, so that the client can pause polling
            drain();
        } else if (text.equals(String.valueOf(EnginePackets.UPGRADE))) {
            Disposable timer;
            MonoSink<byte[]> poll;
            synchronized (this) {
                if (probe != link || !probed) {
                    return;
                }
                transport = Transport.WEBSOCKET;
                socket = link;
                probe = null;
                probed = false;
                timer = upgradeTimer;
                upgradeTimer = null;
                poll = parkedPoll;
                parkedPoll = null;
            }
            if (poll != null) {
                poll.success(EnginePackets.NOOP_PACKET);
            }
            if (timer != null) {
                timer.dispose();
            }
            drain();
        } else {
            endProbe(link);
        }
    }

    /** A probe that did not complete (its socket went, it sent something else, or it took too long). */
    void endProbe(WebSocketLink link) {
        Disposable timer;
        synchronized (this) {
            if (probe != link) {
                return;
            }
            probe = null;
            probed = false;
            timer = upgradeTimer;
            upgradeTimer = null;
        }
        if (timer != null) {
            timer.dispose();
        }
        link.complete();
        drain();
    }

    /** The WebSocket of {@code link} ended (the client went, or the connection failed). */
    void webSocketEnded(WebSocketLink link) {
        boolean current;
        synchronized (this) {
            current = link == socket;
        }
        if (current) {
            close("the WebSocket closed");
        } else {
            endProbe(link);
        }
    }

    // ---------------------------------------------------------------- heartbeat

    private void schedulePing() {
        Disposable timer = Mono.delay(settings.pingInterval(), timers).subscribe(tick -> ping());
        Disposable replaced;
        synchronized (this) {
            if (closed) {
                timer.dispose();
                return;
            }
            replaced = pingTimer;
            pingTimer = timer;
        }
        if (replaced != null) {
            replaced.dispose();
        }
    }

    private void ping() {
        synchronized (this) {
            if (closed || pongTimer != null) {
                return;
            }
            pingDelivered = false;
            pongTimer = Mono.delay(settings.pingTimeout(), timers).subscribe(tick -> close("ping timeout"));
        }
        sendOwn(EnginePackets.PING_PACKET);
    }

    /** A pong answers the ping that is out and was delivered; one that answers nothing is ignored. */
    private void pong() {
        Disposable waiting;
        synchronized (this) {
            if (pongTimer == null || !pingDelivered) {
                return;
            }
            waiting = pongTimer;
            pongTimer = null;
        }
        waiting.dispose();
        schedulePing();
    }

    // ---------------------------------------------------------------- closing

    /**
     * Ends the session after what is queued has gone out (polling clients get a close packet
     * last), within {@link #CLOSE_GRACE}; nothing more is taken from the outbound stream.
     */
    void closeAfterFlush(String reason) {
        Subscription from;
        Disposable replaced;
        synchronized (this) {
            if (closed || closing) {
                return;
            }
            closing = true;
            closingReason = reason;
            from = source;
            source = null;
            if (transport == Transport.POLLING) {
                // last, after what waits
                ready.add(new Packet(EnginePackets.CLOSE_PACKET, false));
                waitingSingles++;
            }
            replaced = graceTimer;
            graceTimer = Mono.delay(CLOSE_GRACE, timers).subscribe(tick -> close(reason));
        }
        if (replaced != null) {
            replaced.dispose();
        }
        if (from != null) {
            from.cancel();
        }
        drain();
    }

    /**
     * Ends the session {@link #CLOSE_GRACE} from now, unless the client ends it first: after a
     * Socket.IO DISCONNECT the client closes the session itself. Sending a close packet right
     * behind it would beat it: socket.io-client handles decoded packets a tick late, and a close
     * in the same polling payload would end the transport before the client saw the disconnect.
     */
    void closeSoon(String reason) {
        Disposable timer = Mono.delay(CLOSE_GRACE, timers).subscribe(tick -> close(reason));
        Disposable replaced;
        synchronized (this) {
            if (closed || closing) {
                timer.dispose();
                return;
            }
            replaced = graceTimer;
            graceTimer = timer;
        }
        if (replaced != null) {
            replaced.dispose();
        }
    }

    /** Ends the session now. */
    void close(String reason) {
        List<Disposable> timersToStop = new ArrayList<>(4);
        Subscription from;
        MonoSink<byte[]> poll;
        WebSocketLink link;
        WebSocketLink probing;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            timersToStop.add(pingTimer);
            timersToStop.add(pongTimer);
            timersToStop.add(upgradeTimer);
            timersToStop.add(graceTimer);
            from = source;
            source = null;
            poll = parkedPoll;
            parkedPoll = null;
            link = socket;
            probing = probe;
            probe = null;
            control.clear();
            ready.clear();
        }
        timersToStop.stream().filter(timer -> timer != null).forEach(Disposable::dispose);
        if (from != null) {
            from.cancel();
        }
        if (poll != null) {
            poll.success(EnginePackets.CLOSE_PACKET);
        }
        if (link != null) {
            link.complete();
        }
        if (probing != null) {
            probing.complete();
        }
        synchronized (inbound) {
            inbound.tryEmitComplete();
        }
        onEnd.accept(this);
        handler.onClose(reason);
        ended.tryEmitEmpty();
    }
}
