package parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.domain.Fixtures.refused;

import java.util.List;
import java.util.UUID;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
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
    void theIdOfASentMessageIsDerivedFromItsRoomSenderAndClientMessageIdAlone() {
        RoomId room = RoomId.of("01J9ZQ4ZK3M7Y8A1B2C3D4E5F6");
        UserId sender = UserId.of("01J9ZQ50000000000000000000");
        ClientMsgId clientMsgId = new ClientMsgId(UUID.fromString("3f2c8a4e-8f59-4a57-9c3e-0a1b2c3d4e5f"));

        MessageId id = MessageId.of(room, sender, clientMsgId);

        // the first 128 bits of SHA-256("parley message id v1" 0 room 0 sender 0 uuid-bytes), computed independently
        assertThat(id.value()).isEqualTo("4447JYYDZD84G87GZQARXWBWV9");
        assertThat(MessageId.of(room, sender, clientMsgId)).isEqualTo(id);
        assertThat(MessageId.of(RoomId.of("01J9ZQ4ZK3M7Y8A1B2C3D4E5F7"), sender, clientMsgId)).isNotEqualTo(id);
        assertThat(MessageId.of(room, UserId.of("01J9ZQ50000000000000000001"), clientMsgId)).isNotEqualTo(id);
        assertThat(MessageId.of(room, sender, new ClientMsgId(UUID.randomUUID()))).isNotEqualTo(id);
    }

    @Test
    void derivedIdsAreAlwaysValidUlidTextWhateverTheirBits() {
        RoomId room = RoomId.of("01J9ZQ4ZK3M7Y8A1B2C3D4E5F6");
        UserId sender = UserId.of("01J9ZQ50000000000000000000");
        for (int i = 0; i < 2_000; i++) {
            String derived = MessageId.of(room, sender, new ClientMsgId(UUID.randomUUID())).value();
            assertThat(MessageId.of(derived).value()).isEqualTo(derived);
        }
        assertThat(parley.domain.shared.Ulid.encode(-1L, -1L)).isEqualTo("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
        assertThat(parley.domain.shared.Ulid.encode(0L, 1L)).isEqualTo("00000000000000000000000001");
    }

    @Test
    void anInvalidIdNamesTheMessageIdField() {
        refused("messageId", () -> MessageId.of("81ARZ3NDEKTSV4RRFFQ69G5FAV"));
        refused("messageId", () -> MessageId.of(null));
    }
}
