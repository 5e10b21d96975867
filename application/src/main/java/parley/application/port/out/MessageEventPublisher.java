package parley.application.port.out;

import parley.domain.message.MessageAccepted;
import reactor.core.publisher.Mono;

/**
 * Hands an accepted message to the broker. Completes only once the broker holds it durably
 * (all in-sync replicas); errors otherwise. The gateway acknowledges a send on completion only.
 */
public interface MessageEventPublisher {

    Mono<Void> publishAccepted(MessageAccepted event);
}
