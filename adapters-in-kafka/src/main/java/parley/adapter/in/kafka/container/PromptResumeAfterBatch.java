package parley.adapter.in.kafka.container;

import java.time.Duration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Our listeners return a Mono, so the container pauses the consumer until a batch's Mono completes;
 * the paused consumer only notices the completion when its current paused poll ends, 100 ms by
 * default. Every batch then cost up to 100 ms on top of its work, at the worker and again at each
 * gateway (deliver p50 218-253 ms at 200 msg/s; 86-106 ms with 5 ms, see docs/bench/PROFILE.md).
 */
@Component
class PromptResumeAfterBatch implements ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> {

    static final Duration PAUSED_POLL = Duration.ofMillis(5);

    @Override
    public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
        container.getContainerProperties().setPollTimeoutWhilePaused(PAUSED_POLL);
    }
}
