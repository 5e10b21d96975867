package parley.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.application.model.MemberChange;
import parley.application.model.RoomSignal;
import parley.domain.message.MessageId;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

class RoomSignalCodecTest {

    private static final RoomId ROOM = RoomId.of("01J9ZQ4ZK3M7Y8A1B2C3D4E5F6");
    private static final RoomId OTHER_ROOM = RoomId.of("01J9ZQ60000000000000000000");
    private static final UserId USER = UserId.of("01J9ZQ50000000000000000000");

    @Test
    void aMemberWhoLeftTravelsAsOneLineWithRoomAndUser() {
        RoomSignal left = new RoomSignal.MemberLeft(ROOM, USER);

        String wire = RoomSignalCodec.encode(left);

        assertThat(wire).isEqualTo("left 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000");
        assertThat(RoomSignalCodec.decode(wire)).contains(left);
    }

    @Test
    void memberChangesAndRoomNewsTravelAsOneLineOfIds() {
        UserId other = UserId.of("01J9ZQ70000000000000000000");
        RoomSignal joined = new RoomSignal.MemberChanged(ROOM, USER, MemberChange.JOINED, Role.MEMBER);
        RoomSignal banned = new RoomSignal.MemberChanged(ROOM, USER, MemberChange.BANNED, null);
        RoomSignal changed = new RoomSignal.RoomChanged(ROOM, USER);
        RoomSignal opened = new RoomSignal.DirectRoomOpened(ROOM, USER);
        RoomSignal invited = new RoomSignal.Invited(ROOM, USER, other);
        RoomSignal read = new RoomSignal.MarkerMoved(ROOM, USER, MessageId.of("01J9ZQ80000000000000000000"), 42);

        assertThat(RoomSignalCodec.encode(joined)).isEqualTo("member 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 JOINED MEMBER");
        assertThat(RoomSignalCodec.encode(banned)).isEqualTo("member 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 BANNED -");
        assertThat(RoomSignalCodec.encode(changed)).isEqualTo("room 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000");
        assertThat(RoomSignalCodec.encode(opened)).isEqualTo("opened 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000");
        assertThat(RoomSignalCodec.encode(invited))
                .isEqualTo("invited 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 01J9ZQ70000000000000000000");
        assertThat(RoomSignalCodec.encode(read))
                .isEqualTo("read 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 01J9ZQ80000000000000000000 42");
        for (RoomSignal signal : new RoomSignal[] {joined, banned, changed, opened, invited, read}) {
            assertThat(RoomSignalCodec.decode(RoomSignalCodec.encode(signal))).contains(signal);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "member 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 JOINED",
            "member 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 JOINED -",
            "member 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 LEFT OWNER",
            "member 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 PROMOTED ADMIN",
            "member 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 ROLE_CHANGED GOD",
            "room 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6",
            "opened 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 not-an-id",
            "invited 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000",
            "read 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 01J9ZQ80000000000000000000 0",
            "read 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 01J9ZQ80000000000000000000 many",
            "read 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 01J9ZQ80000000000000000000"})
    void aMalformedMemberOrRoomLineIsNotASignal(String line) {
        assertThat(RoomSignalCodec.decode(line)).isEmpty();
    }

    @Test
    void typingTravelsAsOneLineWithRoomAndUser() {
        RoomSignal typing = new RoomSignal.Typing(ROOM, USER);

        String wire = RoomSignalCodec.encode(typing);

        assertThat(wire).isEqualTo("typing 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000");
        assertThat(RoomSignalCodec.decode(wire)).contains(typing);
    }

