package parley.contract.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageId;
import parley.domain.message.MessagePersisted;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

class MessageRecordCodecTest {

    private static final String MESSAGE = "01JD0000000000000000000001";
    private static final String ROOM = "01JD0000000000000000000002";
    private static final String USER = "01JD0000000000000000000003";
    private static final String CLIENT = "0b6f9a4e-6a55-4b7e-9d0c-4a1f0c0f3a11";

    private final MessageRecordCodec codec = new MessageRecordCodec();

    private static MessageAccepted accepted(String text) {
        return new MessageAccepted(MessageId.of(MESSAGE), RoomId.of(ROOM), UserId.of(USER),
                new ClientMsgId(UUID.fromString(CLIENT)), MessageContent.text(text), Instant.parse("2026-11-25T10:15:30.123Z"));
    }

    @Test
    void anAcceptedMessageSurvivesTheRoundTrip() {
        MessageAccepted event = accepted("hello 👋\nsecond line");

        assertThat(codec.decodeAccepted(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void aPersistedMessageSurvivesTheRoundTripWithItsSeq() {
        MessagePersisted event = new MessagePersisted(accepted("hi").toMessage(42));

        MessagePersisted decoded = codec.decodePersisted(codec.encode(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.message().seq()).isEqualTo(42);
    }

    // L3: a valid Instant that no store can hold must be dead-lettered at decoding, not stall the partition
    @ParameterizedTest
    @CsvSource({"+300000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"})
    void aTimeOutsideTheFourDigitYearsOfTheContractIsUnreadable(String producedAt) {
        String json = new String(codec.encode(accepted("hi")), StandardCharsets.UTF_8)
                .replace("2026-11-25T10:15:30.123Z", producedAt);

        assertThatThrownBy(() -> codec.decodeAccepted(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("producedAt");
    }

    @Test
    void theValueCarriesTheContractsFieldNames() {
        String json = new String(codec.encode(accepted("hi")), StandardCharsets.UTF_8);

        assertThat(json).contains("\"schemaVersion\":1", "\"messageId\":\"" + MESSAGE + "\"", "\"roomId\":\"" + ROOM + "\"",
                "\"senderId\":\"" + USER + "\"", "\"clientMsgId\":\"" + CLIENT + "\"", "\"messageType\":\"TEXT\"",
                "\"content\":\"hi\"", "\"producedAt\":\"2026-11-25T10:15:30.123Z\"");
    }

    @Test
    void unknownFieldsAreIgnoredSoProducersCanAddFields() {
        String json = """
                {"schemaVersion":1,"messageId":"%s","roomId":"%s","senderId":"%s","clientMsgId":"%s",
                 "messageType":"TEXT","content":"hi","producedAt":"2026-11-25T10:15:30Z","traceId":"abc"}"""
                .formatted(MESSAGE, ROOM, USER, CLIENT);

        assertThat(codec.decodeAccepted(json.getBytes(StandardCharsets.UTF_8)).content().value()).isEqualTo("hi");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                | this is not json                                                        | not a JSON object
            JSON null               | null                                                                    | JSON null
            wrong schemaVersion     | {"schemaVersion":2}                                                     | unsupported schemaVersion 2
            missing schemaVersion   | {"messageId":"x"}                                                       | unsupported schemaVersion null
            missing messageId       | {"schemaVersion":1}                                                     | messageId: is required
            bad roomId              | {"schemaVersion":1,"messageId":"01JD0000000000000000000001","roomId":"r1"} | roomId: must be a ULID
            """)
    void anUnreadableValueIsRefusedWithItsReason(String label, String value, String reason) {
        assertThatThrownBy(() -> codec.decodeAccepted(value.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void oversizeContentIsRefused() {
        String json = """
                {"schemaVersion":1,"messageId":"%s","roomId":"%s","senderId":"%s","clientMsgId":"%s",
                 "messageType":"TEXT","content":"%s","producedAt":"2026-11-25T10:15:30Z"}"""
                .formatted(MESSAGE, ROOM, USER, CLIENT, "x".repeat(5001));

        assertThatThrownBy(() -> codec.decodeAccepted(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("content: must be at most 5000 characters");
    }

    @Test
    void anEmptyValueIsRefused() {
        assertThatThrownBy(() -> codec.decodePersisted(new byte[0]))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("empty value");
    }

    @Test
    void aPersistedRecordWithoutSeqIsRefused() {
        String json = """
                {"schemaVersion":1,"messageId":"%s","roomId":"%s","senderId":"%s","clientMsgId":"%s",
                 "messageType":"TEXT","content":"hi","createdAt":"2026-11-25T10:15:30Z"}"""
                .formatted(MESSAGE, ROOM, USER, CLIENT);

        assertThatThrownBy(() -> codec.decodePersisted(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("seq");
    }
}
