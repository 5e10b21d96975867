package parley.domain.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import parley.domain.room.RoomId;
import parley.domain.shared.Ulid;
import parley.domain.user.UserId;

/**
 * Identifies a message: 26 characters in the ULID form. Ids identify, they do not order (a room's
 * seq does): messages accepted since ids were derived ({@link #of(RoomId, UserId, ClientMsgId)})
 * have ids in no particular order, earlier ones have time-ordered ULIDs.
 */
public record MessageId(String value) implements Comparable<MessageId> {

    private static final byte[] DOMAIN = "parley message id v1".getBytes(StandardCharsets.US_ASCII);

    public MessageId {
        value = Ulid.require("messageId", value);
    }

    public static MessageId of(String value) {
        return new MessageId(value);
    }

    /**
     * The id of the message a sender sends into a room under a client message id: the first 128
     * bits of a SHA-256 over the three. Every gateway computes the same id for a re-sent message
     * without asking anyone, so a retry keeps its id even when the dedupe cache has forgotten it
     * (the database's unique key stays the authority on whether it is a second message).
     */
    public static MessageId of(RoomId roomId, UserId senderId, ClientMsgId clientMsgId) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha256.update(DOMAIN);
        sha256.update((byte) 0);
        sha256.update(roomId.value().getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        sha256.update(senderId.value().getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        sha256.update(ByteBuffer.allocate(16).putLong(clientMsgId.value().getMostSignificantBits())
                .putLong(clientMsgId.value().getLeastSignificantBits()).array());
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
        return new MessageId(Ulid.encode(digest.getLong(), digest.getLong()));
    }

    @Override
    public int compareTo(MessageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
