package parley.application.port.out;

import java.util.List;
import parley.domain.message.MessagePersisted;
import reactor.core.publisher.Mono;

/**
 * Announces stored messages to every gateway. Completes once the broker acknowledged every event
 * of the list; the worker commits its offsets only after that.
 */
public interface PersistedMessagePublisher {

    Mono<Void> publishPersisted(List<MessagePersisted> events);
}
