package parley.application.fake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import parley.application.model.BatchNumbering;
import parley.application.model.BatchNumbering.ClientKey;
import parley.application.model.StoredBatch;
import parley.application.model.RoomSummary;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageId;
import parley.domain.room.DirectPair;
import parley.domain.room.Membership;
import parley.domain.room.ReadMarker;
import parley.domain.room.ReadPosition;
import parley.domain.room.Role;
import parley.domain.room.Room;
import parley.domain.room.RoomBan;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomId;
import parley.domain.room.RoomKind;
import parley.domain.room.RoomInvitation;
import parley.domain.room.Visibility;
import parley.domain.user.UserId;

/**
 * The in-memory "database" that {@link InMemoryRoomStore}, {@link InMemoryMembershipStore} and
 * {@link InMemoryMessageStore} share, so room figures (member and unread counts, last activity)
 * follow from memberships and messages exactly as the SQL joins make them follow. Every method is
 * one atomic step, like one transaction, and the foreign and unique keys of the real schema are
 * enforced, so a service that breaks them fails here too.
 */
public final class InMemoryChat {

    static final Comparator<RoomSummary> NEWEST_ACTIVITY_FIRST = Comparator
            .comparing((RoomSummary summary) -> summary.room().lastActivityAt())
            .thenComparing(summary -> summary.room().id())
            .reversed();

    private final Map<RoomId, Room> rooms = new HashMap<>();
    /** Per room, memberships in the order they joined. */
    private final Map<RoomId, LinkedHashMap<UserId, Membership>> memberships = new HashMap<>();
    private final Map<RoomId, TreeMap<UserId, RoomBan>> bans = new HashMap<>();
    private final Map<RoomId, Map<UserId, RoomInvitation>> invitations = new HashMap<>();
    private final Map<MessageId, Message> messagesById = new HashMap<>();
    private final Map<RoomId, NavigableMap<Long, Message>> messagesByRoomAndSeq = new HashMap<>();
    private final Map<ClientKey, Message> messagesByClientKey = new HashMap<>();

    // ---- rooms

