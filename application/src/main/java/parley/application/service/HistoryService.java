package parley.application.service;

import parley.application.port.in.CatchUpQuery;
import parley.application.port.in.GetRoomHistoryQuery;
import parley.application.port.in.WatchRoomQuery;
import parley.application.port.out.HistoryPage;
import parley.application.port.out.MessageStore;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reading what was said: pages of history, live watching, and the catch-up of a reconnecting socket. */
public final class HistoryService implements GetRoomHistoryQuery, CatchUpQuery, WatchRoomQuery {

    /** Catch-up reads in pages of this size, so a long absence never loads the room in one query. */
    static final int CATCH_UP_PAGE = 500;

    private final MessageStore messages;
    private final MembershipGuard guard;

    public HistoryService(MessageStore messages, MembershipGuard guard) {
        this.messages = messages;
        this.guard = guard;
    }

    @Override
    public Flux<Message> history(RoomId roomId, UserId caller, HistoryPage page) {
        return guard.requireMember(roomId, caller).thenMany(messages.history(roomId, page));
    }

    @Override
    public Flux<Message> messagesAfter(RoomId roomId, UserId caller, long lastSeenSeq) {
        if (lastSeenSeq < 0) {
            return Flux.error(new InvalidValueException("lastSeenSeq", "must not be negative"));
        }
        return guard.requireMember(roomId, caller).thenMany(pagesAfter(roomId, lastSeenSeq));
    }

    @Override
    public Mono<Void> mayWatch(RoomId roomId, UserId userId) {
        return guard.requireMember(roomId, userId);
    }

    private Flux<Message> pagesAfter(RoomId roomId, long afterSeq) {
        return messages.afterSeq(roomId, afterSeq, CATCH_UP_PAGE)
                .collectList()
                .flatMapMany(page -> {
                    Flux<Message> current = Flux.fromIterable(page);
                    if (page.size() < CATCH_UP_PAGE) {
                        return current;
                    }
                    return current.concatWith(Flux.defer(() -> pagesAfter(roomId, page.getLast().seq())));
                });
    }
}
