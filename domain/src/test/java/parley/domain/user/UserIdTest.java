package parley.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UserIdTest {

    @Test
    void aLowerCaseIdIsTheSameUserAsItsUpperCaseForm() {
        UserId lower = UserId.of("01arz3ndektsv4rrffq69g5fav");

        assertThat(lower).isEqualTo(UserId.of("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
        assertThat(lower).hasToString("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    }

    @Test
    void idsSortByTheirUlidsSoOlderComesFirst() {
        UserId older = UserId.of("01arz3ndektsv4rrffq69g5fav"); // lower case: must still sort by value
        UserId newer = UserId.of("01BX5ZZKBKACTAV9WEVGEMMVRZ");

        assertThat(older.compareTo(newer)).isNegative();
        assertThat(newer.compareTo(older)).isPositive();
        assertThat(Stream.of(newer, older).sorted().toList()).containsExactly(older, newer);
    }

    @Test
    void anInvalidIdNamesTheUserIdField() {
        refused("userId", () -> UserId.of("not-a-ulid"));
        refused("userId", () -> UserId.of(null));
    }
}
