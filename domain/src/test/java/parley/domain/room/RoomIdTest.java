package parley.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RoomIdTest {

    @Test
    void aLowerCaseIdIsTheSameRoomAsItsUpperCaseForm() {
        assertThat(RoomId.of("01bx5zzkbkactav9wevgemmvrz")).isEqualTo(RoomId.of("01BX5ZZKBKACTAV9WEVGEMMVRZ"));
        assertThat(RoomId.of("01bx5zzkbkactav9wevgemmvrz")).hasToString("01BX5ZZKBKACTAV9WEVGEMMVRZ");
    }

    @Test
    void idsSortByTheirUlids() {
        RoomId older = RoomId.of("01arz3ndektsv4rrffq69g5fav");
        RoomId newer = RoomId.of("01BX5ZZKBKACTAV9WEVGEMMVRZ");

        assertThat(older).isLessThan(newer);
        assertThat(Stream.of(newer, older).sorted().toList()).containsExactly(older, newer);
    }

    @Test
    void anInvalidIdNamesTheRoomIdField() {
        refused("roomId", () -> RoomId.of("01ARZ3NDEKTSV4RRFFQ69G5FA"));
        refused("roomId", () -> RoomId.of(null));
    }
}
