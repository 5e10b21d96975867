package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.application.fake.TestCore;
import parley.application.model.MemberChange;
import parley.application.model.RoomSignal;
import parley.application.model.RoomSignal.MemberChanged;
import parley.application.model.RoomSignal.MemberLeft;
import parley.domain.room.BanReason;
import parley.domain.room.Role;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomId;
import parley.domain.room.RoomName;
import parley.domain.user.User;

/**
 * PROTOCOL-1.1 §2: every stored change of a room's people or of the room itself is announced to every
 * gateway, once it is stored, as the signal behind its frame (member, removed, roomUpdated, invited),
 * and only then: a refused request announces nothing.
 */
class RoomAnnouncementsTest {

    private final TestCore core = TestCore.create();
    private final User owner = core.registerUser("owner@example.com");
    private final User ada = core.registerUser("ada@example.com");
    private final User grace = core.registerUser("grace@example.com");
    private final RoomId room = core.createRoom(owner.id(), "Announced");

    private List<RoomSignal> publishedSince(int before) {
        List<RoomSignal> all = core.signals.published();
        return all.subList(before, all.size());
    }

    @Test
    void aJoinIsAnnouncedOnceWithTheNewMembersRole() {
        core.membershipService.join(room, ada.id()).block();
        int before = core.signals.published().size();
        core.membershipService.join(room, ada.id()).block();

        assertThat(core.signals.published()).contains(new MemberChanged(room, ada.id(), MemberChange.JOINED, Role.MEMBER));
        assertThat(publishedSince(before)).as("joining again changes nothing").isEmpty();
    }

    @Test
    void aLeaveStopsTheUsersSocketsAndTellsTheRoom() {
        core.join(room, ada.id());
        int before = core.signals.published().size();

        core.membershipService.leave(room, ada.id()).block();

        assertThat(publishedSince(before)).containsExactly(new MemberLeft(room, ada.id()),
                new MemberChanged(room, ada.id(), MemberChange.LEFT, null));
    }

    @Test
    void leavingARoomOneIsNotInTellsTheRoomNothing() {
        int before = core.signals.published().size();

        core.membershipService.leave(room, ada.id()).block();

        assertThat(publishedSince(before)).containsExactly(new MemberLeft(room, ada.id()));
    }

    @Test
    void theOwnerLeavingAnnouncesTheSuccessorAsOwner() {
        core.join(room, ada.id());
        core.clock.advance(Duration.ofSeconds(1));
        core.join(room, grace.id());
        int before = core.signals.published().size();

        core.membershipService.leave(room, owner.id()).block();

        assertThat(publishedSince(before)).containsExactly(new MemberLeft(room, owner.id()),
                new MemberChanged(room, owner.id(), MemberChange.LEFT, null),
                new MemberChanged(room, ada.id(), MemberChange.ROLE_CHANGED, Role.OWNER));
    }

    @Test
    void aTransferAnnouncesBothNewRoles() {
        core.join(room, ada.id());
        int before = core.signals.published().size();

        core.moderationService.changeRole(room, owner.id(), ada.id(), Role.OWNER).block();

        assertThat(publishedSince(before)).containsExactly(
                new MemberChanged(room, ada.id(), MemberChange.ROLE_CHANGED, Role.OWNER),
                new MemberChanged(room, owner.id(), MemberChange.ROLE_CHANGED, Role.ADMIN));
    }

    @Test
    void removalAndBanAreDeparturesWithTheirReason() {
        core.join(room, ada.id());
        core.join(room, grace.id());
        int before = core.signals.published().size();

        core.moderationService.remove(room, owner.id(), ada.id()).block();
        core.moderationService.ban(room, owner.id(), grace.id(), BanReason.of("spam")).block();

        assertThat(publishedSince(before)).containsExactly(
                new MemberLeft(room, ada.id()), new MemberChanged(room, ada.id(), MemberChange.REMOVED, null),
                new MemberLeft(room, grace.id()), new MemberChanged(room, grace.id(), MemberChange.BANNED, null));
    }

    @Test
    void aRefusedModerationAnnouncesNothing() {
        core.join(room, ada.id());
        core.join(room, grace.id());
        int before = core.signals.published().size();

        core.moderationService.remove(room, ada.id(), grace.id()).onErrorComplete().block();
        core.moderationService.changeRole(room, ada.id(), ada.id(), Role.OWNER).onErrorComplete().block();

        assertThat(publishedSince(before)).isEmpty();
    }

    @Test
    void aChangedRoomIsAnnouncedAndAnEmptyChangeIsNot() {
        int before = core.signals.published().size();

        core.roomService.update(room, owner.id(), new RoomChanges(null, null, null)).block();
        core.roomService.update(room, owner.id(), new RoomChanges(RoomName.of("Renamed"), null, null)).block();

        assertThat(publishedSince(before)).containsExactly(new RoomSignal.RoomChanged(room, owner.id()));
    }

    @Test
    void aNewInvitationIsAnnouncedToTheInviteeOnce() {
        int before = core.signals.published().size();

        core.invitationService.invite(room, owner.id(), ada.id()).block();
        core.invitationService.invite(room, owner.id(), ada.id()).block();

        assertThat(publishedSince(before)).containsExactly(new RoomSignal.Invited(room, ada.id(), owner.id()));
    }

    @Test
    void aDirectRoomIsAnnouncedToThePeerWhenCreatedOnly() {
        int before = core.signals.published().size();

        RoomId direct = core.directRoomService.open(ada.id(), grace.id()).block().room().room().id();
        core.directRoomService.open(grace.id(), ada.id()).block();

        assertThat(publishedSince(before)).containsExactly(new RoomSignal.DirectRoomOpened(direct, grace.id()));
    }

    @Test
    void aMemberChangeCarriesARoleExactlyWhenTheMemberIsStillIn() {
        assertThatThrownBy(() -> new MemberChanged(room, ada.id(), MemberChange.JOINED, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemberChanged(room, ada.id(), MemberChange.REMOVED, Role.MEMBER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
