package parley.contract.kafka;

/** The value of a {@link Topics#PERSISTED} record, field for field as PROTOCOL.md names them. */
public record PersistedMessageRecord(
        Integer schemaVersion,
        String messageId,
        String roomId,
        String senderId,
        String clientMsgId,
        String messageType,
        String content,
        String createdAt,
        Long seq) {
}