    synchronized Room insertRoom(Room room, Membership owner) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(owner, "owner");
        if (!owner.roomId().equals(room.id())) {
            throw new IllegalArgumentException("the owner's membership is for room " + owner.roomId() + ", not " + room.id());
        }
        if (rooms.containsKey(room.id())) {
            throw new IllegalStateException("duplicate key: room " + room.id() + " exists already");
        }
        rooms.put(room.id(), room);
        LinkedHashMap<UserId, Membership> members = new LinkedHashMap<>();
        members.put(owner.userId(), owner);
        memberships.put(room.id(), members);
        return room;
    }

    /** A direct room and both memberships, unless the pair has a room (the unique key of the real table): then empty. */
    synchronized Optional<Room> insertDirect(Room room, Membership first, Membership second) {
        Objects.requireNonNull(room.direct(), "direct");
        if (directRoom(room.direct()).isPresent()) {
            return Optional.empty();
        }
        if (rooms.containsKey(room.id())) {
            throw new IllegalStateException("duplicate key: room " + room.id() + " exists already");
        }
        rooms.put(room.id(), room);
        LinkedHashMap<UserId, Membership> members = new LinkedHashMap<>();
        members.put(first.userId(), first);
        members.put(second.userId(), second);
        memberships.put(room.id(), members);
        return Optional.of(room);
    }

    synchronized Optional<Room> directRoom(DirectPair pair) {
        return rooms.values().stream().filter(room -> pair.equals(room.direct())).findFirst();
    }

    synchronized Optional<Room> updateRoom(RoomId roomId, RoomChanges changes) {
        Room room = rooms.get(roomId);
        if (room == null || room.direct() != null) {
            return Optional.empty();
        }
        Room changed = room.with(changes);
        rooms.put(roomId, changed);
        return Optional.of(changed);
    }

    synchronized Optional<Room> room(RoomId roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    synchronized List<RoomSummary> roomsOf(UserId userId) {
        return rooms.values().stream()
                .filter(room -> isMember(room.id(), userId))
                .map(room -> summarise(room, userId))
                .sorted(NEWEST_ACTIVITY_FIRST)
                .toList();
    }

    synchronized Optional<RoomSummary> summary(RoomId roomId, UserId viewer) {
        return room(roomId).map(room -> summarise(room, viewer));
    }

    synchronized List<RoomSummary> discover(UserId userId, String query, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        String fragment = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return rooms.values().stream()
                .filter(room -> room.visibility() == Visibility.PUBLIC && !isMember(room.id(), userId))
                .filter(room -> fragment.isEmpty() || room.name().value().toLowerCase(Locale.ROOT).contains(fragment))
                .map(room -> summarise(room, userId))
                .sorted(NEWEST_ACTIVITY_FIRST)
                .limit(limit)
                .toList();
    }

    private RoomSummary summarise(Room room, UserId viewer) {
        Map<UserId, Membership> members = memberships.getOrDefault(room.id(), new LinkedHashMap<>());
        Membership own = members.get(viewer);
        // only a member has a read marker; for anybody else nothing is "unread"
        long unread = own == null ? 0 : unreadAfter(room.id(), own.lastReadSeq(), viewer);
        return new RoomSummary(room, members.size(), unread, own == null ? null : own.role());
    }

    /** Messages after the marker's seq that others sent: one's own messages are never unread (as in the real store). */
    private long unreadAfter(RoomId roomId, long markerSeq, UserId viewer) {
        return messagesByRoomAndSeq.getOrDefault(roomId, Collections.emptyNavigableMap()).tailMap(markerSeq, false).values().stream()
                .filter(message -> !message.senderId().equals(viewer)).count();
    }

    // ---- memberships

    synchronized Membership join(Membership membership) {
        Objects.requireNonNull(membership, "membership");
        requireRoomExists(membership.roomId());
        Membership existing = memberships.get(membership.roomId()).putIfAbsent(membership.userId(), membership);
        return existing != null ? existing : membership;
    }

    synchronized boolean leave(RoomId roomId, UserId userId) {
        LinkedHashMap<UserId, Membership> members = memberships.get(roomId);
        return members != null && members.remove(userId) != null;
    }

    synchronized Optional<Membership> membership(RoomId roomId, UserId userId) {
        LinkedHashMap<UserId, Membership> members = memberships.get(roomId);
        return Optional.ofNullable(members == null ? null : members.get(userId));
    }

    synchronized boolean leaveHandingOver(RoomId roomId, UserId userId, Membership successor) {
        boolean left = leave(roomId, userId);
        if (left && successor != null) {
            updateRoles(List.of(successor));
        }
        return left;
    }

    synchronized boolean updateRoles(List<Membership> changed) {
        for (Membership membership : changed) {
            if (membership(membership.roomId(), membership.userId()).isEmpty()) {
                return false;
            }
        }
        for (Membership membership : changed) {
            LinkedHashMap<UserId, Membership> members = memberships.get(membership.roomId());
            members.put(membership.userId(), members.get(membership.userId()).withRole(membership.role()));
        }
        return true;
    }

    synchronized List<Membership> seniors(RoomId roomId, UserId excluding) {
        Comparator<Membership> seniority = Comparator.comparing(Membership::joinedAt).thenComparing(Membership::userId);
        List<Membership> found = new ArrayList<>();
        for (Role role : List.of(Role.ADMIN, Role.MEMBER)) {
            memberships.getOrDefault(roomId, new LinkedHashMap<>()).values().stream()
                    .filter(m -> m.role() == role && !m.userId().equals(excluding))
                    .min(seniority)
                    .ifPresent(found::add);
        }
        return found;
    }

    synchronized void ban(RoomBan ban) {
        requireRoomExists(ban.roomId());
        bans.computeIfAbsent(ban.roomId(), id -> new TreeMap<>()).putIfAbsent(ban.userId(), ban);
        leave(ban.roomId(), ban.userId());
        removeInvitation(ban.roomId(), ban.userId());
    }

    // ---- invitations

    synchronized RoomInvitation invite(RoomInvitation invitation) {
        Objects.requireNonNull(invitation, "invitation");
        requireRoomExists(invitation.roomId());
        return invitations.computeIfAbsent(invitation.roomId(), id -> new HashMap<>()).computeIfAbsent(invitation.userId(), id -> invitation);
    }

    synchronized Optional<RoomInvitation> invitation(RoomId roomId, UserId userId) {
        return Optional.ofNullable(invitations.getOrDefault(roomId, Map.of()).get(userId));
    }

    synchronized boolean removeInvitation(RoomId roomId, UserId userId) {
        Map<UserId, RoomInvitation> pending = invitations.get(roomId);
        return pending != null && pending.remove(userId) != null;
    }

    synchronized long pendingIn(RoomId roomId) {
        return invitations.getOrDefault(roomId, Map.of()).size();
    }

    synchronized List<RoomInvitation> pendingFor(UserId userId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return invitations.values().stream()
                .map(pending -> pending.get(userId))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(RoomInvitation::createdAt).thenComparing(invitation -> invitation.roomId().value()).reversed())
                .limit(limit)
                .toList();
    }

    synchronized boolean unban(RoomId roomId, UserId userId) {
        TreeMap<UserId, RoomBan> roomBans = bans.get(roomId);
        return roomBans != null && roomBans.remove(userId) != null;
    }

    synchronized boolean isBanned(RoomId roomId, UserId userId) {
        return bans.getOrDefault(roomId, new TreeMap<>()).containsKey(userId);
    }

    synchronized List<RoomBan> bans(RoomId roomId, UserId after, int limit) {
        TreeMap<UserId, RoomBan> roomBans = bans.getOrDefault(roomId, new TreeMap<>());
        return (after == null ? roomBans : roomBans.tailMap(after, false)).values().stream().limit(limit).toList();
    }

    synchronized List<Membership> members(RoomId roomId, UserId after, int limit) {
        LinkedHashMap<UserId, Membership> members = memberships.get(roomId);
        if (members == null) {
            return List.of();
        }
        return members.values().stream()
                .filter(m -> after == null || m.userId().value().compareTo(after.value()) > 0)
                .sorted(Comparator.comparing(m -> m.userId().value()))
                .limit(limit)
                .toList();
    }

    /** The rooms {@code userId} created after {@code since}. */
    synchronized List<Room> createdSince(UserId userId, RoomKind kind, java.time.Instant since) {
        return rooms.values().stream()
                .filter(room -> room.createdBy().equals(userId) && room.kind() == kind && room.createdAt().isAfter(since))
                .sorted(Comparator.comparing(Room::createdAt))
                .toList();
    }

    synchronized Optional<Membership> advanceReadMarker(RoomId roomId, UserId userId, ReadPosition position) {
        Objects.requireNonNull(position, "position");
        LinkedHashMap<UserId, Membership> members = memberships.get(roomId);
        if (members == null || !members.containsKey(userId)) {
            return Optional.empty();
        }
        Membership current = members.get(userId);
        Membership advanced = new Membership(current.roomId(), current.userId(), current.role(), current.joinedAt(),
                ReadMarker.later(current.lastRead(), position));
        members.put(userId, advanced);
        return Optional.of(advanced);
    }

    private boolean isMember(RoomId roomId, UserId userId) {
        LinkedHashMap<UserId, Membership> members = memberships.get(roomId);
        return members != null && members.containsKey(userId);
    }

    private Room requireRoomExists(RoomId roomId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            throw new IllegalStateException("foreign key violation: room " + roomId + " does not exist");
        }
        return room;
    }

    // ---- messages

    /**
     * See {@link parley.application.port.out.MessageStore#storeBatch}: the core's
     * {@link BatchNumbering} decides, as it does for the real store; this only reads and writes.
     * Messages for a room that does not exist or from a sender not in {@code knownSenders} are
     * refused, as the database's foreign keys would.
     */
    synchronized StoredBatch storeBatch(List<MessageAccepted> batch, Set<UserId> knownSenders) {
        batch.forEach(message -> Objects.requireNonNull(message, "a batch must not contain null"));
        BatchNumbering.Screening screening = BatchNumbering.screen(batch, rooms.keySet(), knownSenders);
        Map<RoomId, Long> lastSeqs = new HashMap<>();
        List<Message> stored = new ArrayList<>();
        for (MessageAccepted message : screening.storable()) {
            lastSeqs.putIfAbsent(message.roomId(), rooms.get(message.roomId()).lastSeq());
            Optional.ofNullable(messagesById.get(message.messageId())).ifPresent(stored::add);
            Optional.ofNullable(messagesByClientKey.get(ClientKey.of(message))).ifPresent(stored::add);
        }
        BatchNumbering numbering = BatchNumbering.of(screening, lastSeqs, stored);
        for (Message message : numbering.fresh()) {
            messagesById.put(message.id(), message);
            messagesByRoomAndSeq.computeIfAbsent(message.roomId(), id -> new TreeMap<>()).put(message.seq(), message);
            messagesByClientKey.put(ClientKey.of(message), message);
        }
        numbering.newestPerRoom().forEach(newest -> rooms.computeIfPresent(newest.roomId(), (id, room) -> room.withLastMessage(newest)));
        return numbering.result();
    }

    synchronized List<Message> latest(RoomId roomId, int limit) {
        return newest(messagesByRoomAndSeq.getOrDefault(roomId, Collections.emptyNavigableMap()), limit);
    }

    synchronized List<Message> beforeSeq(RoomId roomId, long beforeSeq, int limit) {
        return newest(messagesByRoomAndSeq.getOrDefault(roomId, Collections.emptyNavigableMap()).headMap(beforeSeq, false), limit);
    }

    synchronized List<Message> afterSeq(RoomId roomId, long afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return messagesByRoomAndSeq.getOrDefault(roomId, Collections.emptyNavigableMap())
                .tailMap(afterSeq, false).values().stream().limit(limit).toList();
    }

    synchronized Optional<Message> message(RoomId roomId, MessageId messageId) {
        return Optional.ofNullable(messagesById.get(messageId)).filter(message -> message.roomId().equals(roomId));
    }

    synchronized Optional<Message> messageByClientMsgId(RoomId roomId, UserId senderId, ClientMsgId clientMsgId) {
        return Optional.ofNullable(messagesByClientKey.get(new ClientKey(roomId, senderId, clientMsgId)));
    }

    /** Test helper: how many messages are stored in all rooms. */
    public synchronized int messageCount() {
        return messagesById.size();
    }

    private static List<Message> newest(NavigableMap<Long, Message> messages, int limit) {
        List<Message> newestFirst = new ArrayList<>(messages.descendingMap().values().stream().limit(limit).toList());
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst);
    }
}
