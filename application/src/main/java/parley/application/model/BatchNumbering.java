package parley.application.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import parley.application.model.StoredBatch.Rejected;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageId;
import parley.domain.message.RoomSequence;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * The rule every {@link parley.application.port.out.MessageStore#storeBatch} follows, decided in
 * memory between reading the rooms' last seqs (locked, in a database) and the stored duplicates,
 * and writing the new rows: which messages to reject, which are duplicates (of a stored message or
 * of an earlier message of the batch) and which are new, and the seqs of the new ones. Messages
 * are treated one after the other in batch order, exactly as if each came alone, so a batch never
 * decides differently from the same messages sent singly. A store only reads and writes.
 */
public final class BatchNumbering {

    /** The unique key {@code (room_id, sender_id, client_msg_id)}. */
    public record ClientKey(RoomId roomId, UserId senderId, ClientMsgId clientMsgId) {
        public static ClientKey of(MessageAccepted message) {
            return new ClientKey(message.roomId(), message.senderId(), message.clientMsgId());
        }

        public static ClientKey of(Message message) {
            return new ClientKey(message.roomId(), message.senderId(), message.clientMsgId());
        }
    }

    /** A batch split into the messages that may be stored and those that may not. */
    public record Screening(List<MessageAccepted> storable, List<Rejected> rejected) {
        public Screening {
            storable = List.copyOf(storable);
            rejected = List.copyOf(rejected);
        }
    }

    private final List<Message> fresh;
    private final Map<RoomId, Message> newestPerRoom;
    private final StoredBatch result;

    private BatchNumbering(List<Message> fresh, Map<RoomId, Message> newestPerRoom, StoredBatch result) {
        this.fresh = List.copyOf(fresh);
        this.newestPerRoom = Map.copyOf(newestPerRoom);
        this.result = result;
    }

    /**
     * Rejects the messages whose room or sender does not exist (each message once, however often
     * the batch repeats it); the rest keeps its order.
     */
    public static Screening screen(List<MessageAccepted> batch, Set<RoomId> knownRooms, Set<UserId> knownSenders) {
        List<MessageAccepted> storable = new ArrayList<>(batch.size());
        Map<MessageId, Rejected> rejected = new LinkedHashMap<>();
        for (MessageAccepted message : batch) {
            if (!knownRooms.contains(message.roomId())) {
                rejected.putIfAbsent(message.messageId(), new Rejected(message, "unknown room " + message.roomId()));
            } else if (!knownSenders.contains(message.senderId())) {
                rejected.putIfAbsent(message.messageId(), new Rejected(message, "unknown sender " + message.senderId()));
            } else {
                storable.add(message);
            }
        }
        return new Screening(storable, List.copyOf(rejected.values()));
    }

    /**
     * Numbers what is really new. A message is a duplicate when a stored row or an earlier new
     * message of the batch has its id, or its room, sender and client id; it then answers with
     * that message (original id and seq). Only new messages are numbered, from the room's locked
     * {@code lastSeq}: numbering a duplicate would leave a gap once its insert is skipped.
     *
     * @param lastSeqs the locked {@code last_seq} of every room of {@code screening.storable()}
     * @param stored the rows already stored that share an id or a client key with the batch
     */
    public static BatchNumbering of(Screening screening, Map<RoomId, Long> lastSeqs, Collection<Message> stored) {
        Map<MessageId, Message> storedById = new HashMap<>();
        Map<ClientKey, Message> storedByKey = new HashMap<>();
        for (Message message : stored) {
            storedById.put(message.id(), message);
            storedByKey.put(ClientKey.of(message), message);
        }
        Map<MessageId, Message> freshById = new LinkedHashMap<>();
        Map<ClientKey, Message> freshByKey = new HashMap<>();
        Map<RoomId, RoomSequence> sequences = new HashMap<>();
        Map<RoomId, Message> newestPerRoom = new HashMap<>();
        Map<MessageId, Message> answers = new LinkedHashMap<>();
        for (MessageAccepted message : screening.storable()) {
            ClientKey key = ClientKey.of(message);
            Message answer = firstOf(storedById.get(message.messageId()), storedByKey.get(key),
                    freshById.get(message.messageId()), freshByKey.get(key));
            if (answer == null) {
                answer = sequences.computeIfAbsent(message.roomId(), room -> new RoomSequence(room, lastSeqOf(lastSeqs, room)))
                        .next(message);
                freshById.put(answer.id(), answer);
                freshByKey.put(key, answer);
                newestPerRoom.put(answer.roomId(), answer);
            }
            answers.putIfAbsent(answer.id(), answer);
        }
        return new BatchNumbering(List.copyOf(freshById.values()), newestPerRoom,
                new StoredBatch(List.copyOf(answers.values()), screening.rejected()));
    }

    /** The new messages with their seqs, in batch order. */
    public List<Message> fresh() {
        return fresh;
    }

    /** Per room with new messages, the one with the highest seq: the room's new last message. */
    public Collection<Message> newestPerRoom() {
        return newestPerRoom.values();
    }

    /** One stored message per distinct message of the batch, in batch order, and the rejected ones. */
    public StoredBatch result() {
        return result;
    }

    private static long lastSeqOf(Map<RoomId, Long> lastSeqs, RoomId room) {
        Long lastSeq = lastSeqs.get(room);
        if (lastSeq == null) {
            throw new IllegalStateException("room " + room + " was not locked");
        }
        return lastSeq;
    }

    @SafeVarargs
    private static <T> T firstOf(T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
