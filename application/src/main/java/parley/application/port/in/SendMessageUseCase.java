package parley.application.port.in;

import parley.domain.message.MessageAccepted;
import reactor.core.publisher.Mono;

public interface SendMessageUseCase {

    /**
     * Completes with the accepted message once the broker holds it durably, never before; fails
     * with NOT_A_MEMBER, ROOM_NOT_FOUND, BROKER_UNAVAILABLE (certainly not accepted) or OUTCOME_UNKNOWN (perhaps accepted) otherwise. The same
     * client message id always yields the same message id.
     */
    Mono<MessageAccepted> send(SendMessageCommand command);
}
