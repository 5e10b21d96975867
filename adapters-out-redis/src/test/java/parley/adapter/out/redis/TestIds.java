package parley.adapter.out.redis;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import parley.application.model.ConnectionId;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/** Random ids, so tests sharing one Redis never meet. */
final class TestIds {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private TestIds() {
    }

    static String ulid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder text = new StringBuilder(26).append(CROCKFORD.charAt(random.nextInt(8)));
        for (int i = 1; i < 26; i++) {
            text.append(CROCKFORD.charAt(random.nextInt(CROCKFORD.length())));
        }
        return text.toString();
    }

    static RoomId room() {
        return RoomId.of(ulid());
    }

    static UserId user() {
        return UserId.of(ulid());
    }

    static MessageId message() {
        return MessageId.of(ulid());
    }

    static ClientMsgId clientMessage() {
        return new ClientMsgId(UUID.randomUUID());
    }

    static ConnectionId connection() {
        return new ConnectionId("gw-test/" + UUID.randomUUID());
    }
}
