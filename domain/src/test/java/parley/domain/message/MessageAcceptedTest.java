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

class MessageAcceptedTest {

    private static final MessageContent HELLO = MessageContent.text("hello");

    private final MessageAccepted accepted =
            new MessageAccepted(messageId(1), roomId(2), userId(3), clientMsgId(4), HELLO, T0);

    @Test
    void itBecomesAMessageAtTheGivenSeqKeepingEverything() {
        Message message = accepted.toMessage(7);

        assertThat(message).isEqualTo(new Message(messageId(1), roomId(2), userId(3), clientMsgId(4), HELLO, T0, 7));
    }

    @Test
    void theMessageIsCreatedWhenItWasAcceptedNotWhenItWasPersisted() {
        assertThat(accepted.toMessage(1).createdAt()).isEqualTo(T0);
    }

    @Test
    void itCannotBecomeAMessageBeforeSeqOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> accepted.toMessage(0));
    }

    @Test
    void everyPartIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new MessageAccepted(null, roomId(2), userId(3), clientMsgId(4), HELLO, T0)).withMessage("messageId");
        assertThatNullPointerException().isThrownBy(() -> new MessageAccepted(messageId(1), null, userId(3), clientMsgId(4), HELLO, T0)).withMessage("roomId");
        assertThatNullPointerException().isThrownBy(() -> new MessageAccepted(messageId(1), roomId(2), null, clientMsgId(4), HELLO, T0)).withMessage("senderId");
        assertThatNullPointerException().isThrownBy(() -> new MessageAccepted(messageId(1), roomId(2), userId(3), null, HELLO, T0)).withMessage("clientMsgId");
        assertThatNullPointerException().isThrownBy(() -> new MessageAccepted(messageId(1), roomId(2), userId(3), clientMsgId(4), null, T0)).withMessage("content");
        assertThatNullPointerException().isThrownBy(() -> new MessageAccepted(messageId(1), roomId(2), userId(3), clientMsgId(4), HELLO, null)).withMessage("acceptedAt");
    }
}
