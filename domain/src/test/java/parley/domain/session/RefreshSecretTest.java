package parley.domain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshSecretTest {

    @Test
    void aSecretIs256RandomBitsInUrlSafeBase64WithoutPadding() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            RefreshSecret secret = RefreshSecret.generate();
            assertThat(secret.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(secret.value())).hasSize(32);
            seen.add(secret.value());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void onlyTheExactFormOfASecretParses() {
        RefreshSecret secret = RefreshSecret.generate();

        assertThat(RefreshSecret.parse(secret.value())).contains(secret);
        assertThat(RefreshSecret.parse(secret.value() + "=")).isEmpty();
        assertThat(RefreshSecret.parse(secret.value().substring(1))).isEmpty();
        assertThat(RefreshSecret.parse("!" + secret.value().substring(1))).isEmpty();
        assertThat(RefreshSecret.parse("")).isEmpty();
        assertThat(RefreshSecret.parse(null)).isEmpty();
        assertThat(RefreshSecret.parse("x".repeat(100_000))).isEmpty();
    }

    @Test
    void theHashIsSha256AndComparesByValue() {
        RefreshSecret secret = RefreshSecret.generate();

        assertThat(secret.hash().bytes()).hasSize(32);
        assertThat(secret.hash()).isEqualTo(RefreshSecret.parse(secret.value()).orElseThrow().hash());
        assertThat(secret.hash().matches(RefreshSecret.parse(secret.value()).orElseThrow().hash())).isTrue();
        assertThat(secret.hash()).isNotEqualTo(RefreshSecret.generate().hash());
        assertThat(secret.hash().toString()).doesNotContain(secret.value());
        assertThat(secret.toString()).doesNotContain(secret.value());
    }

    @Test
    void aHashIsExactly32Bytes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SecretHash.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
