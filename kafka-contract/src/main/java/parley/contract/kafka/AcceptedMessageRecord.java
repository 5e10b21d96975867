package parley.contract.kafka;

/** The value of a {@link Topics#MESSAGES} record, field for field as PROTOCOL.md names them. */
public record AcceptedMessageRecord(
        Integer schemaVersion,
        String messageId,
        String roomId,
        String senderId,
        String clientMsgId,
        String messageType,
        String content,
        String producedAt) {
}
