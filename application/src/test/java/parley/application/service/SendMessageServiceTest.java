package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.refusedWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.fake.TestCore;
import parley.application.port.in.SendMessageCommand;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class SendMessageServiceTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final User bob = core.registerUser("bob@example.com");
    private final RoomId general = core.createRoom(alice.id(), "General");
    private final ClientMsgId clientMsgId = new ClientMsgId(UUID.fromString("3f2c8a4e-8f59-4a57-9c3e-0a1b2c3d4e5f"));

    private SendMessageCommand aliceSays(String text) {
        return new SendMessageCommand(general, alice.id(), clientMsgId, MessageContent.text(text));
    }

    @Test
    void anAcceptedMessageIsPublishedOnceWithTheIdTheRegistryHolds() {
        core.clock.advance(Duration.ofSeconds(42));

        MessageAccepted accepted = core.sendMessageService.send(aliceSays("  hello  ")).block();

        assertThat(accepted.messageId()).isEqualTo(core.clientMsgIds.claimed(general, alice.id(), clientMsgId).orElseThrow());
        assertThat(accepted.roomId()).isEqualTo(general);
        assertThat(accepted.senderId()).isEqualTo(alice.id());
        assertThat(accepted.clientMsgId()).isEqualTo(clientMsgId);
        assertThat(accepted.content()).isEqualTo(MessageContent.text("hello"));
        assertThat(accepted.acceptedAt()).isEqualTo(core.clock.instant());
        assertThat(core.acceptedPublisher.published()).containsExactly(accepted);
    }

    @Test
    void theClaimLastsAsLongAsTheSettingsSay() {
        core.sendMessageService.send(aliceSays("hello")).block();

        assertThat(core.clientMsgIds.lastTtl()).isEqualTo(core.settings.clientMsgIdTtl());
    }

    @Test
    void resendingTheSameClientMsgIdYieldsTheSameMessageId() {
        MessageAccepted first = core.sendMessageService.send(aliceSays("hello")).block();
        MessageAccepted again = core.sendMessageService.send(aliceSays("hello")).block();

        assertThat(again.messageId()).isEqualTo(first.messageId());
        // publishing it again is harmless: the worker stores a message id once
        assertThat(core.acceptedPublisher.published()).extracting(MessageAccepted::messageId)
                .containsExactly(first.messageId(), first.messageId());
    }

    @Test
    void differentClientMsgIdsYieldDifferentMessageIds() {
        MessageAccepted first = core.sendMessageService.send(aliceSays("one")).block();
        MessageAccepted second = core.sendMessageService
                .send(new SendMessageCommand(general, alice.id(), new ClientMsgId(UUID.randomUUID()), MessageContent.text("two")))
                .block();

        assertThat(second.messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void theSameClientMsgIdFromAnotherSenderIsAnotherMessage() {
        core.join(general, bob.id());

        MessageAccepted fromAlice = core.sendMessageService.send(aliceSays("mine")).block();
        MessageAccepted fromBob = core.sendMessageService
                .send(new SendMessageCommand(general, bob.id(), clientMsgId, MessageContent.text("mine too")))
                .block();

        assertThat(fromBob.messageId()).isNotEqualTo(fromAlice.messageId());
    }

    @Test
    void whenTheRegistryIsDownAnAlreadyPersistedMessageKeepsItsId() {
        MessageAccepted first = core.sendMessageService.send(aliceSays("hello")).block();
        core.persistMessagesService.persist(List.of(first)).block();
        core.clientMsgIds.failing(true);

        StepVerifier.create(core.sendMessageService.send(aliceSays("hello")))
                .assertNext(again -> assertThat(again.messageId()).isEqualTo(first.messageId()))
                .verifyComplete();
    }

    /** L1 of the red-team review: a retry while the message is still on its way, after Redis lost the claim. */
    @Test
    void aRetryAfterTheRegistryLostItsClaimsGetsTheSameMessageIdWhileTheMessageIsNotStoredYet() {
        MessageAccepted first = core.sendMessageService.send(aliceSays("hello")).block();
        core.clientMsgIds.forgetEverything();

        MessageAccepted retried = core.sendMessageService.send(aliceSays("hello")).block();
        core.clientMsgIds.failing(true);
        MessageAccepted retriedWhileDown = core.sendMessageService.send(aliceSays("hello")).block();

        assertThat(retried.messageId()).isEqualTo(first.messageId());
        assertThat(retriedWhileDown.messageId()).isEqualTo(first.messageId());
    }

    /** M1: a send the broker may or may not hold is UNKNOWN, never FAILED; the client retries with the same clientMsgId. */
    @Test
    void aPublishFailureThePublisherCouldNotClassifyIsAnUnknownOutcome() {
        core.acceptedPublisher.failWith(new IllegalStateException("connection lost while the record was in flight"));

        StepVerifier.create(core.sendMessageService.send(aliceSays("hello")))
                .verifyErrorSatisfies(refusedWith(ErrorCode.OUTCOME_UNKNOWN));
    }

    @Test
    void whenTheBrokerNeverAnswersTheOutcomeIsUnknownAfterThePublishTimeout() {
        core.acceptedPublisher.neverComplete();
        Duration timeout = core.settings.publishTimeout();

        StepVerifier.withVirtualTime(() -> core.sendMessageService.send(aliceSays("hello")))
                .expectSubscription()
                .expectNoEvent(timeout.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(refusedWith(ErrorCode.OUTCOME_UNKNOWN))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void whenTheRegistryIsDownANewMessageIsStillAcceptedWithItsDerivedId() {
        core.storeTexts(general, alice.id(), "an older message");
        core.clientMsgIds.failing(true);

        StepVerifier.create(core.sendMessageService.send(aliceSays("hello")))
                .assertNext(accepted -> {
                    assertThat(core.chat.messageCount()).isEqualTo(1);
                    assertThat(core.messages.findById(general, accepted.messageId()).block()).isNull();
                    assertThat(core.acceptedPublisher.published()).containsExactly(accepted);
                })
                .verifyComplete();
    }

    @Test
    void whenThePublisherKnowsTheBrokerDoesNotHoldTheMessageTheSendFailsWithItsVerdict() {
        UseCaseException refused = new UseCaseException(ErrorCode.BROKER_UNAVAILABLE, "the broker refused the record: too large");
        core.acceptedPublisher.failWith(refused);

        StepVerifier.create(core.sendMessageService.send(aliceSays("hello")))
                .verifyErrorSatisfies(error -> assertThat(error).isSameAs(refused));
        assertThat(core.acceptedPublisher.published()).isEmpty();
    }

    @Test
    void aShorterConfiguredPublishTimeoutIsHonoured() {
        TestCore impatient = TestCore.create(new MessagingSettings(Duration.ofMillis(50), Duration.ofHours(1)));
        User carol = impatient.registerUser("carol@example.com");
        RoomId room = impatient.createRoom(carol.id(), "Room");
        impatient.acceptedPublisher.neverComplete();

        StepVerifier.create(impatient.sendMessageService
                        .send(new SendMessageCommand(room, carol.id(), clientMsgId, MessageContent.text("hello"))))
                .expectErrorSatisfies(refusedWith(ErrorCode.OUTCOME_UNKNOWN))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aSlowBrokerThatAnswersWithinThePublishTimeoutAccepts() {
        core.acceptedPublisher.acknowledgeAfter(core.settings.publishTimeout().minusMillis(10));

        StepVerifier.withVirtualTime(() -> core.sendMessageService.send(aliceSays("hello")))
                .expectSubscription()
                .expectNoEvent(core.settings.publishTimeout().minusMillis(11))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(accepted -> assertThat(core.acceptedPublisher.published()).containsExactly(accepted))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aMemberTheCacheKnowsIsAdmittedAndGetsItsIdInOneRegistryCall() {
        core.sendMessageService.send(aliceSays("first: membership from the store, then cached")).block();
        assertThat(core.membershipCache.cached(general, alice.id())).contains(true);
        int findsBefore = core.memberships.finds();
        ClientMsgId another = new ClientMsgId(UUID.fromString("00000000-0000-4000-8000-000000000002"));

        MessageAccepted accepted = core.sendMessageService
                .send(new SendMessageCommand(general, alice.id(), another, MessageContent.text("second"))).block();

        assertThat(core.memberships.finds()).as("no store lookup").isEqualTo(findsBefore);
        assertThat(core.clientMsgIds.fastPathAttempts()).isEqualTo(2);
        assertThat(accepted.messageId()).isEqualTo(core.clientMsgIds.claimed(general, alice.id(), another).orElseThrow());
        assertThat(core.acceptedPublisher.published()).hasSize(2).last().isEqualTo(accepted);
    }

    @Test
    void aMemberTheCacheDoesNotKnowIsCheckedInTheStoreAndThenClaims() {
        core.membershipCache.forget(general, alice.id()).block();
        int findsBefore = core.memberships.finds();

        MessageAccepted accepted = core.sendMessageService.send(aliceSays("hello")).block();

        assertThat(core.memberships.finds()).isGreaterThan(findsBefore);
        assertThat(accepted.messageId()).isEqualTo(core.clientMsgIds.claimed(general, alice.id(), clientMsgId).orElseThrow());
    }

    @Test
    void whenTheCacheIsDownTheStoreDecidesAndTheMessageIsStillAccepted() {
        core.membershipCache.remember(general, alice.id(), true).block();
        core.membershipCache.failing(true);

        MessageAccepted accepted = core.sendMessageService.send(aliceSays("hello")).block();

        assertThat(accepted.messageId()).isEqualTo(core.clientMsgIds.claimed(general, alice.id(), clientMsgId).orElseThrow());
        assertThat(core.acceptedPublisher.published()).containsExactly(accepted);
    }

    @Test
    void aNonMemberCannotSendAndNothingIsPublishedOrClaimed() {
        SendMessageCommand fromBob = new SendMessageCommand(general, bob.id(), clientMsgId, MessageContent.text("let me in"));

        StepVerifier.create(core.sendMessageService.send(fromBob))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        assertThat(core.acceptedPublisher.attempts()).isEmpty();
        assertThat(core.clientMsgIds.size()).isZero();
    }

    @Test
    void sendingToAnUnknownRoomIsRoomNotFoundAndNothingIsPublished() {
        SendMessageCommand toNowhere = new SendMessageCommand(core.ids.newRoomId(), alice.id(), clientMsgId, MessageContent.text("hello?"));

        StepVerifier.create(core.sendMessageService.send(toNowhere))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        assertThat(core.acceptedPublisher.attempts()).isEmpty();
    }

    @Test
    void nothingIsClaimedOrPublishedBeforeSubscription() {
        Mono<MessageAccepted> send = core.sendMessageService.send(aliceSays("hello"));

        assertThat(core.acceptedPublisher.attempts()).isEmpty();
        assertThat(core.clientMsgIds.size()).isZero();
        send.block();
        assertThat(core.acceptedPublisher.attempts()).hasSize(1);
    }

    @Test
    void anAcceptedMessageBecomesAStoredMessageWithTheSameId() {
        MessageAccepted accepted = core.sendMessageService.send(aliceSays("hello")).block();

        List<Message> stored = core.persistMessagesService.persist(core.acceptedPublisher.published()).block().stored();

        assertThat(stored).singleElement().satisfies(message -> {
            assertThat(message.id()).isEqualTo(accepted.messageId());
            assertThat(message.seq()).isEqualTo(1);
        });
        assertThat(core.messages.findByClientMsgId(general, alice.id(), clientMsgId).map(Message::id).block())
                .isEqualTo(accepted.messageId());
    }
}
