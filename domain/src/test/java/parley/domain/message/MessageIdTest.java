package parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageIdTest {

    @Test
    void messageIdsSortInTheOrderTheyWereHandedOut() {
        MessageId first = MessageId.of("01ARZ3NDEKTSV4RRFFQ69G5FAV");
        MessageId second = MessageId.of("01arz3ndektsv4rrffq69g5faw"); // one later, sent in lower case
        MessageId third = MessageId.of("01BX5ZZKBKACTAV9WEVGEMMVRZ");

        assertThat(List.of(third, first, second).stream().sorted().toList()).containsExactly(first, second, third);
        assertThat(second).isGreaterThan(first).isLessThan(third);
    }

    @Test
    void anIdIsCanonicalisedSoItsTextualFormIsStable() {
        MessageId id = MessageId.of("01bx5zzkbkactav9wevgemmvrz");

        assertThat(id.value()).isEqualTo("01BX5ZZKBKACTAV9WEVGEMMVRZ");
        assertThat(id).hasToString("01BX5ZZKBKACTAV9WEVGEMMVRZ");
        assertThat(id).isEqualTo(MessageId.of("01BX5ZZKBKACTAV9WEVGEMMVRZ"));
        assertThat(id.compareTo(MessageId.of("01BX5ZZKBKACTAV9WEVGEMMVRZ"))).isZero();
    }

    @Test
    void anInvalidIdNamesTheMessageIdField() {
        refused("messageId", () -> MessageId.of("81ARZ3NDEKTSV4RRFFQ69G5FAV"));
        refused("messageId", () -> MessageId.of(null));
    }
}
