package parley.adapter.in.web.socket;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;
import parley.application.port.in.RelayRoomSignalsUseCase;

/**
 * What the socket layer holds, as meters: open sockets, watched rooms, catch-ups running, waiting and
 * given up, and room news dropped under a flood.
 */
@Component
class SocketMeters implements MeterBinder {

    private final SocketRegistry registry;
    private final CatchUps catchUps;
    private final RelayRoomSignalsUseCase relay;

    SocketMeters(SocketRegistry registry, CatchUps catchUps, RelayRoomSignalsUseCase relay) {
        this.registry = registry;
        this.catchUps = catchUps;
        this.relay = relay;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("parley.socket.open", registry, SocketRegistry::connectedSockets)
                .description("WebSocket connections open on this gateway").register(meters);
        Gauge.builder("parley.socket.watched.rooms", registry, SocketRegistry::watchedRooms)
                .description("rooms at least one socket of this gateway watches").register(meters);
        Gauge.builder("parley.socket.catchups.running", catchUps, CatchUps::running)
                .description("catch-ups started and not ended (waiting for a turn or for their socket included)").register(meters);
        Gauge.builder("parley.socket.catchups.waiting", catchUps, CatchUps::waitingForTurn)
                .description("catch-ups waiting for a turn to read a page").register(meters);
        FunctionCounter.builder("parley.socket.catchups.failed", catchUps, CatchUps::failed)
                .description("catch-ups given up after their retries (the socket was told CATCH_UP_FAILED)").register(meters);
        FunctionCounter.builder("parley.signals.news.dropped", relay, RelayRoomSignalsUseCase::droppedNews)
                .description("roomUpdated/invited news not pushed because too many room reads were in flight").register(meters);
    }
}
