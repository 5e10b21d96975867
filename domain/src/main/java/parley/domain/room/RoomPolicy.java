package parley.domain.room;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import parley.domain.user.UserId;

/**
 * Who may do what in a room, decided from the room's kind and visibility and the memberships
 * involved. A caller that is not a member is {@code null}. Every refusal is a
 * {@link RoomRuleViolation}; checks run in the order that leaks nothing: a private room is HIDDEN
 * from a non-member before any other rule is told.
 */
public final class RoomPolicy {

    /** Longest-standing first, ties by user id: the order in which ownership passes on. */
    private static final Comparator<Membership> SENIORITY =
            Comparator.comparing(Membership::joinedAt).thenComparing(Membership::userId);

    private final RoomKind kind;
    private final Visibility visibility;

    public RoomPolicy(RoomKind kind, Visibility visibility) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        if (kind == RoomKind.DIRECT && visibility != Visibility.PRIVATE) {
            throw new IllegalArgumentException("a direct room is private");
        }
    }

    public static RoomPolicy of(Room room) {
        return new RoomPolicy(room.kind(), room.visibility());
    }

    /** Whether a caller who is not a member may see the room at all (its summary, its existence). */
    public boolean visibleToNonMembers() {
        return visibility == Visibility.PUBLIC;
    }

    /** Reading history and members, sending, marking read, watching: members only. */
    public void requireMember(Membership caller) {
        if (caller == null) {
            throw nonMemberRefusal();
        }
    }

    /** What a non-member is told: a private room is HIDDEN, a public one says NOT_A_MEMBER. */
    public RoomRuleViolation nonMemberRefusal() {
        return visibility == Visibility.PRIVATE
                ? new RoomRuleViolation(RoomRule.HIDDEN, "no such room")
                : new RoomRuleViolation(RoomRule.NOT_A_MEMBER, "you are not a member of this room");
    }

    /** Changing the name, description or visibility: OWNER or ADMIN of a group room. */
    public void requireMayUpdate(Membership caller) {
        requireModerator(caller, "only the room's owner or an admin may change it");
    }

    /**
     * Inviting {@code invitee} (its membership, null when not in the room): to a private room only
     * OWNER or ADMIN, to a public one any member; never a banned user or a member.
     */
    public void requireMayInvite(Membership caller, Membership invitee, boolean inviteeBanned) {
        requireGroupMember(caller);
        if (visibility == Visibility.PRIVATE && !caller.role().moderates()) {
            throw new RoomRuleViolation(RoomRule.NOT_ALLOWED, "only the room's owner or an admin may invite to a private room");
        }
        if (inviteeBanned) {
            throw new RoomRuleViolation(RoomRule.BANNED, "that user is banned from this room");
        }
        if (invitee != null) {
            throw new RoomRuleViolation(RoomRule.ALREADY_MEMBER, "that user is already a member");
        }
    }

    /** Withdrawing an invitation: whoever may invite, or the invitee declining their own. */
    public void requireMayRevokeInvitation(Membership caller, UserId callerId, UserId invitee) {
        if (callerId.equals(invitee)) {
            requireGroup();
            return;
        }
        requireGroupMember(caller);
        if (visibility == Visibility.PRIVATE && !caller.role().moderates()) {
            throw new RoomRuleViolation(RoomRule.NOT_ALLOWED, "only the room's owner or an admin may withdraw invitations");
        }
    }

    /**
     * Joining: a banned user never (a private room stays HIDDEN to them); a private room only with an
     * invitation. Joining a room one is already in is harmless and allowed.
     */
    public void requireMayJoin(Membership existing, boolean invited, boolean banned) {
        if (kind == RoomKind.DIRECT) {
            if (existing == null) {
                throw new RoomRuleViolation(RoomRule.HIDDEN, "no such room");
            }
            throw new RoomRuleViolation(RoomRule.DIRECT_ROOM, "a direct room cannot be joined");
        }
        if (existing != null) {
            return;
        }
        if (banned) {
            throw bannedRefusal();
        }
        if (visibility == Visibility.PRIVATE && !invited) {
            throw new RoomRuleViolation(RoomRule.HIDDEN, "no such room");
        }
    }

    /** What a banned user is told when joining: BANNED, or for a private room HIDDEN (it does not exist for them). */
    public RoomRuleViolation bannedRefusal() {
        return visibility == Visibility.PRIVATE
                ? new RoomRuleViolation(RoomRule.HIDDEN, "no such room")
                : new RoomRuleViolation(RoomRule.BANNED, "you are banned from this room");
    }

    /**
     * Giving {@code target} the role {@code role}: the OWNER only, to another member. Giving OWNER
     * transfers ownership; the result says what each of the two memberships becomes.
     */
    public RoleChange changeRole(Membership caller, Membership target, Role role) {
        Objects.requireNonNull(role, "role");
        requireGroupMember(caller);
        if (caller.role() != Role.OWNER) {
            throw new RoomRuleViolation(RoomRule.NOT_ALLOWED, "only the room's owner may change roles");
        }
        requireTarget(target);
        if (target.userId().equals(caller.userId())) {
            throw new RoomRuleViolation(RoomRule.NOT_ALLOWED, "the owner hands the room on by giving OWNER to another member");
        }
        if (role == Role.OWNER) {
            return new RoleChange(target.withRole(Role.OWNER), Optional.of(caller.withRole(Role.ADMIN)));
        }
        return new RoleChange(target.withRole(role), Optional.empty());
    }

    /** Removing {@code target}: the OWNER any other member, an ADMIN only MEMBERs. */
    public void requireMayRemove(Membership caller, Membership target) {
        requireGroupMember(caller);
        requireTarget(target);
        requireOutranks(caller, target.userId(), target.role());
    }

    /**
     * Banning {@code target} (null: a user not in the room, banned before they ever join): as
     * removing, so OWNER or ADMIN, and an ADMIN cannot ban another ADMIN or the OWNER.
     */
    public void requireMayBan(Membership caller, UserId target, Membership targetMembership) {
        requireModerator(caller, "only the room's owner or an admin may ban");
        requireOutranks(caller, target, targetMembership == null ? Role.MEMBER : targetMembership.role());
    }

    /** Lifting a ban or listing bans: OWNER or ADMIN. */
    public void requireMayManageBans(Membership caller) {
        requireModerator(caller, "only the room's owner or an admin may see or lift bans");
    }

    /**
     * Leaving: not a direct room. When the OWNER leaves a room that keeps members, ownership passes
     * to the longest-standing ADMIN, else the longest-standing MEMBER (ties: the lower user id); the
     * result is that member as the new OWNER, empty when nobody needs to take over.
     */
    public Optional<Membership> leave(Membership leaving, Collection<Membership> remaining) {
        requireGroupMember(leaving);
        if (leaving.role() != Role.OWNER) {
            return Optional.empty();
        }
        return remaining.stream()
                .filter(m -> !m.userId().equals(leaving.userId()))
                .min(Comparator.comparing((Membership m) -> m.role() == Role.ADMIN ? 0 : 1).thenComparing(SENIORITY))
                .map(successor -> successor.withRole(Role.OWNER));
    }

    /** Deleting a message: its sender, or the room's OWNER or ADMIN. */
    public void requireMayDeleteMessage(Membership caller, UserId sender) {
        requireMember(caller);
        if (!caller.userId().equals(sender) && !caller.role().moderates()) {
            throw new RoomRuleViolation(RoomRule.NOT_ALLOWED, "only the sender, the room's owner or an admin may delete a message");
        }
    }

    private void requireModerator(Membership caller, String refusal) {
        requireGroupMember(caller);
        if (!caller.role().moderates()) {
            throw new RoomRuleViolation(RoomRule.NOT_ALLOWED, refusal);
        }
    }

    /** A member (HIDDEN / NOT_A_MEMBER otherwise) of a group room (DIRECT_ROOM otherwise). */
    private void requireGroupMember(Membership caller) {
        requireMember(caller);
        requireGroup();
    }

    private void requireGroup() {
        if (kind == RoomKind.DIRECT) {
            throw new RoomRuleViolation(RoomRule.DIRECT_ROOM, "a direct room has no invitations, roles or moderation");
        }
    }

    private static void requireTarget(Membership target) {
        if (target == null) {
            throw new RoomRuleViolation(RoomRule.MEMBER_NOT_FOUND, "that user is not a member of this room");
        }
    }

    /** Nobody acts on themselves this way (leave instead) or on the OWNER; an ADMIN acts on MEMBERs only. */
    private static void requireOutranks(Membership caller, UserId target, Role targetRole) {
        if (target.equals(caller.userId())) {
            throw new RoomRuleViolation(RoomRule.NOT_ALLOWED, "you cannot do that to yourself; leave the room instead");
        }
        boolean outranks = caller.role() == Role.OWNER || (caller.role() == Role.ADMIN && targetRole == Role.MEMBER);
        if (!outranks) {
            throw new RoomRuleViolation(RoomRule.NOT_ALLOWED, "an admin may only act on members, and nobody on the owner");
        }
    }

    /** What a role change does: the target's new membership, and the caller's when ownership moved. */
    public record RoleChange(Membership target, Optional<Membership> formerOwner) {

        public RoleChange {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(formerOwner, "formerOwner");
        }
    }
}
