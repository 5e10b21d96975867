package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.application.service.Refusals.refusedWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.port.in.MembersPage;
import parley.application.port.in.RoomMember;
import parley.application.port.in.SendMessageCommand;
import parley.application.model.ConnectionId;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageContent;
import parley.domain.room.Membership;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import reactor.test.StepVerifier;

class MembershipServiceTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com", "Alice");
    private final User bob = core.registerUser("bob@example.com", "Bob");
    private final RoomId general = core.createRoom(alice.id(), "General");

    private SendMessageCommand bobSays(String text) {
        return new SendMessageCommand(general, bob.id(), new ClientMsgId(UUID.randomUUID()), MessageContent.text(text));
    }

    @Test
    void joiningMakesTheUserAMemberAtTheCurrentTime() {
        core.clock.advance(Duration.ofMinutes(5));

        StepVerifier.create(core.membershipService.join(general, bob.id()))
                .assertNext(membership -> {
                    assertThat(membership.roomId()).isEqualTo(general);
                    assertThat(membership.userId()).isEqualTo(bob.id());
                    assertThat(membership.role()).isEqualTo(Role.MEMBER);
                    assertThat(membership.joinedAt()).isEqualTo(core.clock.instant());
                    assertThat(membership.lastReadMessageId()).isNull();
                })
                .verifyComplete();
        assertThat(core.roomService.room(general, bob.id()).block().memberCount()).isEqualTo(2);
    }

    @Test
    void joiningTwiceKeepsTheFirstMembership() {
        Instant firstJoin = core.join(general, bob.id()).joinedAt();
        core.clock.advance(Duration.ofHours(1));

        StepVerifier.create(core.membershipService.join(general, bob.id()))
                .assertNext(again -> assertThat(again.joinedAt()).isEqualTo(firstJoin))
                .verifyComplete();
        assertThat(core.memberships.members(general, null, 1000).collectList().block()).hasSize(2);
    }

    @Test
    void theOwnerJoiningTheirOwnRoomStaysOwner() {
        StepVerifier.create(core.membershipService.join(general, alice.id()))
                .assertNext(membership -> assertThat(membership.role()).isEqualTo(Role.OWNER))
                .verifyComplete();
    }

    @Test
    void joiningAnUnknownRoomIsRoomNotFound() {
        RoomId nowhere = core.ids.newRoomId();

        StepVerifier.create(core.membershipService.join(nowhere, bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
        assertThat(core.memberships.find(nowhere, bob.id()).block()).isNull();
    }

    @Test
    void sendingToARoomYouLeftIsRefusedEvenThoughTheCacheKnewYouAsAMember() {
        core.join(general, bob.id());
        core.sendMessageService.send(bobSays("hi, I am here")).block();
        assertThat(core.membershipCache.cached(general, bob.id())).as("the cache is primed").contains(true);

        core.membershipService.leave(general, bob.id()).block();

        assertThat(core.membershipCache.cached(general, bob.id())).isEmpty();
        StepVerifier.create(core.sendMessageService.send(bobSays("am I still here?")))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        assertThat(core.acceptedPublisher.attempts()).hasSize(1);
    }

    @Test
    void joiningForgetsACachedAnswerToo() {
        core.membershipCache.remember(general, bob.id(), false).block();

        core.membershipService.join(general, bob.id()).block();

        assertThat(core.membershipCache.cached(general, bob.id())).isEmpty();
    }

    @Test
    void leavingRemovesTheMembershipAndIsHarmlessTwice() {
        core.join(general, bob.id());

        StepVerifier.create(core.membershipService.leave(general, bob.id())).verifyComplete();
        StepVerifier.create(core.membershipService.leave(general, bob.id())).verifyComplete();

        assertThat(core.memberships.find(general, bob.id()).block()).isNull();
        assertThat(core.roomService.room(general, alice.id()).block().memberCount()).isEqualTo(1);
    }

    @Test
    void leavingTellsEveryGatewaySoTheUsersOpenSocketsStopReceivingTheRoom() {
        core.join(general, bob.id());

        core.membershipService.leave(general, bob.id()).block();

        assertThat(core.signals.published()).contains(new parley.application.model.RoomSignal.MemberLeft(general, bob.id()));
    }

    @Test
    void leavingAnUnknownRoomIsRoomNotFound() {
        StepVerifier.create(core.membershipService.leave(core.ids.newRoomId(), bob.id()))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void aJoinOrLeaveSucceedsWhileTheCacheIsDownAndLeavingStillTakesEffect() {
        core.join(general, bob.id());
        core.membershipCache.failing(true);

        StepVerifier.create(core.membershipService.leave(general, bob.id())).verifyComplete();
        StepVerifier.create(core.sendMessageService.send(bobSays("still here?")))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        StepVerifier.create(core.membershipService.join(general, bob.id()))
                .expectNextCount(1)
                .verifyComplete();
    }

    @Test
    void membersAreListedByUserIdWithTheirNamesAndWhetherTheyAreOnline() {
        User carol = core.registerUser("carol@example.com", "Carol");
        core.clock.advance(Duration.ofSeconds(1));
        core.join(general, bob.id());
        core.clock.advance(Duration.ofSeconds(1));
        core.join(general, carol.id());
        core.presenceService.connected(new ConnectionId("carol-tab-1"), carol.id()).block();

        List<RoomMember> members = core.membershipService.members(general, bob.id(), null, null).block().members();

        assertThat(members).extracting(member -> member.displayName().value()).containsExactly("Alice", "Bob", "Carol");
        assertThat(members).extracting(RoomMember::online).containsExactly(false, false, true);
        assertThat(members).extracting(member -> member.membership().role()).containsExactly(Role.OWNER, Role.MEMBER, Role.MEMBER);
        assertThat(members).extracting(member -> member.membership().roomId()).containsOnly(general);
    }

    @Test
    void membersShowTheirReadMarkers() {
        core.join(general, bob.id());
        var said = core.storeTexts(general, alice.id(), "one", "two");
        core.readMarkerService.markRead(general, bob.id(), said.get(1).id()).block();

        List<RoomMember> members = core.membershipService.members(general, alice.id(), null, null).block().members();

        assertThat(members).extracting(RoomMember::membership).extracting(Membership::lastReadMessageId)
                .containsExactly(null, said.get(1).id());
    }

    @Test
    void whenPresenceIsUnknownMembersAreListedAsOffline() {
        core.join(general, bob.id());
        core.presenceService.connected(new ConnectionId("bob-tab"), bob.id()).block();
        core.presence.failing(true);

        assertThat(core.membershipService.members(general, alice.id(), null, null).block().members())
                .hasSize(2)
                .noneMatch(RoomMember::online);
    }

    @Test
    void aMemberWhoseAccountIsGoneIsStillListed() {
        core.join(general, bob.id());
        core.users.delete(bob.id());

        assertThat(core.membershipService.members(general, alice.id(), null, null).block().members())
                .extracting(member -> member.displayName().value())
                .containsExactly("Alice", "(deleted user)");
    }

    /** M8 of the red-team review: a room's member list is read a page at a time, ordered by user id. */
    @Test
    void membersComeInPagesOrderedByUserIdAndThePageSaysWhetherMoreFollow() {
        List<User> more = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            more.add(core.registerUser("member" + i + "@example.com"));
            core.join(general, more.getLast().id());
        }

        MembersPage first = core.membershipService.members(general, alice.id(), null, 2).block();
        MembersPage second = core.membershipService.members(general, alice.id(), first.members().getLast().membership().userId(), 2).block();
        MembersPage last = core.membershipService.members(general, alice.id(), second.members().getLast().membership().userId(), 2).block();

        assertThat(first.more()).isTrue();
        assertThat(second.more()).isTrue();
        assertThat(last.more()).isFalse();
        List<parley.domain.user.UserId> all = new java.util.ArrayList<>();
        for (MembersPage page : List.of(first, second, last)) {
            page.members().forEach(member -> all.add(member.membership().userId()));
        }
        assertThat(all).hasSize(5).isSortedAccordingTo(java.util.Comparator.comparing(parley.domain.user.UserId::value)).doesNotHaveDuplicates();
    }

    @Test
    void aPageSizeOutsideOneToTheMaximumIsRefused() {
        StepVerifier.create(core.membershipService.members(general, alice.id(), null, 0)).verifyErrorSatisfies(Refusals.invalid("limit"));
        StepVerifier.create(core.membershipService.members(general, alice.id(), null, RoomLimits.DEFAULTS.membersPageMax() + 1))
                .verifyErrorSatisfies(Refusals.invalid("limit"));
    }

    @Test
    void onlyMembersMaySeeTheMembers() {
        StepVerifier.create(core.membershipService.members(general, bob.id(), null, null))
                .verifyErrorSatisfies(refusedWith(ErrorCode.NOT_A_MEMBER));
        StepVerifier.create(core.membershipService.members(core.ids.newRoomId(), bob.id(), null, null))
                .verifyErrorSatisfies(refusedWith(ErrorCode.ROOM_NOT_FOUND));
    }
}
