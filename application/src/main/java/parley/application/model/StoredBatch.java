package parley.application.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;

/**
 * What storing a batch did: one stored message per distinct message of the batch (duplicates as the
 * row stored before), and the messages the store refused with why (an unknown room or sender), which
 * are never stored and never stop the rest of the batch.
 */
public record StoredBatch(List<Message> stored, List<Rejected> rejected) {

    public StoredBatch {
        stored = List.copyOf(stored);
        rejected = List.copyOf(rejected);
    }

    public static StoredBatch of(List<Message> stored) {
        return new StoredBatch(stored, List.of());
    }

    /** The parts' stored and rejected messages, each in the parts' order. */
    public static StoredBatch merged(List<StoredBatch> parts) {
        List<Message> stored = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (StoredBatch part : parts) {
            stored.addAll(part.stored());
            rejected.addAll(part.rejected());
        }
        return new StoredBatch(stored, rejected);
    }

    public record Rejected(MessageAccepted message, String reason) {
        public Rejected {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
