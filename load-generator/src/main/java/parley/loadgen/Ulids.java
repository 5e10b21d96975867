package parley.loadgen;

import java.util.concurrent.ThreadLocalRandom;

/** ULIDs (48-bit millisecond time, 80 random bits) in Crockford base32, for records produced straight to Kafka. */
final class Ulids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ulids() {
    }

    static String next() {
        long time = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long hi = (time << 16) | (random.nextLong() & 0xFFFFL); // 48 bits of time, 16 random
        long lo = random.nextLong();                              // 64 random
        char[] out = new char[26];
        // 128 bits as 26 groups of 5 bits from the least significant end; the first char holds 3 bits
        for (int i = 25; i >= 0; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | ((hi & 31) << 59);
            hi >>>= 5;
        }
        return new String(out);
    }
}
