package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.refusedWith;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.port.out.MembershipStore;
import parley.domain.message.MessageId;
import parley.domain.room.Membership;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class MembershipGuardTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final User bob = core.registerUser("bob@example.com");
    private final RoomId general = core.createRoom(alice.id(), "General");

    @Test
    void aMemberPassesAndTheAnswerIsCached() {
        StepVerifier.create(core.guard.requireMember(general, alice.id())).verifyComplete();

        assertThat(core.membershipCache.cached(general, alice.id())).contains(true);
    }

    @Test
    void aNonMemberIsRefusedAndTheRefusalIsNotCached() {
        StepVerifier.create(core.guard.requireMember(general, bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));

        assertThat(core.membershipCache.cached(general, bob.id())).isEmpty();
    }

    @Test
    void anUnknownRoomIsRoomNotFound() {
        StepVerifier.create(core.guard.requireMember(core.ids.newRoomId(), alice.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void whenTheCacheFailsTheStoreDecides() {
        core.membershipCache.failing(true);

        StepVerifier.create(core.guard.requireMember(general, alice.id())).verifyComplete();
        StepVerifier.create(core.guard.requireMember(general, bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        StepVerifier.create(core.guard.requireMember(core.ids.newRoomId(), alice.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void aNegativeCachedAnswerIsNotTrustedTheStoreDecides() {
        core.membershipCache.remember(general, alice.id(), false).block();

        StepVerifier.create(core.guard.requireMember(general, alice.id())).verifyComplete();
    }

    @Test
    void aPositiveCachedAnswerIsTrustedWithoutAskingTheStore() {
        // only a cache hit can let a non-member through: proof that the fast path is used
        core.membershipCache.remember(general, bob.id(), true).block();

        StepVerifier.create(core.guard.requireMember(general, bob.id())).verifyComplete();
    }

    @Test
    void aMembershipCheckRacingALeaveLeavesNoStalePositiveAnswerBehind() {
        core.join(general, bob.id());
        Sinks.Empty<Void> gate = Sinks.empty();
        MembershipGuard racingGuard = new MembershipGuard(core.membershipCache, readsThatWaitFor(gate), core.rooms);

        AtomicReference<Throwable> racingOutcome = new AtomicReference<>();
        Disposable check = racingGuard.requireMember(general, bob.id())
                .subscribe(null, racingOutcome::set); // has read "member", waits
        core.membershipService.leave(general, bob.id()).block();
        gate.tryEmitEmpty(); // the check now caches what it read before the leave, reads again and finds the leave

        refusedWith(ErrorCode.NOT_A_MEMBER).accept(racingOutcome.get());

        StepVerifier.create(core.guard.requireMember(general, bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        check.dispose();
    }

    /** The shared membership store, except that a found membership is handed over only once {@code gate} opens. */
    private MembershipStore readsThatWaitFor(Sinks.Empty<Void> gate) {
        MembershipStore store = core.memberships;
        return new MembershipStore() {
            @Override
            public Mono<Membership> join(Membership membership) {
                return store.join(membership);
            }

            @Override
            public Mono<Boolean> leave(RoomId roomId, UserId userId) {
                return store.leave(roomId, userId);
            }

            @Override
            public Mono<Membership> find(RoomId roomId, UserId userId) {
                return store.find(roomId, userId).flatMap(found -> gate.asMono().thenReturn(found));
            }

            @Override
            public Flux<Membership> members(RoomId roomId, UserId after, int limit) {
                return store.members(roomId, after, limit);
            }

            @Override
            public Mono<Membership> advanceReadMarker(RoomId roomId, UserId userId, parley.domain.room.ReadPosition position) {
                return store.advanceReadMarker(roomId, userId, position);
            }

            @Override
            public Mono<Boolean> leaveHandingOver(RoomId roomId, UserId userId, Membership successor) {
                return store.leaveHandingOver(roomId, userId, successor);
            }

            @Override
            public Mono<Boolean> updateRoles(java.util.List<Membership> changed) {
                return store.updateRoles(changed);
            }

            @Override
            public Flux<Membership> seniors(RoomId roomId, UserId excluding) {
                return store.seniors(roomId, excluding);
            }

            @Override
            public Mono<Void> ban(parley.domain.room.RoomBan ban) {
                return store.ban(ban);
            }

            @Override
            public Mono<Boolean> unban(RoomId roomId, UserId userId) {
                return store.unban(roomId, userId);
            }

            @Override
            public Mono<Boolean> isBanned(RoomId roomId, UserId userId) {
                return store.isBanned(roomId, userId);
            }

            @Override
            public Flux<parley.domain.room.RoomBan> bans(RoomId roomId, UserId after, int limit) {
                return store.bans(roomId, after, limit);
            }
        };
    }

    @Test
    void forgettingSucceedsEvenWhenTheCacheIsDown() {
        core.guard.requireMember(general, alice.id()).block();
        core.membershipCache.failing(true);

        StepVerifier.create(core.guard.forget(general, alice.id())).verifyComplete();
    }
}
