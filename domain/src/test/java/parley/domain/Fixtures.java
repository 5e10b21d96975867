package parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.UserId;

/** Test data and the one assertion every validation test needs: "refused, naming this field". */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Fixtures() {
    }

    /** A valid canonical ULID; a larger {@code n} gives a later (greater) ULID. */
    public static String ulid(int n) {
        if (n < 0 || n > 999) {
            throw new IllegalArgumentException("n must be 0..999");
        }
        return "01HZX" + "0".repeat(18) + "%03d".formatted(n);
    }

    public static MessageId messageId(int n) {
        return MessageId.of(ulid(n));
    }

    public static RoomId roomId(int n) {
        return RoomId.of(ulid(n));
    }

    public static UserId userId(int n) {
        return UserId.of(ulid(n));
    }

    public static ClientMsgId clientMsgId(int n) {
        return new ClientMsgId(new UUID(0L, n));
    }

    public static MessageAccepted accepted(int messageN, RoomId room) {
        return new MessageAccepted(
                messageId(messageN), room, userId(500), clientMsgId(messageN),
                MessageContent.text("message " + messageN), T0.plusSeconds(messageN));
    }

    /** Asserts that {@code call} throws an {@link InvalidValueException} for {@code field} and returns it. */
    public static InvalidValueException refused(String field, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown)
                .as("expected %s to be refused", field)
                .isInstanceOf(InvalidValueException.class);
        InvalidValueException invalid = (InvalidValueException) thrown;
        assertThat(invalid.field()).isEqualTo(field);
        return invalid;
    }
}
