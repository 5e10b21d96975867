package parley.reliability.abuse;

import java.security.SecureRandom;

/** Made-up ids of the right form (ULIDs) for rooms and messages that do not exist. */
final class Ids {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String ulid() {
        StringBuilder id = new StringBuilder(26).append(CROCKFORD.charAt(RANDOM.nextInt(8)));
        for (int i = 1; i < 26; i++) {
            id.append(CROCKFORD.charAt(RANDOM.nextInt(32)));
        }
        return id.toString();
    }
}
