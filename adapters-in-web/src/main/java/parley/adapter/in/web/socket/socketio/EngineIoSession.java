package parley.adapter.in.web.socket.socketio;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One Engine.IO v4 session: its transport (long-polling, or a WebSocket, possibly after an upgrade
 * from polling), the heartbeat the server drives, and the queue of packets on their way out. It
 * knows nothing of Socket.IO: message packets go to its {@link Handler}, and the handler gives it
 * the stream of packets to send ({@link #attach}).
 *
 * <p>Outbound, the session takes at most {@link #WINDOW} packets from that stream before the
 * transport has taken them (a polling GET, or the WebSocket writer), so a client that stops
 * reading leaves them in the stream's own bounded queue (the chat session's, which closes the
 * socket when it overflows) rather than here. Its own packets (open, ping, noop, close) go first.
 *
 * <p>Inbound, packets are handled one after the other whatever transport carried them, so a
 * client's messages keep their order across a POST and a WebSocket during an upgrade. A POST is
 * answered when its packets have been handled, which bounds what a polling client can queue.
 */
final class EngineIoSession {

    /** Packets taken from the outbound stream before the transport took them. */
    static final int WINDOW = 64;
    /** How long a session being closed gets to flush its last packets before it ends anyway. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /** The layer above: Socket.IO. */
    interface Handler {
        /** One message packet's data; the next packet waits until this completes. */
        Mono<Void> onMessage(String data);

        /** The session ended (called once). */
        void onClose(String reason);
    }

    enum Transport { POLLING, WEBSOCKET }

    /** A WebSocket's way out: packets to write, and whether each came from the outbound stream. */
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
    private final Consumer<EngineIoSession> onEnd;
    private final AtomicInteger wip = new AtomicInteger();
    private final Sinks.Many<Inbound> inbound = Sinks.many().unicast().onBackpressureBuffer();

    private Handler handler;
    private Transport transport;
    private final ArrayDeque<byte[]> control = new ArrayDeque<>();
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private MonoSink<byte[]> parkedPoll;
    private boolean posting;
    private Sinks.Many<Packet> socketOut;
    private boolean socketOutCompleted;
    private Sinks.Many<Packet> probeOut;
    private boolean probed;
    private Subscription source;
    private long toRequest;
    private boolean closing;
    private String closingReason;
    private boolean closed;
    private Disposable pingTimer;
    private Disposable pongTimer;
    private Disposable upgradeTimer;
    private Disposable graceTimer;

    private record Inbound(List<String> packets, MonoSink<Void> done) {
    }

    /**
     * @param onEnd told once when the session has ended, to forget it
     */
    EngineIoSession(String id, SocketIoSettings settings, Scheduler timers, Consumer<EngineIoSession> onEnd) {
        this.id = id;
        this.settings = settings;
        this.timers = timers;
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

    /** Opens on long-polling: the handshake's GET takes the open packet with {@link #poll()}. */
    void openOnPolling(Handler handler) {
        open(handler, Transport.POLLING, null);
    }

    /** Opens on a WebSocket straight away; {@code out} is that socket's writer. */
    void openOnWebSocket(Handler handler, Sinks.Many<Packet> out) {
        open(handler, Transport.WEBSOCKET, out);
    }

    private void open(Handler handler, Transport transport, Sinks.Many<Packet> out) {
        synchronized (this) {
            this.handler = handler;
            this.transport = transport;
            this.socketOut = out;
            control.add(EnginePackets.open(id, transport == Transport.POLLING, settings));
        }
        inbound.asFlux()
                .concatMap(batch -> handle(batch.packets()).doFinally(signal -> batch.done().success()))
                .subscribe();
        schedulePing();
        drain();
    }

    // ---------------------------------------------------------------- outbound

    /** Sends one of the session's own packets (ahead of the outbound stream's). */
    void send(byte[] packet) {
        synchronized (this) {
            if (closed || closing) {
                return;
            }
            control.add(packet);
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
                    ready.add(packet);
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
            Sinks.Many<Packet> out = null;
            boolean completeOut = false;
            MonoSink<byte[]> poll = null;
            byte[] body = null;
            boolean finished = false;
            long request;
            Subscription from;
            synchronized (this) {
                if (transport == Transport.WEBSOCKET && socketOut != null && !socketOutCompleted) {
                    out = socketOut;
                    toSocket = new ArrayList<>(control.size() + ready.size());
                    while (!control.isEmpty()) {
                        toSocket.add(new Packet(control.poll(), false));
                    }
                    while (!ready.isEmpty()) {
                        toSocket.add(new Packet(ready.poll(), true));
                    }
                    if (closing) {
                        completeOut = true;
                        socketOutCompleted = true;
                    }
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
                synchronized (out) {
                    for (Packet packet : toSocket) {
                        out.tryEmitNext(packet);
                    }
                    if (completeOut) {
                        out.tryEmitComplete();
                    }
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

    /** Packets for one GET: the session's own first, then the stream's, up to maxPayload bytes (at least one). */
    private byte[] takeForPoll() {
        List<byte[]> packets = new ArrayList<>();
        long size = 0;
        int counted = 0;
        while (true) {
            boolean own = !control.isEmpty();
            byte[] next = own ? control.peek() : ready.peek();
            if (next == null || (!packets.isEmpty() && size + 1 + next.length > settings.maxPayloadBytes())) {
                break;
            }
            if (own) {
                control.poll();
            } else {
                ready.poll();
                counted++;
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
            return receive(packets).doFinally(signal -> {
                synchronized (this) {
                    posting = false;
                }
            });
        });
    }

    /** A text frame of a WebSocket: the probe's while it probes, the session's once it is the transport. */
    Mono<Void> onWebSocketFrame(Sinks.Many<Packet> from, String text) {
        boolean probing;
        boolean current;
        synchronized (this) {
            probing = from == probeOut;
            current = from == socketOut && transport == Transport.WEBSOCKET;
        }
        if (probing) {
            onProbe(from, text);
            return Mono.empty();
        }
        return current ? receive(List.of(text)) : Mono.empty();
    }

    private Mono<Void> receive(List<String> packets) {
        return Mono.create(done -> {
            Sinks.EmitResult result;
            synchronized (inbound) {
                result = inbound.tryEmitNext(new Inbound(packets, done));
            }
            if (result.isFailure()) {
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
                .then();
    }

    private Mono<Void> handle(String packet) {
        if (isClosed()) {
            return Mono.empty();
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
     * A WebSocket that wants to take over from polling; its writer, or null when the session
     * cannot be upgraded now (not on polling, closing, or another probe under way).
     */
    Sinks.Many<Packet> beginProbe() {
        synchronized (this) {
            if (closed || closing || transport != Transport.POLLING || probeOut != null) {
                return null;
            }
            probeOut = Sinks.many().unicast().onBackpressureBuffer();
            Sinks.Many<Packet> probe = probeOut;
            upgradeTimer = Mono.delay(settings.upgradeTimeout(), timers).subscribe(tick -> endProbe(probe));
            return probe;
        }
    }

    private void onProbe(Sinks.Many<Packet> probe, String text) {
        if (text.equals(EnginePackets.PING + EnginePackets.PROBE)) {
            synchronized (this) {
                if (probeOut != probe || probed) {
                    return;
                }
                probed = true;
            }
            synchronized (probe) {
                probe.tryEmitNext(new Packet((EnginePackets.PONG + EnginePackets.PROBE).getBytes(StandardCharsets.US_ASCII), false));
            }
            // the pending GET ends with a noop, so that the client can pause polling
            drain();
        } else if (text.equals(String.valueOf(EnginePackets.UPGRADE))) {
            Disposable timer;
            synchronized (this) {
                if (probeOut != probe || !probed) {
                    return;
                }
                transport = Transport.WEBSOCKET;
                socketOut = probe;
                probeOut = null;
                probed = false;
                timer = upgradeTimer;
                upgradeTimer = null;
                if (parkedPoll != null) {
                    parkedPoll.success(EnginePackets.NOOP_PACKET);
                    parkedPoll = null;
                }
            }
            if (timer != null) {
                timer.dispose();
            }
            drain();
        } else {
            endProbe(probe);
        }
    }

    /** A probe that did not complete (its socket went, it sent something else, or it took too long). */
    void endProbe(Sinks.Many<Packet> probe) {
        Disposable timer;
        synchronized (this) {
            if (probeOut != probe) {
                return;
            }
            probeOut = null;
            probed = false;
            timer = upgradeTimer;
            upgradeTimer = null;
        }
        if (timer != null) {
            timer.dispose();
        }
        synchronized (probe) {
            probe.tryEmitComplete();
        }
        drain();
    }

    /** The WebSocket {@code out} writes for ended (the client went, or the connection failed). */
    void webSocketEnded(Sinks.Many<Packet> out) {
        boolean current;
        synchronized (this) {
            current = out == socketOut;
        }
        if (current) {
            close("the WebSocket closed");
        } else {
            endProbe(out);
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
            pongTimer = Mono.delay(settings.pingTimeout(), timers).subscribe(tick -> close("ping timeout"));
        }
        send(EnginePackets.PING_PACKET);
    }

    /** A pong answers the ping that is out; one that answers nothing is ignored. */
    private void pong() {
        Disposable waiting;
        synchronized (this) {
            waiting = pongTimer;
            pongTimer = null;
        }
        if (waiting != null) {
            waiting.dispose();
            schedulePing();
        }
    }

    // ---------------------------------------------------------------- closing

    /**
     * Ends the session after what is queued has gone out (polling clients get a close packet
     * last), within {@link #CLOSE_GRACE}; nothing more is taken from the outbound stream.
     */
    void closeAfterFlush(String reason) {
        Subscription from;
        synchronized (this) {
            if (closed || closing) {
                return;
            }
            closing = true;
            closingReason = reason;
            from = source;
            source = null;
            if (transport == Transport.POLLING) {
                control.add(EnginePackets.CLOSE_PACKET);
            }
            graceTimer = Mono.delay(CLOSE_GRACE, timers).subscribe(tick -> close(reason));
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
            if (closed) {
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
        List<Disposable> timers = new ArrayList<>(4);
        Subscription from;
        MonoSink<byte[]> poll;
        Sinks.Many<Packet> out;
        Sinks.Many<Packet> probe;
        boolean completeOut;
        Handler told;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            timers.add(pingTimer);
            timers.add(pongTimer);
            timers.add(upgradeTimer);
            timers.add(graceTimer);
            from = source;
            source = null;
            poll = parkedPoll;
            parkedPoll = null;
            out = socketOut;
            completeOut = !socketOutCompleted;
            socketOutCompleted = true;
            probe = probeOut;
            probeOut = null;
            control.clear();
            ready.clear();
            told = handler;
        }
        timers.stream().filter(t -> t != null).forEach(Disposable::dispose);
        if (from != null) {
            from.cancel();
        }
        if (poll != null) {
            poll.success(EnginePackets.CLOSE_PACKET);
        }
        if (out != null && completeOut) {
            synchronized (out) {
                out.tryEmitComplete();
            }
        }
        if (probe != null) {
            synchronized (probe) {
                probe.tryEmitComplete();
            }
        }
        synchronized (inbound) {
            inbound.tryEmitComplete();
        }
        onEnd.accept(this);
        if (told != null) {
            told.onClose(reason);
        }
    }
}
