package parley.adapter.in.web.socket.socketio;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * What an Engine.IO session writes to one WebSocket: the packets, in order, and the moment the
 * session lets go of the socket (it ended, or the socket's probe did not become the transport).
 * Then the socket gets a grace period to take what was written and is dropped: a client that does
 * not read would otherwise hold the connection for as long as TCP lets it.
 */
final class WebSocketLink {

    private final Sinks.Many<EngineIoSession.Packet> out = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Empty<Void> released = Sinks.empty();
    private boolean completed;

    Flux<EngineIoSession.Packet> packets() {
        return out.asFlux();
    }

    /** Completes when the session no longer writes to this socket. */
    Mono<Void> released() {
        return released.asMono();
    }

    synchronized void emit(EngineIoSession.Packet packet) {
        if (!completed) {
            out.tryEmitNext(packet);
        }
    }

    /** Nothing more is written; what was is still taken by the writer. Idempotent. */
    synchronized void complete() {
        if (!completed) {
            completed = true;
            out.tryEmitComplete();
            released.tryEmitEmpty();
        }
    }
}
