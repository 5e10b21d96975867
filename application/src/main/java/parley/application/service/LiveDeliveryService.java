package parley.application.service;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import parley.application.model.RoomSignal;
import parley.application.port.in.DeliverPersistedMessageUseCase;
import parley.application.port.in.RelayRoomSignalsUseCase;
import parley.application.port.out.ConnectedClients;
import parley.application.port.out.RoomSignalBus;
import parley.application.port.out.RoomStore;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pushes what happens in rooms to this gateway's sockets: stored messages and passing signals. News
 * of a room (changed, opened, an invitation) is pushed with the room as read now, and read only when
 * this gateway has a socket it is for.
 */
public final class LiveDeliveryService implements DeliverPersistedMessageUseCase, RelayRoomSignalsUseCase {

    /** Room reads for news at most in flight on a gateway; news beyond that is dropped and counted. */
    public static final int NEWS_IN_FLIGHT = 32;

    private final ConnectedClients clients;
    private final RoomSignalBus signals;
    private final RoomStore rooms;
    private final Semaphore newsSlots = new Semaphore(NEWS_IN_FLIGHT);
    private final AtomicLong droppedNews = new AtomicLong();

    public LiveDeliveryService(ConnectedClients clients, RoomSignalBus signals, RoomStore rooms) {
        this.clients = clients;
        this.signals = signals;
        this.rooms = rooms;
    }

    @Override
    public Mono<Void> deliver(List<MessagePersisted> events) {
        return clients.deliver(events.stream().map(MessagePersisted::message).toList());
    }

    @Override
    public Mono<Void> liveStreamRepositioned() {
        return clients.resynchronize();
    }

    /**
     * Passing signals in the order they came; news is read aside, so that a slow or flooded store (a
     * room renamed a thousand times a second) never holds up a removal, typing or presence behind it.
     */
    @Override
    public Flux<RoomSignal> relay() {
        // one failing delivery must not end the relay for everybody
        return signals.signals().concatMap(signal -> (switch (signal) {
            case RoomSignal.Passing passing -> clients.deliver(passing);
            case RoomSignal.News news -> readAside(news);
        }).onErrorResume(e -> Mono.empty()).thenReturn(signal));
    }

    /** News dropped because {@link #NEWS_IN_FLIGHT} reads were in flight already (news is fire and forget). */
    @Override
    public long droppedNews() {
        return droppedNews.get();
    }

    private Mono<Void> readAside(RoomSignal.News news) {
        if (!newsSlots.tryAcquire()) {
            droppedNews.incrementAndGet();
            return Mono.empty();
        }
        push(news).onErrorResume(e -> Mono.empty()).doFinally(signal -> newsSlots.release()).subscribe();
        return Mono.empty();
    }

    private Mono<Void> push(RoomSignal.News news) {
        return switch (news) {
            case RoomSignal.RoomChanged changed -> clients.watches(changed.roomId())
                    ? rooms.summary(changed.roomId(), changed.changedBy()).flatMap(clients::roomUpdated)
                    : Mono.empty();
            case RoomSignal.DirectRoomOpened opened -> clients.reaches(opened.peer())
                    ? rooms.summary(opened.roomId(), opened.peer()).flatMap(room -> clients.roomOpened(opened.peer(), room))
                    : Mono.empty();
            case RoomSignal.Invited invited -> clients.reaches(invited.invitee())
                    ? rooms.summary(invited.roomId(), invited.invitee())
                            .flatMap(room -> clients.invited(invited.invitee(), room, invited.invitedBy()))
                    : Mono.empty();
        };
    }
}
