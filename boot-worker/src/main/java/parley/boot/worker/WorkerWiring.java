package parley.boot.worker;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import parley.application.port.out.MessageStore;
import parley.application.port.out.PersistedMessagePublisher;
import parley.application.service.PersistMessagesService;

/** The worker's use case, and how a failed batch is retried. */
@Configuration(proxyBeanMethods = false)
class WorkerWiring {

    @Bean
    PersistMessagesService persistMessagesService(MessageStore messages, PersistedMessagePublisher publisher) {
        return new PersistMessagesService(messages, publisher);
    }

    /**
     * A batch that fails (database or broker down) is retried from its first offset, with back-off
     * from 200 ms up to 5 s, for as long as it takes: nothing is committed past an unstored message,
     * and nothing is skipped. Unreadable records never get here; they go to the dead-letter topic.
     */
    @Bean
    CommonErrorHandler retryBatchesForever(WorkerSettings settings) {
        var backOff = new ExponentialBackOff(settings.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
        var handler = new DefaultErrorHandler(backOff);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        return handler;
    }

}
