package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spellings of {@code /ws} that the handler mapping takes for {@code /ws} (percent-encoded letters,
 * {@code ;} path parameters) must meet the same pre-upgrade token check: a plain 401 and no
 * WebSocket, never an upgrade that the handler closes afterwards (a half-open socket for nobody).
 */
class SocketPathVariantTest {

    @ParameterizedTest(name = "{0} without a token is 401 before any upgrade")
    @ValueSource(strings = {"/ws", "/w%73", "/%77s", "/%77%73", "/ws;x", "/ws;jsessionid=1", "/w%73;a=b", "/ws;", "/ws%3Bx", "/ws/"})
    void everySpellingOfTheSocketPathIsRefusedBeforeTheUpgrade(String path) {
        for (String target : new String[] {path, path + "?token=not-a-token"}) {
            RawSocket.Upgrade upgrade = RawSocket.attempt(target, Map.of());

            assertThat(upgrade.status()).as("%s answered %s", target, upgrade.head()).isEqualTo(401);
            assertThat(upgrade.head().toLowerCase()).as(upgrade.head()).doesNotContain("upgrade: websocket");
        }
    }

    @ParameterizedTest(name = "{0} with a valid token upgrades: the mapping does take it for /ws")
    @ValueSource(strings = {"/w%73", "/ws;x"})
    void theseSpellingsDoReachTheSocketHandler(String path) {
        User user = User.register("Spelling");

        RawSocket.Upgrade upgrade = RawSocket.attempt(path + "?token=" + user.token(), Map.of());

        assertThat(upgrade.status()).as(upgrade.head()).isEqualTo(101);
    }
}
