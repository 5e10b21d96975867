package parley.adapter.out.postgres;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.room.Membership;
import parley.domain.room.Room;
import parley.domain.room.RoomDescription;
import parley.domain.room.RoomId;
import parley.domain.room.RoomName;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import parley.domain.user.UserId;

/** The four stores on one test database, and short ways to make users, rooms and messages with them. */
final class ChatFixture {

    /** Every call to {@link #tick()} is one second later; timestamps in tests are easy to order. */
    private static final Instant EPOCH = Instant.parse("2026-03-01T09:00:00.123456Z");

    final PostgresDatabase database;
    final R2dbcUserStore users;
    final R2dbcRoomStore rooms;
    final R2dbcMembershipStore memberships;
    final R2dbcMessageStore messages;
    final R2dbcInvitationStore invitations;
    private final AtomicLong seconds = new AtomicLong();

    ChatFixture(PostgresDatabase database) {
        this.database = database;
        this.users = new R2dbcUserStore(database.client);
        this.rooms = new R2dbcRoomStore(database.client, database.transactions);
        this.memberships = new R2dbcMembershipStore(database.client, database.transactions);
        this.messages = new R2dbcMessageStore(database.client, database.transactions);
        this.invitations = new R2dbcInvitationStore(database.client);
    }

    /** A moment after every moment handed out before. */
    Instant tick() {
        return EPOCH.plusSeconds(seconds.incrementAndGet());
    }

    User user(String name) {
        User user = new User(TestIds.userId(), EmailAddress.of(name + "-" + UUID.randomUUID() + "@example.com"),
                DisplayName.of(name), "hash-of-" + name, tick());
        return users.insert(user).block();
    }

    Room room(User owner, String name) {
        Instant now = tick();
        Room room = Room.create(TestIds.roomId(), RoomName.of(name), RoomDescription.NONE, owner.id(), now);
        return rooms.insert(room, Membership.owner(room.id(), owner.id(), now)).block();
    }

    Membership join(Room room, User user) {
        return memberships.join(Membership.member(room.id(), user.id(), tick())).block();
    }

    MessageAccepted text(Room room, User sender, String text) {
        return text(room.id(), sender.id(), text);
    }

    MessageAccepted text(RoomId room, UserId sender, String text) {
        return new MessageAccepted(TestIds.messageId(), room, sender, new ClientMsgId(UUID.randomUUID()),
                MessageContent.text(text), tick());
    }
}
