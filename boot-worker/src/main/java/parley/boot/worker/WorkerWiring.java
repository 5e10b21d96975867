package parley.boot.worker;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import parley.application.port.out.MessageStore;
import parley.application.port.out.PersistedMessagePublisher;
import parley.application.service.PersistMessagesService;

/**
 * The worker's use case. A failed batch is retried by the persistor listener itself (see its
 * Javadoc and ADR 0001), with {@code parley.worker.retry-initial-interval} (200ms) and
 * {@code parley.worker.retry-max-interval} (5s).
 */
@Configuration(proxyBeanMethods = false)
class WorkerWiring {

    @Bean
    PersistMessagesService persistMessagesService(MessageStore messages, PersistedMessagePublisher publisher) {
        return new PersistMessagesService(messages, publisher);
    }
}
