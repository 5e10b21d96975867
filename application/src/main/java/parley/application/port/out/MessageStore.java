package parley.application.port.out;

import parley.application.model.StoredBatch;
import java.util.List;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where messages are kept. Storing is idempotent; reading is always in ascending seq order (ids do not order). */
public interface MessageStore {

    /**
     * Stores a batch in one transaction: new messages get the next seqs of their room, duplicates
     * (same message id, or same room, sender and client id) are not stored again, and each room's
     * last message moves forward. Returns one stored message per distinct message of the batch, in
     * batch order — for duplicates the row that was already there, so its seq and id are the
     * original ones — and the messages refused because their room or sender does not exist.
     * Fails with {@link StoreRefusedException} when the store refuses the batch for its content.
     */
    Mono<StoredBatch> storeBatch(List<MessageAccepted> batch);

    /** The newest {@code limit} messages of the room, ascending by seq. */
    Flux<Message> latest(RoomId roomId, int limit);

    /** The newest {@code limit} messages with a seq below {@code beforeSeq}, ascending by seq. */
    Flux<Message> beforeSeq(RoomId roomId, long beforeSeq, int limit);

    /** Messages with a seq greater than {@code afterSeq}, ascending by seq, at most {@code limit}. */
    Flux<Message> afterSeq(RoomId roomId, long afterSeq, int limit);

    /** The stored message with this id in this room, if any. */
    Mono<Message> findById(RoomId roomId, MessageId messageId);

    /** The stored message a client sent with this id, if any. */
    Mono<Message> findByClientMsgId(RoomId roomId, UserId senderId, ClientMsgId clientMsgId);
}
