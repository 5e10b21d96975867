package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {

    @Test
    void denyListEntriesLiveForTheFloorOrTheLongestTokenValidityWhicheverIsLonger() {
        assertThat(SessionPolicy.DEFAULTS.denyListTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(SessionPolicy.DEFAULTS.denyListTtl(Duration.ofMinutes(61))).as("a short-lived token: the floor").isEqualTo(Duration.ofHours(24));
        assertThat(SessionPolicy.DEFAULTS.denyListTtl(Duration.ofHours(48))).isEqualTo(Duration.ofHours(48));
    }
}