    @Test
    void presenceChangesTravelWithTheirDirectionAndTheUsersRooms() {
        RoomSignal online = new RoomSignal.PresenceChanged(USER, true, Set.of(OTHER_ROOM, ROOM));
        RoomSignal offline = new RoomSignal.PresenceChanged(USER, false, Set.of(ROOM));

        assertThat(RoomSignalCodec.encode(online))
                .isEqualTo("presence 01J9ZQ50000000000000000000 online 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ60000000000000000000");
        assertThat(RoomSignalCodec.encode(offline))
                .isEqualTo("presence 01J9ZQ50000000000000000000 offline 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6");
        assertThat(RoomSignalCodec.decode(RoomSignalCodec.encode(online))).contains(online);
        assertThat(RoomSignalCodec.decode(RoomSignalCodec.encode(offline))).contains(offline);
    }

    @Test
    void aVersionedPresenceChangeCarriesItsVersionBeforeTheRooms() {
        RoomSignal online = new RoomSignal.PresenceChanged(USER, true, Set.of(ROOM), 42);

        assertThat(RoomSignalCodec.encode(online)).isEqualTo("presence 01J9ZQ50000000000000000000 online @42 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6");
        assertThat(RoomSignalCodec.decode(RoomSignalCodec.encode(online))).contains(online);
        assertThat(RoomSignalCodec.decode("presence 01J9ZQ50000000000000000000 offline @7")).contains(
                new RoomSignal.PresenceChanged(USER, false, Set.of(), 7));
    }

    @Test
    void aUserInNoRoomStillHasAPresence() {
        RoomSignal lonely = new RoomSignal.PresenceChanged(USER, true, Set.of());

        assertThat(RoomSignalCodec.encode(lonely)).isEqualTo("presence 01J9ZQ50000000000000000000 online");
        assertThat(RoomSignalCodec.decode("presence 01J9ZQ50000000000000000000 online")).contains(lonely);
    }

    @Test
    void aUserInManyRoomsFitsOnOneLine() {
        Set<RoomId> rooms = IntStream.range(0, 500).mapToObj(i -> RoomId.of(String.format("01J9ZQ7%019d", i)))
                .collect(Collectors.toSet());
        RoomSignal busy = new RoomSignal.PresenceChanged(USER, false, rooms);

        assertThat(RoomSignalCodec.decode(RoomSignalCodec.encode(busy))).contains(busy);
    }

    @Test
    void idsAreReadInTheirCanonicalForm() {
        assertThat(RoomSignalCodec.decode("typing 01j9zq4zk3m7y8a1b2c3d4e5f6 01j9zq50000000000000000000"))
                .contains(new RoomSignal.Typing(ROOM, USER));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            " ",
            "typing",
            "typing 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6",
            "typing 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000 extra",
            "typing  01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000",
            "typing 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 not-a-user",
            "typing 81J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000",
            "TYPING 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000",
            "presence 01J9ZQ50000000000000000000",
            "presence 01J9ZQ50000000000000000000 online not-a-room",
            "presence 01J9ZQ50000000000000000000 online 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 ",
            "presence 01J9ZQ50000000000000000000 online  01J9ZQ4ZK3M7Y8A1B2C3D4E5F6",
            "presence 01J9ZQ50000000000000000000 true",
            "presence 01J9ZQ50000000000000000000 Online",
            "presence not-a-user online",
            "presence 01J9ZQ50000000000000000000 online @",
            "presence 01J9ZQ50000000000000000000 online @x 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6",
            "presence 01J9ZQ50000000000000000000 online @-3",
            "presence 01J9ZQ50000000000000000000 online 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 @3",
            "joined 01J9ZQ4ZK3M7Y8A1B2C3D4E5F6 01J9ZQ50000000000000000000",
            "{\"type\":\"typing\",\"roomId\":\"01J9ZQ4ZK3M7Y8A1B2C3D4E5F6\"}"
    })
    void aLineThatIsNotASignalDecodesToNothing(String line) {
        assertThat(RoomSignalCodec.decode(line)).isEmpty();
    }

    @Test
    void nothingDecodesToNothing() {
        assertThat(RoomSignalCodec.decode(null)).isEmpty();
    }
}
