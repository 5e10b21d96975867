package parley.application.service;

import parley.application.port.in.CatchUpQuery;
import parley.application.port.in.GetRoomHistoryQuery;
import parley.application.port.in.WatchRoomQuery;
import parley.application.model.HistoryPage;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.out.MessageStore;
import parley.application.port.out.RoomStore;
import parley.domain.message.Message;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reading what was said: pages of history, live watching, and the catch-up of a reconnecting socket, page by page. */
public final class HistoryService implements GetRoomHistoryQuery, CatchUpQuery, WatchRoomQuery {

    private final MessageStore messages;
    private final RoomStore rooms;
    private final MembershipGuard guard;

    public HistoryService(MessageStore messages, RoomStore rooms, MembershipGuard guard) {
        this.messages = messages;
        this.rooms = rooms;
        this.guard = guard;
    }

    /**
     * A page in seq order. A cursor names a message (clients know ids); it is looked up for its
     * seq, and one that is not a message of this room is MESSAGE_NOT_FOUND.
     */
    @Override
    public Flux<Message> history(RoomId roomId, UserId caller, HistoryPage page) {
        return guard.requireMember(roomId, caller).thenMany(Flux.defer(() -> switch (page) {
            case HistoryPage.Latest latest -> messages.latest(roomId, latest.limit());
            case HistoryPage.Before before -> seqOf(roomId, before.before())
                    .flatMapMany(seq -> messages.beforeSeq(roomId, seq, before.limit()));
            case HistoryPage.After after -> seqOf(roomId, after.after())
                    .flatMapMany(seq -> messages.afterSeq(roomId, seq, after.limit()));
        }));
    }

    private Mono<Long> seqOf(RoomId roomId, MessageId cursor) {
        return messages.findById(roomId, cursor)
                .map(Message::seq)
                .switchIfEmpty(Mono.error(() -> new UseCaseException(ErrorCode.MESSAGE_NOT_FOUND,
                        "message " + cursor + " is not a message of room " + roomId)));
    }

    @Override
    public Mono<Page> pageAfter(RoomId roomId, UserId caller, long afterSeq, int limit) {
        if (afterSeq < 0) {
            return Mono.error(new InvalidValueException("lastSeenSeq", "must not be negative"));
        }
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(new IllegalArgumentException("a catch-up page holds 1 to " + MAX_PAGE + " messages, not " + limit));
        }
        return guard.requireMember(roomId, caller)
                .then(messages.afterSeq(roomId, afterSeq, limit).collectList())
                .flatMap(page -> {
                    if (page.size() == limit) {
                        return Mono.just(Page.more(page));
                    }
                    if (!page.isEmpty()) {
                        return Mono.just(Page.last(page, page.getLast().seq()));
                    }
                    return rooms.findById(roomId)
                            .switchIfEmpty(Mono.error(() -> UseCaseException.roomNotFound(roomId)))
                            .map(room -> Page.last(page, room.lastSeq()));
                });
    }

    @Override
    public Mono<Void> mayWatch(RoomId roomId, UserId userId) {
        return guard.requireMember(roomId, userId);
    }
}
