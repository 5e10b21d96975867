package parley.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static parley.domain.Fixtures.T0;
import static parley.domain.Fixtures.userId;

import org.junit.jupiter.api.Test;

class UserTest {

    private static final String HASH = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

    @Test
    void toStringNeverShowsThePasswordHash() {
        User user = new User(userId(1), EmailAddress.of("alice@example.com"), DisplayName.of("Alice"), HASH, T0);

        assertThat(user.toString())
                .doesNotContain(HASH)
                .doesNotContain("argon2")
                .contains(userId(1).value(), "alice@example.com", "Alice");
    }

    @Test
    void everyPartIsRequired() {
        EmailAddress email = EmailAddress.of("alice@example.com");
        DisplayName name = DisplayName.of("Alice");

        assertThatNullPointerException().isThrownBy(() -> new User(null, email, name, HASH, T0)).withMessage("id");
        assertThatNullPointerException().isThrownBy(() -> new User(userId(1), null, name, HASH, T0)).withMessage("email");
        assertThatNullPointerException().isThrownBy(() -> new User(userId(1), email, null, HASH, T0)).withMessage("displayName");
        assertThatNullPointerException().isThrownBy(() -> new User(userId(1), email, name, null, T0)).withMessage("passwordHash");
        assertThatNullPointerException().isThrownBy(() -> new User(userId(1), email, name, HASH, null)).withMessage("createdAt");
    }
}
