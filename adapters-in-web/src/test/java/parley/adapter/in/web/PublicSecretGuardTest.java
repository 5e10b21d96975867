package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicSecretGuardTest {

    private static final String PUBLIC = "parley-dev-secret-not-for-production-0123456789";

    @ParameterizedTest(name = "the public secret on ''{0}'' is refused")
    @ValueSource(strings = {"", "0.0.0.0", "::", "192.168.1.10", "localhost", "gateway.example.com"})
    void thePublicSecretIsRefusedOnAnythingButLoopback(String address) {
        assertThatThrownBy(() -> PublicSecretGuard.check(PUBLIC, PUBLIC, address))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PARLEY_JWT_SECRET");
    }

    @ParameterizedTest(name = "the public secret on {0} is allowed")
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1"})
    void thePublicSecretServesLoopback(String address) {
        assertThatCode(() -> PublicSecretGuard.check(PUBLIC, PUBLIC, address)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "a secret of its own may serve ''{0}''")
    @ValueSource(strings = {"", "0.0.0.0", "10.0.0.5"})
    void aSecretOfItsOwnMayServeAnyAddress(String address) {
        assertThatCode(() -> PublicSecretGuard.check("a-real-secret-of-at-least-32-bytes-0123456789", PUBLIC, address))
                .doesNotThrowAnyException();
        assertThatCode(() -> PublicSecretGuard.check("a-real-secret-of-at-least-32-bytes-0123456789", "", address))
                .doesNotThrowAnyException();
    }
}
