package parley.application.port.out;

import java.time.Duration;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * The fast front of deduplication: remembers, for a while, which message id a client's message
 * got. The database's unique key is the authority behind it.
 */
public interface ClientMsgIdRegistry {

    /**
     * Claims {@code candidate} for the client's message unless another id was claimed first, and
     * returns the id that holds the claim (the candidate, or the earlier one). The claim lasts
     * {@code ttl}.
     */
    Mono<MessageId> claim(RoomId roomId, UserId senderId, ClientMsgId clientMsgId, MessageId candidate, Duration ttl);

    /**
     * The usual send in one round trip: claims as {@link #claim} does, but only if the membership
     * cache ({@link MembershipCache}) holds that the sender is in the room. Empty, with nothing
     * claimed, when it does not hold that (no entry): the caller then checks membership the long way.
     */
    Mono<MessageId> claimForCachedMember(RoomId roomId, UserId senderId, ClientMsgId clientMsgId, MessageId candidate, Duration ttl);
}
