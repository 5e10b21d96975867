package parley.adapter.out.postgres;

import java.util.concurrent.atomic.AtomicLong;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/** Valid ULIDs that increase strictly in the order they are handed out (a fixed time part and a counter). */
final class TestIds {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final AtomicLong COUNTER = new AtomicLong();

    private TestIds() {
    }

    static String next() {
        long value = COUNTER.incrementAndGet();
        char[] digits = new char[16];
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return "01JTEST000" + new String(digits);
    }

    static UserId userId() {
        return new UserId(next());
    }

    static RoomId roomId() {
        return new RoomId(next());
    }

    static MessageId messageId() {
        return new MessageId(next());
    }
}
