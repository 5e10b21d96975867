package parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static parley.domain.Fixtures.refused;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMsgIdTest {

    private static final String CANONICAL = "123e4567-e89b-42d3-a456-426614174000";

    @Test
    void aCanonicalUuidIsParsed() {
        ClientMsgId id = ClientMsgId.parse(CANONICAL);

        assertThat(id.value()).isEqualTo(UUID.fromString(CANONICAL));
        assertThat(id).hasToString(CANONICAL);
    }

    @Test
    void upperCaseHexIsTheSameIdAndIsPrintedInLowerCase() {
        ClientMsgId upper = ClientMsgId.parse(CANONICAL.toUpperCase());

        assertThat(upper).isEqualTo(ClientMsgId.parse(CANONICAL));
        assertThat(upper).hasToString(CANONICAL);
    }

    @Test
    void theNilUuidIsAUuid() {
        assertThat(ClientMsgId.parse("00000000-0000-0000-0000-000000000000").value()).isEqualTo(new UUID(0, 0));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aMissingIdIsRequired(String text) {
        assertThat(refused("clientMsgId", () -> ClientMsgId.parse(text)).reason()).isEqualTo("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1-2-3-4-5",                                  // short form UUID.fromString would take
            "123e4567-e89b-42d3-a456-42661417400",        // 35
            "123e4567-e89b-42d3-a456-4266141740000",      // 37
            "123e4567e89b42d3a456426614174000",           // no dashes
            "{123e4567-e89b-42d3-a456-426614174000}",     // braces
            "123e4567-e89b-42d3-a456-42661417400g",       // not hex
            " 123e4567-e89b-42d3-a456-42661417400",       // padded to 36
            "123e4567_e89b_42d3_a456_426614174000",       // wrong separators
            "01ARZ3NDEKTSV4RRFFQ69G5FAV"})                // a ULID
    void somethingThatIsNotACanonicalUuidIsRefused(String text) {
        assertThat(refused("clientMsgId", () -> ClientMsgId.parse(text)).reason()).isEqualTo("must be a UUID");
    }

    @Test
    void theValueIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new ClientMsgId(null));
    }

    /**
     * BUG (ClientMsgId.parse): only the length is checked, so 36-character texts that are not the
     * canonical 8-4-4-4-12 form reach UUID.fromString, which accepts a sign and moved dashes and
     * silently drops the overflow of a 9-digit group. "100000000-000-0000-0000-000000000000" thus
     * becomes the nil UUID, the same id as "00000000-0000-0000-0000-000000000000": two different
     * client ids deduplicate into one message.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "+0000000-0000-0000-0000-000000000000",
            "100000000-000-0000-0000-000000000000",
            "0000000000-00-0000-0000-000000000000"})
    void thirtySixCharactersThatAreNotTheCanonicalFormAreRefused(String text) {
        refused("clientMsgId", () -> ClientMsgId.parse(text));
    }
}
