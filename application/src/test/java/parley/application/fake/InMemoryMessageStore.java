package parley.application.fake;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import parley.application.port.out.MessageStore;
import parley.application.port.out.StoreRefusedException;
import parley.application.model.StoredBatch;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Messages in an {@link InMemoryChat}. {@code storeBatch} follows the port's contract to the
 * letter: dedupe by message id and by (room, sender, client id), gapless per-room seqs in arrival
 * order, duplicates answered with the row stored before, one result per distinct message.
 * Can be switched to fail, as a database that is down.
 */
public final class InMemoryMessageStore implements MessageStore {

    private final InMemoryChat chat;
    private final InMemoryUserStore users;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicInteger afterSeqQueries = new AtomicInteger();
    private final AtomicReference<Predicate<MessageAccepted>> refusing = new AtomicReference<>(message -> false);

    /** Messages in {@code chat} from the senders {@code users} knows (the real table's foreign key). */
    public InMemoryMessageStore(InMemoryChat chat, InMemoryUserStore users) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public Mono<StoredBatch> storeBatch(List<MessageAccepted> batch) {
        List<MessageAccepted> copy = List.copyOf(batch);
        return Mono.fromCallable(() -> available(() -> {
            Predicate<MessageAccepted> refused = refusing.get();
            if (copy.stream().anyMatch(refused)) {
                throw new StoreRefusedException("a value the store cannot hold", null);
            }
            return chat.storeBatch(copy, users.known(copy.stream().map(MessageAccepted::senderId).toList()));
        }));
    }

    /** A batch with a message that matches is refused for its content, as a database refuses a value it cannot hold. */
    public void refuse(Predicate<MessageAccepted> content) {
        refusing.set(content);
    }

    @Override
    public Flux<Message> latest(RoomId roomId, int limit) {
        return Flux.defer(() -> Flux.fromIterable(available(() -> chat.latest(roomId, limit))));
    }

    @Override
    public Flux<Message> beforeSeq(RoomId roomId, long beforeSeq, int limit) {
        return Flux.defer(() -> Flux.fromIterable(available(() -> chat.beforeSeq(roomId, beforeSeq, limit))));
    }

    @Override
    public Flux<Message> afterSeq(RoomId roomId, long afterSeq, int limit) {
        return Flux.defer(() -> {
            afterSeqQueries.incrementAndGet();
            return Flux.fromIterable(available(() -> chat.afterSeq(roomId, afterSeq, limit)));
        });
    }

    @Override
    public Mono<Message> findById(RoomId roomId, MessageId messageId) {
        return Mono.defer(() -> Mono.justOrEmpty(available(() -> chat.message(roomId, messageId))));
    }

    @Override
    public Mono<Message> findByClientMsgId(RoomId roomId, UserId senderId, ClientMsgId clientMsgId) {
        return Mono.defer(() -> Mono.justOrEmpty(available(() -> chat.messageByClientMsgId(roomId, senderId, clientMsgId))));
    }

    /** From now on every call fails with {@code error} (null: works again). */
    public void failWith(RuntimeException error) {
        failure.set(error);
    }

    /** How many {@code afterSeq} queries ran, to tell a paged read from a single one. */
    public int afterSeqQueries() {
        return afterSeqQueries.get();
    }

    private <T> T available(Supplier<T> work) {
        RuntimeException error = failure.get();
        if (error != null) {
            throw error;
        }
        return work.get();
    }
}
