package parley.application.port.in;

import java.util.List;
import java.util.Objects;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * What a socket missed, one page at a time: the caller asks for the next page only when it can take
 * it, so a long absence in a busy room never sits in memory as a whole.
 */
public interface CatchUpQuery {

    /** The most messages one page may ask for. */
    int MAX_PAGE = 500;

    /**
     * The room's persisted messages with a seq above {@code afterSeq}, in seq order, at most
     * {@code limit} of them; members only.
     */
    Mono<Page> pageAfter(RoomId roomId, UserId caller, long afterSeq, int limit);

    /**
     * One page of a catch-up.
     *
     * @param messages    ascending by seq
     * @param last        fewer than asked for: nothing more is stored right now
     * @param roomLastSeq on the last page, the room's highest seq when it was read (0 for a room
     *                    without messages); a position above it (a database restored from a backup)
     *                    must be brought down to it, or every later message would look like one the
     *                    socket already has
     */
    record Page(List<Message> messages, boolean last, long roomLastSeq) {

        public Page {
            messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        }

        public static Page more(List<Message> messages) {
            return new Page(messages, false, messages.getLast().seq());
        }

        public static Page last(List<Message> messages, long roomLastSeq) {
            return new Page(messages, true, roomLastSeq);
        }
    }
}
