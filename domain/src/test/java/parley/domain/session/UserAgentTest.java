package parley.domain.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserAgentTest {

    @Test
    void aLongUserAgentIsCutToTheBound() {
        assertThat(UserAgent.of("a".repeat(10_000)).value()).hasSize(UserAgent.MAX_LENGTH);
    }

    @Test
    void controlCharactersBecomeSpacesAndSurroundingSpaceGoes() {
        assertThat(UserAgent.of("  Mozilla/5.0\r\nX-Forged: 1\u0000 ").value()).isEqualTo("Mozilla/5.0  X-Forged: 1");
    }

    @Test
    void aMissingUserAgentIsEmpty() {
        assertThat(UserAgent.of(null).value()).isEmpty();
        assertThat(UserAgent.of("   ").value()).isEmpty();
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String text = "a".repeat(UserAgent.MAX_LENGTH - 1) + "😀";

        assertThat(UserAgent.of(text).value()).hasSize(UserAgent.MAX_LENGTH - 1);
    }
}
