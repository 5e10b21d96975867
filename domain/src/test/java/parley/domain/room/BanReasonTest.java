package parley.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import org.junit.jupiter.api.Test;

class BanReasonTest {

    @Test
    void aReasonIsOptionalAndTrimmed() {
        assertThat(BanReason.of(null)).isEqualTo(BanReason.NONE);
        assertThat(BanReason.of("   ")).isEqualTo(BanReason.NONE);
        assertThat(BanReason.of("  spam\nand more ").value()).isEqualTo("spam\nand more");
    }

    @Test
    void aReasonOfMoreThan500CharactersOrWithControlCharactersIsRefused() {
        assertThat(BanReason.of("r".repeat(500)).value()).hasSize(500);
        refused("reason", () -> BanReason.of("r".repeat(501)));
        refused("reason", () -> BanReason.of("bell\u0007"));
    }
}
