package parley.application.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.CreateRoomCommand;
import parley.application.port.in.CreateRoomUseCase;
import parley.application.port.in.DiscoverRoomsQuery;
import parley.application.port.in.GetRoomQuery;
import parley.application.port.in.ListMyRoomsQuery;
import parley.application.port.in.UpdateRoomUseCase;
import parley.application.port.out.IdGenerator;
import parley.application.port.out.RoomStore;
import parley.application.model.RoomSummary;
import parley.domain.room.Membership;
import parley.domain.room.Role;
import parley.domain.room.Room;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomId;
import parley.domain.room.RoomKind;
import parley.domain.room.RoomRuleViolation;
import parley.domain.shared.InvalidValueException;
import parley.domain.shared.Text;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Creating and changing rooms, and reading them: the caller's list, discovery, one room. */
public final class RoomService implements CreateRoomUseCase, UpdateRoomUseCase, ListMyRoomsQuery, DiscoverRoomsQuery, GetRoomQuery {

    private final RoomStore rooms;
    private final MembershipGuard guard;
    private final IdGenerator ids;
    private final InstantSource clock;
    private final RoomLimits limits;
    private final RoomAnnouncements announcements;
    private final CreationBudget budget;

    public RoomService(RoomStore rooms, MembershipGuard guard, IdGenerator ids, InstantSource clock, RoomLimits limits,
                       RoomAnnouncements announcements) {
        this.rooms = rooms;
        this.guard = guard;
        this.ids = ids;
        this.clock = clock;
        this.limits = limits;
        this.announcements = announcements;
        this.budget = new CreationBudget(rooms);
    }

    /**
     * Creates a room, unless its creator created {@code roomsPerHour} group rooms within the last hour
     * ({@link CreationBudget}; direct rooms have a budget of their own).
     */
    @Override
    public Mono<RoomSummary> create(CreateRoomCommand command) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            return budget.require(command.creator(), RoomKind.GROUP, limits.roomsPerHour(), now, "rooms")
                    .then(Mono.defer(() -> {
                        Room room = Room.create(ids.newRoomId(), command.name(), command.description(), command.visibility(),
                                command.creator(), now);
                        return rooms.insert(room, Membership.owner(room.id(), command.creator(), now));
                    }));
        }).map(stored -> new RoomSummary(stored, 1, 0, Role.OWNER));
    }

    @Override
    public Mono<RoomSummary> update(RoomId roomId, UserId caller, RoomChanges changes) {
        return guard.inRoom(roomId, caller)
                .flatMap(in -> {
                    in.policy().requireMayUpdate(in.membership());
                    return changes.isEmpty() ? Mono.just(in.room())
                            : rooms.update(roomId, changes).flatMap(updated -> announcements.roomChanged(roomId, caller).thenReturn(updated));
                })
                .onErrorMap(RoomRuleViolation.class, violation -> MembershipGuard.refusal(violation, roomId))
                .switchIfEmpty(Mono.error(() -> UseCaseException.roomNotFound(roomId)))
                .then(rooms.summary(roomId, caller))
                .switchIfEmpty(Mono.error(() -> UseCaseException.roomNotFound(roomId)));
    }

    @Override
    public Flux<RoomSummary> myRooms(UserId userId) {
        return rooms.findRoomsOf(userId);
    }

    @Override
    public Flux<RoomSummary> discover(UserId userId, String query, Integer limit) {
        int checkedLimit = limit == null ? DEFAULT_LIMIT : limit;
        if (checkedLimit < 1 || checkedLimit > MAX_LIMIT) {
            return Flux.error(new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT));
        }
        String fragment = query == null ? "" : query.strip();
        if (fragment.codePointCount(0, fragment.length()) > MAX_QUERY_LENGTH) {
            return Flux.error(new InvalidValueException("q", "must be at most " + MAX_QUERY_LENGTH + " characters"));
        }
        try {
            // no name holds a control character or an unpaired surrogate, and PostgreSQL refuses NUL in text
            Text.checkCharacters("q", fragment, false);
        } catch (InvalidValueException e) {
            return Flux.error(e);
        }
        return rooms.discover(userId, fragment, checkedLimit);
    }

    @Override
    public Mono<RoomSummary> room(RoomId roomId, UserId userId) {
        return guard.requireMember(roomId, userId)
                .then(rooms.summary(roomId, userId))
                .switchIfEmpty(Mono.error(() -> UseCaseException.roomNotFound(roomId)));
    }
}
