package parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static parley.domain.Fixtures.T0;
import static parley.domain.Fixtures.clientMsgId;
import static parley.domain.Fixtures.messageId;
import static parley.domain.Fixtures.roomId;
import static parley.domain.Fixtures.userId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTest {

    private static final MessageContent HELLO = MessageContent.text("hello");

    private static Message withSeq(long seq) {
        return new Message(messageId(1), roomId(2), userId(3), clientMsgId(4), HELLO, T0, seq);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 1_000_000, Long.MAX_VALUE})
    void aSeqFromOneUpIsAPosition(long seq) {
        assertThat(withSeq(seq).seq()).isEqualTo(seq);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void aSeqBelowOneIsRefused(long seq) {
        assertThatIllegalArgumentException().isThrownBy(() -> withSeq(seq)).withMessageContaining("seq starts at 1");
    }

    @Test
    void everyPartIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new Message(null, roomId(2), userId(3), clientMsgId(4), HELLO, T0, 1)).withMessage("id");
        assertThatNullPointerException().isThrownBy(() -> new Message(messageId(1), null, userId(3), clientMsgId(4), HELLO, T0, 1)).withMessage("roomId");
        assertThatNullPointerException().isThrownBy(() -> new Message(messageId(1), roomId(2), null, clientMsgId(4), HELLO, T0, 1)).withMessage("senderId");
        assertThatNullPointerException().isThrownBy(() -> new Message(messageId(1), roomId(2), userId(3), null, HELLO, T0, 1)).withMessage("clientMsgId");
        assertThatNullPointerException().isThrownBy(() -> new Message(messageId(1), roomId(2), userId(3), clientMsgId(4), null, T0, 1)).withMessage("content");
        assertThatNullPointerException().isThrownBy(() -> new Message(messageId(1), roomId(2), userId(3), clientMsgId(4), HELLO, null, 1)).withMessage("createdAt");
    }

    @Test
    void aPersistedEventCarriesItsMessage() {
        Message message = withSeq(1);

        assertThat(new MessagePersisted(message).message()).isSameAs(message);
        assertThatNullPointerException().isThrownBy(() -> new MessagePersisted(null)).withMessage("message");
    }
}
