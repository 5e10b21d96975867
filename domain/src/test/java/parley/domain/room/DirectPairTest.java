package parley.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static parley.domain.Fixtures.refused;
import static parley.domain.Fixtures.userId;

import org.junit.jupiter.api.Test;

class DirectPairTest {

    @Test
    void bothUsersNameTheSamePair() {
        DirectPair started = DirectPair.of(userId(2), userId(1));
        DirectPair answered = DirectPair.of(userId(1), userId(2));

        assertThat(started).isEqualTo(answered);
        assertThat(started.first()).isEqualTo(userId(1));
    }

    @Test
    void anotherPairIsNotTheSame() {
        assertThat(DirectPair.of(userId(1), userId(2))).isNotEqualTo(DirectPair.of(userId(1), userId(3)));
    }

    @Test
    void eachUsersPeerIsTheOther() {
        DirectPair pair = DirectPair.of(userId(1), userId(2));

        assertThat(pair.peerOf(userId(1))).isEqualTo(userId(2));
        assertThat(pair.peerOf(userId(2))).isEqualTo(userId(1));
        assertThat(pair.contains(userId(2))).isTrue();
        assertThat(pair.contains(userId(3))).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> pair.peerOf(userId(3)));
    }

    @Test
    void aDirectRoomWithOneselfIsRefused() {
        refused("userId", () -> DirectPair.of(userId(1), userId(1)));
    }

    @Test
    void theCanonicalOrderIsEnforced() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DirectPair(userId(2), userId(1)));
    }
}
