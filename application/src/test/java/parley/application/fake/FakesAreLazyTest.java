package parley.application.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.application.model.ConnectionId;
import parley.application.model.RoomSignal;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessagePersisted;
import parley.domain.room.Membership;
import parley.domain.room.RoomId;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import reactor.core.publisher.Mono;

/** Services compose Monos before subscribing to them, so a fake that acts early would hide bugs. */
class FakesAreLazyTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final RoomId general = core.createRoom(alice.id(), "General");

    @Test
    void storesChangeNothingUntilSubscribed() {
        User bob = new User(core.ids.newUserId(), EmailAddress.of("bob@example.com"), DisplayName.of("Bob"), "hash", core.clock.instant());
        Mono<?> insertUser = core.users.insert(bob);
        Mono<?> join = core.memberships.join(Membership.member(general, bob.id(), core.clock.instant()));
        Mono<?> leave = core.memberships.leave(general, alice.id());
        Mono<?> store = core.messages.storeBatch(List.of(core.accepted(general, alice.id(), "hi")));

        assertThat(core.users.count()).isEqualTo(1);
        assertThat(core.memberships.members(general, null, 1000).collectList().block()).extracting(Membership::userId).containsExactly(alice.id());
        assertThat(core.chat.messageCount()).isZero();

        Mono.when(insertUser, join, leave, store).block();

        assertThat(core.users.count()).isEqualTo(2);
        assertThat(core.memberships.members(general, null, 1000).collectList().block()).extracting(Membership::userId).containsExactly(bob.id());
        assertThat(core.chat.messageCount()).isEqualTo(1);
    }

    @Test
    void redisLikeFakesChangeNothingUntilSubscribed() {
        ClientMsgId clientMsgId = new ClientMsgId(UUID.randomUUID());
        Mono<?> claim = core.clientMsgIds.claim(general, alice.id(), clientMsgId, core.ids.newMessageId(), Duration.ofMinutes(1));
        Mono<?> touch = core.presence.touch(new ConnectionId("c1"), alice.id(), Duration.ofMinutes(1));
        Mono<?> remember = core.membershipCache.remember(general, alice.id(), true);
        Mono<?> signal = core.signals.publish(new RoomSignal.Typing(general, alice.id()));

        assertThat(core.clientMsgIds.size()).isZero();
        assertThat(core.presence.isOnline(alice.id())).isFalse();
        assertThat(core.membershipCache.cached(general, alice.id())).isEmpty();
        assertThat(core.signals.published()).isEmpty();

        Mono.when(claim, touch, remember, signal).block();

        assertThat(core.clientMsgIds.size()).isEqualTo(1);
        assertThat(core.presence.isOnline(alice.id())).isTrue();
        assertThat(core.membershipCache.cached(general, alice.id())).contains(true);
        assertThat(core.signals.published()).hasSize(1);
    }

    @Test
    void recordersRecordNothingUntilSubscribed() {
        var accepted = core.accepted(general, alice.id(), "hi");
        var message = accepted.toMessage(1);
        Mono<?> publishAccepted = core.acceptedPublisher.publishAccepted(accepted);
        Mono<?> publishPersisted = core.persistedPublisher.publishPersisted(List.of(new MessagePersisted(message)));
        Mono<?> deliver = core.clients.deliver(List.of(message));
        Mono<?> hash = core.hasher.hash("whatever-password");

        assertThat(core.acceptedPublisher.attempts()).isEmpty();
        assertThat(core.persistedPublisher.attempts()).isEmpty();
        assertThat(core.clients.deliveredMessages()).isEmpty();
        int hashesBefore = core.hasher.hashCount();

        Mono.when(publishAccepted, publishPersisted, deliver, hash).block();

        assertThat(core.acceptedPublisher.published()).containsExactly(accepted);
        assertThat(core.persistedPublisher.published()).extracting(MessagePersisted::message).containsExactly(message);
        assertThat(core.clients.deliveredMessages()).containsExactly(message);
        assertThat(core.hasher.hashCount()).isEqualTo(hashesBefore + 1);
    }
}
