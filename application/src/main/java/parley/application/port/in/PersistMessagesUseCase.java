package parley.application.port.in;

import java.util.List;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Mono;

public interface PersistMessagesUseCase {

    /**
     * Stores a batch idempotently and announces every message of it (duplicates too, as stored
     * before). Completes once the announcements are acknowledged; only then may the caller commit.
     */
    Mono<List<MessagePersisted>> persist(List<MessageAccepted> batch);
}
