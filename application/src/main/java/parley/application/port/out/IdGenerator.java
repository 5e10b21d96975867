package parley.application.port.out;

import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.session.SessionId;
import parley.domain.user.UserId;

/** Hands out new ULIDs (monotonic within a process, so ids made in one millisecond still sort). */
@FunctionalInterface
public interface IdGenerator {

    /** A new ULID in canonical upper-case form. */
    String nextUlid();

    default UserId newUserId() {
        return new UserId(nextUlid());
    }

    default RoomId newRoomId() {
        return new RoomId(nextUlid());
    }

    default SessionId newSessionId() {
        return new SessionId(nextUlid());
    }

    default MessageId newMessageId() {
        return new MessageId(nextUlid());
    }
}
