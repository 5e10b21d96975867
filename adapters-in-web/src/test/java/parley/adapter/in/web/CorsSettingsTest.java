package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CorsSettingsTest {

    private final ApplicationContextRunner gateway = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @EnableConfigurationProperties(CorsSettings.class)
    static class Settings {
    }

    @Test
    void byDefaultNoOtherOriginIsAllowed() {
        gateway.run(context -> assertThat(context.getBean(CorsSettings.class).sameOriginOnly()).isTrue());
        gateway.withPropertyValues("parley.cors.allowed-origins=")
                .run(context -> assertThat(context.getBean(CorsSettings.class).sameOriginOnly()).isTrue());
    }

    @Test
    void aListOfOriginsBindsFromOneCommaSeparatedValueAsTheEnvironmentGivesIt() {
        gateway.withPropertyValues("parley.cors.allowed-origins=https://chat.example.com, http://localhost:5173")
                .run(context -> assertThat(context.getBean(CorsSettings.class).allowedOrigins())
                        .containsExactly("https://chat.example.com", "http://localhost:5173"));
    }

    @Test
    void aStarAloneAllowsAnyOrigin() {
        gateway.withPropertyValues("parley.cors.allowed-origins=*")
                .run(context -> assertThat(context.getBean(CorsSettings.class).anyOrigin()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://chat.example.com", "http://localhost:5173", "http://127.0.0.1:3000", "http://[::1]:3000",
            "capacitor://localhost"})
    void anOriginAsBrowsersSendItIsTaken(String origin) {
        assertThat(new CorsSettings(List.of(origin)).allowedOrigins()).containsExactly(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://x/path", "http://x/", "https://chat.example.com/", "chat.example.com", "localhost:5173",
            "https://chat.example.com?x=1", "https://user@chat.example.com", "https://*.example.com", "http://x:99999", "null",
            "https://chat.example.com#top", "http://exa mple.com"})
    void whatIsNoOriginIsRefusedSayingWhatAnOriginLooksLike(String entry) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CorsSettings(List.of(entry)))
                .withMessageContaining("parley.cors.allowed-origins: '" + entry.strip() + "' is not an origin")
                .withMessageContaining("scheme://host[:port]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aBlankEntryIsRefused(String entry) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CorsSettings(Arrays.asList("https://a.example", entry)))
                .withMessageContaining("parley.cors.allowed-origins has a blank entry");
    }

    @Test
    void aStarAmongOriginsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CorsSettings(List.of("*", "https://a.example")))
                .withMessageContaining("must stand alone");
    }

    @Test
    void aGatewayGivenSomethingElseThanAnOriginRefusesToStartAndSaysWhy() {
        gateway.withPropertyValues("parley.cors.allowed-origins=https://chat.example.com,http://x/path")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'http://x/path' is not an origin"));
        gateway.withPropertyValues("parley.cors.allowed-origins=https://chat.example.com,,http://localhost:5173")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("blank entry"));
    }
}
