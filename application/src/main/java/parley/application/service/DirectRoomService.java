package parley.application.service;

import java.time.Instant;
import java.time.InstantSource;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.OpenDirectRoomUseCase;
import parley.application.port.out.IdGenerator;
import parley.application.port.out.RoomStore;
import parley.application.port.out.UserStore;
import parley.domain.room.DirectPair;
import parley.domain.room.Membership;
import parley.domain.room.Room;
import parley.domain.room.RoomKind;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Direct rooms: one per pair of users. Not check-then-insert: the store's unique key on the pair
 * decides between two concurrent creations, and the one that loses reads the winner's room. The
 * peer's sockets are told when the room is created.
 */
public final class DirectRoomService implements OpenDirectRoomUseCase {

    private final RoomStore rooms;
    private final UserStore users;
    private final IdGenerator ids;
    private final InstantSource clock;
    private final RoomAnnouncements announcements;
    private final RoomLimits limits;
    private final CreationBudget budget;

    public DirectRoomService(RoomStore rooms, UserStore users, IdGenerator ids, InstantSource clock, RoomAnnouncements announcements,
                             RoomLimits limits) {
        this.rooms = rooms;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
        this.announcements = announcements;
        this.limits = limits;
        this.budget = new CreationBudget(rooms);
    }

    @Override
    public Mono<Opened> open(UserId caller, UserId peer) {
        return Mono.defer(() -> {
            DirectPair pair = DirectPair.of(caller, peer);
            return users.findById(peer)
                    .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.USER_NOT_FOUND, "user " + peer + " does not exist")))
                    .then(rooms.findDirect(pair).map(existing -> new Found(existing, false))
                            .switchIfEmpty(Mono.defer(() -> create(pair, caller))))
                    .flatMap(found -> (found.created() ? announcements.directRoomOpened(found.room().id(), peer) : Mono.<Void>empty())
                            .then(rooms.summary(found.room().id(), caller))
                            .map(summary -> new Opened(summary, found.created())));
        });
    }

    /** Only a new room spends the caller's budget of direct rooms; opening an existing one never does. */
    private Mono<Found> create(DirectPair pair, UserId caller) {
        Instant now = clock.instant();
        Room room = Room.direct(ids.newRoomId(), pair, caller, now);
        return budget.require(caller, RoomKind.DIRECT, limits.directRoomsPerHour(), now, "direct rooms")
                .then(Mono.defer(() -> rooms.insertDirect(room, Membership.member(room.id(), pair.first(), now),
                        Membership.member(room.id(), pair.second(), now))))
                .map(stored -> new Found(stored, true))
                // the other of the two created it at the same moment: theirs is the room
                .switchIfEmpty(Mono.defer(() -> rooms.findDirect(pair).map(theirs -> new Found(theirs, false))));
    }

    private record Found(Room room, boolean created) {
    }
}
