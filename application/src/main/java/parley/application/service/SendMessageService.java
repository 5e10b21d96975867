package parley.application.service;

import java.time.InstantSource;
import java.util.concurrent.TimeoutException;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.SendMessageCommand;
import parley.application.port.in.SendMessageUseCase;
import parley.application.port.out.ClientMsgIdRegistry;
import parley.application.port.out.IdGenerator;
import parley.application.port.out.MessageEventPublisher;
import parley.application.port.out.MessageStore;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageId;
import reactor.core.publisher.Mono;

/**
 * Accepts a message: checks membership, fixes its id (the same client message id always maps to
 * the same message id), and succeeds only when the broker has it. Re-sending an accepted message
 * publishes it again, which is harmless: the worker stores each message once.
 */
public final class SendMessageService implements SendMessageUseCase {

    private final MembershipGuard guard;
    private final ClientMsgIdRegistry registry;
    private final MessageStore messages;
    private final MessageEventPublisher publisher;
    private final IdGenerator ids;
    private final InstantSource clock;
    private final MessagingSettings settings;

    public SendMessageService(MembershipGuard guard, ClientMsgIdRegistry registry, MessageStore messages,
                              MessageEventPublisher publisher, IdGenerator ids, InstantSource clock,
                              MessagingSettings settings) {
        this.guard = guard;
        this.registry = registry;
        this.messages = messages;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Usually one registry round trip answers both "is the sender a member?" (from the membership
     * cache) and "which id does this message have?". When the cache has no answer, or Redis fails,
     * the guard decides membership first and the id is claimed after.
     */
    @Override
    public Mono<MessageAccepted> send(SendMessageCommand command) {
        return Mono.defer(() -> {
                    MessageId candidate = ids.newMessageId();
                    return registry.claimForCachedMember(command.roomId(), command.senderId(), command.clientMsgId(),
                                    candidate, settings.clientMsgIdTtl())
                            .onErrorResume(registryDown -> Mono.empty())
                            .switchIfEmpty(Mono.defer(() -> guard.requireMember(command.roomId(), command.senderId())
                                    .then(Mono.defer(() -> messageIdFor(command, candidate)))));
                })
                .map(id -> new MessageAccepted(id, command.roomId(), command.senderId(), command.clientMsgId(),
                        command.content(), clock.instant()))
                .flatMap(this::publish);
    }

    /**
     * The registry answers almost always. When it cannot (Redis down), a message that was already
     * persisted is found by its client id in the store; otherwise a fresh id is the best answer,
     * and the database's unique key still keeps a second row out.
     */
    private Mono<MessageId> messageIdFor(SendMessageCommand command, MessageId candidate) {
        return registry.claim(command.roomId(), command.senderId(), command.clientMsgId(), candidate, settings.clientMsgIdTtl())
                .onErrorResume(registryDown -> messages
                        .findByClientMsgId(command.roomId(), command.senderId(), command.clientMsgId())
                        .map(Message::id)
                        .defaultIfEmpty(candidate));
    }

    private Mono<MessageAccepted> publish(MessageAccepted accepted) {
        return publisher.publishAccepted(accepted)
                .timeout(settings.publishTimeout())
                .thenReturn(accepted)
                .onErrorMap(e -> !(e instanceof UseCaseException), SendMessageService::notAccepted);
    }

    private static UseCaseException notAccepted(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new UseCaseException(ErrorCode.BROKER_TIMEOUT, "the broker did not acknowledge the message in time; it was not accepted", cause);
        }
        return new UseCaseException(ErrorCode.BROKER_UNAVAILABLE, "the broker could not take the message; it was not accepted", cause);
    }
}
