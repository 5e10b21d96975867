package parley.application.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import parley.application.model.ConnectionId;
import parley.application.model.RoomSignal;
import parley.application.port.out.UserStore;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageId;
import parley.domain.room.Membership;
import parley.domain.room.RoomId;
import parley.domain.shared.Ulid;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The fakes are reused by every module's tests, so the parts of their contracts services do not reach are checked here. */
class FakeContractsTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final RoomId general = core.createRoom(alice.id(), "General");

    @Test
    void sequentialIdsAreValidUlidsInStrictlyIncreasingOrder() {
        SequentialIdGenerator generator = new SequentialIdGenerator();
        List<String> sequence = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            sequence.add(generator.nextUlid());
        }

        assertThat(sequence).allMatch(Ulid::isValid).isSorted().doesNotHaveDuplicates();
        assertThat(sequence.getFirst()).isEqualTo(new SequentialIdGenerator().nextUlid()).startsWith(SequentialIdGenerator.DEFAULT_TIME_PART);
        assertThatThrownBy(() -> new SequentialIdGenerator("8ZZZZZZZZZ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SequentialIdGenerator("01J0000001").nextUlid()).isGreaterThan(sequence.getLast());
    }

    @Test
    void theUserStoreRefusesASecondUserWithTheSameAddress() {
        User twin = new User(core.ids.newUserId(), EmailAddress.of("ALICE@example.com"), DisplayName.of("Twin"), "h", core.clock.instant());

        StepVerifier.create(core.users.insert(twin)).verifyError(UserStore.EmailAlreadyTakenException.class);
        assertThat(core.users.displayNames(List.of(alice.id(), twin.id())).block()).containsOnlyKeys(alice.id());
    }

    @Test
    void aMessageForAnUnknownRoomIsRefusedWhileTheRestOfItsBatchIsStored() {
        RoomId nowhere = core.ids.newRoomId();

        var result = core.messages.storeBatch(List.of(core.accepted(general, alice.id(), "ok"), core.accepted(nowhere, alice.id(), "bad"))).block();

        assertThat(result.stored()).extracting(message -> message.content().value()).containsExactly("ok");
        assertThat(result.rejected()).singleElement().satisfies(rejected -> assertThat(rejected.reason()).isEqualTo("unknown room " + nowhere));
        assertThat(core.chat.messageCount()).isEqualTo(1);
        assertThat(core.rooms.findById(general).block().lastSeq()).isEqualTo(1);
    }

    @Test
    void joiningAnUnknownRoomFailsLikeAForeignKey() {
        StepVerifier.create(core.memberships.join(Membership.member(core.ids.newRoomId(), alice.id(), core.clock.instant())))
                .verifyError(IllegalStateException.class);
    }

    @Test
    void aClaimLapsesAfterItsTimeToLive() {
        ClientMsgId clientMsgId = new ClientMsgId(UUID.randomUUID());
        MessageId first = core.ids.newMessageId();
        MessageId second = core.ids.newMessageId();

        assertThat(core.clientMsgIds.claim(general, alice.id(), clientMsgId, first, Duration.ofMinutes(1)).block()).isEqualTo(first);
        assertThat(core.clientMsgIds.claim(general, alice.id(), clientMsgId, second, Duration.ofMinutes(1)).block()).isEqualTo(first);
        core.clock.advance(Duration.ofMinutes(1));
        assertThat(core.clientMsgIds.claim(general, alice.id(), clientMsgId, second, Duration.ofMinutes(1)).block()).isEqualTo(second);
    }

    @Test
    void aClaimForACachedMemberNeedsAPositiveCacheEntryAsTheRedisScriptDoes() {
        ClientMsgId clientMsgId = new ClientMsgId(UUID.randomUUID());
        MessageId first = core.ids.newMessageId();
        core.membershipCache.forget(general, alice.id()).block();

        assertThat(core.clientMsgIds.claimForCachedMember(general, alice.id(), clientMsgId, first, Duration.ofMinutes(1)).blockOptional())
                .isEmpty();
        assertThat(core.clientMsgIds.claimed(general, alice.id(), clientMsgId)).isEmpty();

        core.membershipCache.remember(general, alice.id(), true).block();
        assertThat(core.clientMsgIds.claimForCachedMember(general, alice.id(), clientMsgId, first, Duration.ofMinutes(1)).block())
                .isEqualTo(first);
        assertThat(core.clientMsgIds.claim(general, alice.id(), clientMsgId, core.ids.newMessageId(), Duration.ofMinutes(1)).block())
                .isEqualTo(first);
    }

    @Test
    void presenceAnswersForTheAskedUsersOnly() {
        User bob = core.registerUser("bob@example.com");
        User carol = core.registerUser("carol@example.com");
        core.presence.touch(new ConnectionId("a"), alice.id(), Duration.ofSeconds(60)).block();
        core.presence.touch(new ConnectionId("c"), carol.id(), Duration.ofSeconds(60)).block();

        assertThat(core.presence.online(List.of(alice.id(), bob.id())).block()).isEqualTo(Set.of(alice.id()));
    }

    @Test
    void theSignalBusDeliversEverySignalPublishedConcurrently() {
        List<RoomSignal> received = new CopyOnWriteArrayList<>();
        Disposable subscription = core.signals.signals().subscribe(received::add);

        Flux.range(0, 200)
                .flatMap(i -> core.signals.publish(new RoomSignal.PresenceChanged(alice.id(), i % 2 == 0, java.util.Set.of())).subscribeOn(Schedulers.parallel()))
                .blockLast();

        assertThat(received).hasSize(200);
        assertThat(core.signals.published()).hasSize(200);
        subscription.dispose();
    }

    @Test
    void theSignalBusOutlivesPublishingWithoutSubscribers() {
        core.signals.publish(new RoomSignal.Typing(general, alice.id())).block();

        StepVerifier.create(core.signals.signals())
                .then(() -> core.signals.publish(new RoomSignal.PresenceChanged(alice.id(), true, java.util.Set.of())).block())
                .expectNext(new RoomSignal.PresenceChanged(alice.id(), true, java.util.Set.of()))
                .thenCancel()
                .verify();
    }

    @Test
    void onlyTheExactIssuedFormOfATokenVerifies() {
        String token = core.tokens.issue(alice.id()).value();

        assertThat(core.tokens.verify(token)).contains(alice.id());
        assertThat(core.tokens.verify(token.toLowerCase())).isEmpty();
        assertThat(core.tokens.verify(token + "0")).isEmpty();
    }
}
