package parley.application.fake;

import java.util.concurrent.atomic.AtomicLong;
import parley.application.port.out.IdGenerator;
import parley.domain.shared.Ulid;

/**
 * Valid, strictly increasing ULIDs that are easy to read in a failure message: a fixed
 * 10-character time part and a 16-character counter, both Crockford base32.
 */
public final class SequentialIdGenerator implements IdGenerator {

    public static final String DEFAULT_TIME_PART = "01J0000000";
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int COUNTER_LENGTH = 16;

    private final String timePart;
    private final AtomicLong counter = new AtomicLong();

    public SequentialIdGenerator() {
        this(DEFAULT_TIME_PART);
    }

    /** Ids with another time part, e.g. to make ids that sort after (or before) the default ones. */
    public SequentialIdGenerator(String timePart) {
        if (timePart == null || timePart.length() != Ulid.LENGTH - COUNTER_LENGTH
                || !Ulid.isValid(timePart + "0".repeat(COUNTER_LENGTH))) {
            throw new IllegalArgumentException("the time part must be 10 Crockford base32 characters starting with 0..7: " + timePart);
        }
        this.timePart = timePart;
    }

    @Override
    public String nextUlid() {
        return timePart + encode(counter.incrementAndGet());
    }

    /** How many ids were handed out. */
    public long issued() {
        return counter.get();
    }

    private static String encode(long value) {
        char[] digits = new char[COUNTER_LENGTH];
        long rest = value;
        for (int i = COUNTER_LENGTH - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (rest & 31));
            rest >>>= 5;
        }
        return new String(digits);
    }
}
