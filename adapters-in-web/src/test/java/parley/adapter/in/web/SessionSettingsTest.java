package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SessionSettingsTest {

    private final ApplicationContextRunner gateway = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @EnableConfigurationProperties(SessionSettings.class)
    static class Settings {
    }

    @Test
    void endedSessionsAreKeptAWeekAndPurgedHourlyByDefault() {
        gateway.run(context -> {
            SessionSettings settings = context.getBean(SessionSettings.class);
            assertThat(settings.retention()).isEqualTo(Duration.ofDays(7));
            assertThat(settings.purgeInterval()).isEqualTo(Duration.ofHours(1));
            assertThat(settings.policy().retention()).isEqualTo(Duration.ofDays(7));
        });
    }

    @Test
    void aRetentionShorterThanTheDenyListTtlStopsTheStartSayingWhy() {
        gateway.withPropertyValues("parley.auth.sessions.retention=12h").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("retention of ended sessions (PT12H) must be at least the deny-list TTL (PT24H)"));
        gateway.withPropertyValues("parley.auth.sessions.retention=2d", "parley.auth.sessions.deny-list-ttl=2d")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aPurgeIntervalMustBePositive() {
        gateway.withPropertyValues("parley.auth.sessions.purge-interval=0s").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("purge interval must be positive"));
    }
}
