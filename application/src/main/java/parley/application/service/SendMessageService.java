package parley.application.service;

import java.time.InstantSource;
import java.util.concurrent.TimeoutException;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.SendMessageCommand;
import parley.application.port.in.SendMessageUseCase;
import parley.application.port.out.ClientMsgIdRegistry;
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
 *
 * <p>A send that is not accepted says whether the broker certainly does not hold the message
 * (BROKER_UNAVAILABLE, from the publisher, which knows its broker's failures) or may hold it
 * (OUTCOME_UNKNOWN: a timeout, or a failure nobody classified). Either way the client retries
 * with the same clientMsgId, which is always safe; only on the first may it give up for good.
 */
public final class SendMessageService implements SendMessageUseCase {

    private final MembershipGuard guard;
    private final ClientMsgIdRegistry registry;
    private final MessageStore messages;
    private final MessageEventPublisher publisher;
    private final InstantSource clock;
    private final MessagingSettings settings;

    public SendMessageService(MembershipGuard guard, ClientMsgIdRegistry registry, MessageStore messages,
                              MessageEventPublisher publisher, InstantSource clock, MessagingSettings settings) {
        this.guard = guard;
        this.registry = registry;
        this.messages = messages;
        this.publisher = publisher;
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
                    // derived, not drawn: a retry names the same id even if the registry forgot its claim
                    MessageId candidate = MessageId.of(command.roomId(), command.senderId(), command.clientMsgId());
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
     * persisted is found by its client id in the store (it may have an id from before ids were
     * derived); otherwise the derived id is the answer, and the database's unique key still keeps a
     * second row out.
     */
    private Mono<MessageId> messageIdFor(SendMessageCommand command, MessageId candidate) {
        return registry.claim(command.roomId(), command.senderId(), command.clientMsgId(), candidate, settings.clientMsgIdTtl())
                .onErrorResume(registryDown -> messages
                        .findByClientMsgId(command.roomId(), command.senderId(), command.clientMsgId())
                        .map(Message::id)
                        .defaultIfEmpty(candidate));
    }

    /**
     * The publish timeout is a safety net above the producer's own deadlines (the boot module sets
     * it so): the publisher normally answers first, with a verdict it can stand by.
     */
    private Mono<MessageAccepted> publish(MessageAccepted accepted) {
        return publisher.publishAccepted(accepted)
                .timeout(settings.publishTimeout())
                .thenReturn(accepted)
                .onErrorMap(e -> !(e instanceof UseCaseException), SendMessageService::outcomeUnknown);
    }

    private static UseCaseException outcomeUnknown(Throwable cause) {
        String why = cause instanceof TimeoutException ? "the broker did not answer in time" : "the send failed on its way";
        return new UseCaseException(ErrorCode.OUTCOME_UNKNOWN,
                why + "; the message may or may not have been accepted: send it again with the same clientMsgId", cause);
    }
}
