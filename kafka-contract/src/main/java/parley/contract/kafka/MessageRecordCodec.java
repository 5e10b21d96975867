package parley.contract.kafka;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageId;
import parley.domain.message.MessagePersisted;
import parley.domain.message.MessageType;
import parley.domain.room.RoomId;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.UserId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns domain events into the JSON values of the contract and back. Decoding validates
 * everything the domain validates, so a consumer either gets a valid event or a reason why not.
 * Unknown fields are ignored, so a producer may add fields without breaking older consumers.
 */
public final class MessageRecordCodec {

    public static final int SCHEMA_VERSION = 1;

    private static final Instant FIRST_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public byte[] encode(MessageAccepted event) {
        return json.writeValueAsBytes(new AcceptedMessageRecord(
                SCHEMA_VERSION,
                event.messageId().value(),
                event.roomId().value(),
                event.senderId().value(),
                event.clientMsgId().toString(),
                event.content().type().name(),
                event.content().value(),
                event.acceptedAt().toString()));
    }

    public byte[] encode(MessagePersisted event) {
        Message message = event.message();
        return json.writeValueAsBytes(new PersistedMessageRecord(
                SCHEMA_VERSION,
                message.id().value(),
                message.roomId().value(),
                message.senderId().value(),
                message.clientMsgId().toString(),
                message.content().type().name(),
                message.content().value(),
                message.createdAt().toString(),
                message.seq()));
    }

    public MessageAccepted decodeAccepted(byte[] value) {
        AcceptedMessageRecord r = read(value, AcceptedMessageRecord.class);
        checkVersion(r.schemaVersion());
        try {
            return new MessageAccepted(
                    MessageId.of(required("messageId", r.messageId())),
                    RoomId.of(required("roomId", r.roomId())),
                    UserId.of(required("senderId", r.senderId())),
                    ClientMsgId.parse(required("clientMsgId", r.clientMsgId())),
                    new MessageContent(MessageType.parse(required("messageType", r.messageType())), required("content", r.content())),
                    instant("producedAt", r.producedAt()));
        } catch (InvalidValueException e) {
            throw new UnreadableRecordException("invalid field " + e.getMessage(), e);
        }
    }

    public MessagePersisted decodePersisted(byte[] value) {
        PersistedMessageRecord r = read(value, PersistedMessageRecord.class);
        checkVersion(r.schemaVersion());
        if (r.seq() == null || r.seq() < 1) {
            throw new UnreadableRecordException("invalid field seq: must be a number >= 1");
        }
        try {
            return new MessagePersisted(new Message(
                    MessageId.of(required("messageId", r.messageId())),
                    RoomId.of(required("roomId", r.roomId())),
                    UserId.of(required("senderId", r.senderId())),
                    ClientMsgId.parse(required("clientMsgId", r.clientMsgId())),
                    new MessageContent(MessageType.parse(required("messageType", r.messageType())), required("content", r.content())),
                    instant("createdAt", r.createdAt()),
                    r.seq()));
        } catch (InvalidValueException e) {
            throw new UnreadableRecordException("invalid field " + e.getMessage(), e);
        }
    }

    private <T> T read(byte[] value, Class<T> type) {
        if (value == null || value.length == 0) {
            throw new UnreadableRecordException("empty value");
        }
        try {
            T record = json.readValue(value, type);
            if (record == null) {
                throw new UnreadableRecordException("value is JSON null");
            }
            return record;
        } catch (JacksonException e) {
            throw new UnreadableRecordException("not a JSON object of the contract: " + e.getOriginalMessage(), e);
        }
    }

    private static void checkVersion(Integer version) {
        if (version == null || version != SCHEMA_VERSION) {
            throw new UnreadableRecordException("unsupported schemaVersion " + version + " (expected " + SCHEMA_VERSION + ")");
        }
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /**
     * Times of the contract are what {@link Instant#toString()} writes for years 0000 to 9999. Later
     * (or negative) years are valid Instants too, but no store of ours can hold all of them (PostgreSQL's
     * timestamptz ends in 294276): such a record is refused here instead of failing its batch for ever.
     */
    private static Instant instant(String field, String value) {
        Instant instant;
        try {
            instant = UtcInstants.parse(required(field, value));
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, "must be an ISO-8601 instant");
        }
        if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            throw new InvalidValueException(field, "must be an instant of the years 0000 to 9999");
        }
        return instant;
    }
}
