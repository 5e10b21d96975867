package parley.application.service;

import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.MarkReadUseCase;
import parley.application.port.out.MembershipStore;
import parley.application.port.out.MessageStore;
import parley.domain.message.MessageId;
import parley.domain.room.ReadPosition;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * Moves read markers forward, by seq. The message must be a stored message of the room: a marker
 * on an id from elsewhere would make unread counts wrong for good, since the marker cannot move back.
 * A move is announced to the room's sockets on every gateway ({@code read} frames); a mark at or
 * behind the marker changes nothing and tells nobody.
 */
public final class ReadMarkerService implements MarkReadUseCase {

    private final MembershipStore memberships;
    private final MessageStore messages;
    private final MembershipGuard guard;
    private final RoomAnnouncements announcements;

    public ReadMarkerService(MembershipStore memberships, MessageStore messages, MembershipGuard guard, RoomAnnouncements announcements) {
        this.memberships = memberships;
        this.messages = messages;
        this.guard = guard;
        this.announcements = announcements;
    }

    @Override
    public Mono<Void> markRead(RoomId roomId, UserId caller, MessageId messageId) {
        return guard.requireMember(roomId, caller)
                .then(messages.findById(roomId, messageId))
                .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.MESSAGE_NOT_FOUND,
                        "message " + messageId + " is not a message of room " + roomId)))
                .flatMap(message -> {
                    ReadPosition position = new ReadPosition(message.id(), message.seq());
                    return memberships.find(roomId, caller)
                            .switchIfEmpty(Mono.error(() -> UseCaseException.notAMember(roomId)))
                            .flatMap(current -> current.lastRead() != null && current.lastRead().seq() >= position.seq()
                                    // at or past it already: nothing moves, nobody is told (a flood of marks fans out nothing)
                                    ? Mono.<Void>empty()
                                    : memberships.advanceReadMarker(roomId, caller, position)
                                            .switchIfEmpty(Mono.error(() -> UseCaseException.notAMember(roomId)))
                                            // at it now (a concurrent mark may have moved it further, and then told the room itself)
                                            .flatMap(stored -> position.equals(stored.lastRead())
                                                    ? announcements.markerMoved(roomId, caller, position)
                                                    : Mono.<Void>empty()));
                })
                .then();
    }
}
