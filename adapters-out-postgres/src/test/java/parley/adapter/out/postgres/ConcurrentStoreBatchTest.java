package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import parley.application.model.StoredBatch;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.room.Room;
import parley.domain.user.User;
import reactor.core.publisher.Flux;

/** Several workers storing into the same rooms at once (partitions rebalanced, two consumers overlapping). */
class ConcurrentStoreBatchTest extends MigratedDatabaseTest {

    @Test
    void twentyParallelBatchesOfFiftyForOneRoomEndWithSeqsOneToAThousand() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Crowded");
        List<List<MessageAccepted>> batches = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            List<MessageAccepted> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(chat.text(room, alice, "batch " + b + " message " + i));
            }
            batches.add(batch);
        }

        List<StoredBatch> results = Flux.fromIterable(batches)
                .flatMap(batch -> chat.messages.storeBatch(batch), batches.size())
                .collectList()
                .block();

        List<Long> answeredSeqs = results.stream().flatMap(result -> result.stored().stream()).map(Message::seq).sorted().toList();
        List<Long> oneToAThousand = LongStream.rangeClosed(1, 1000).boxed().toList();
        assertThat(answeredSeqs).containsExactlyElementsOf(oneToAThousand);
        assertThat(chat.messages.afterSeq(room.id(), 0, 1000).map(Message::seq).collectList().block())
                .containsExactlyElementsOf(oneToAThousand);
        // within a batch, seqs follow batch order without holes: each batch held the room alone
        for (StoredBatch result : results) {
            List<Long> seqs = result.stored().stream().map(Message::seq).toList();
            assertThat(seqs.getLast() - seqs.getFirst()).isEqualTo(49);
            assertThat(seqs).isSorted();
        }
        Room after = chat.rooms.findById(room.id()).block();
        assertThat(after.lastSeq()).isEqualTo(1000);
        assertThat(after.lastMessageId()).isEqualTo(chat.messages.afterSeq(room.id(), 999, 1).blockFirst().id());
    }

    @Test
    void theSameBatchStoredTwiceAtOnceIsStoredOnceAndBothAnswerTheSameSeqs() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Twice at once");
        List<MessageAccepted> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(chat.text(room, alice, "m" + i));
        }

        List<StoredBatch> results = Flux.range(0, 6)
                .flatMap(attempt -> chat.messages.storeBatch(batch), 6)
                .collectList()
                .block();

        List<Message> first = results.getFirst().stored();
        assertThat(first).extracting(Message::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(results).allSatisfy(result -> assertThat(result.stored()).containsExactlyElementsOf(first));
        assertThat(chat.rooms.findById(room.id()).block().lastSeq()).isEqualTo(30);
    }

    @Test
    void batchesLockingTheSameRoomsInOppositeOrderDoNotDeadlock() {
        User alice = chat.user("alice");
        Room north = chat.room(alice, "North");
        Room south = chat.room(alice, "South");
        List<List<MessageAccepted>> batches = new ArrayList<>();
        for (int b = 0; b < 16; b++) {
            List<MessageAccepted> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                boolean northFirst = b % 2 == 0;
                batch.add(chat.text(northFirst ? north : south, alice, "a" + i));
                batch.add(chat.text(northFirst ? south : north, alice, "b" + i));
            }
            batches.add(batch);
        }

        Flux.fromIterable(batches).flatMap(batch -> chat.messages.storeBatch(batch), batches.size()).blockLast();

        List<Long> oneTo160 = LongStream.rangeClosed(1, 160).boxed().toList();
        assertThat(chat.messages.afterSeq(north.id(), 0, 1000).map(Message::seq).collectList().block()).containsExactlyElementsOf(oneTo160);
        assertThat(chat.messages.afterSeq(south.id(), 0, 1000).map(Message::seq).collectList().block()).containsExactlyElementsOf(oneTo160);
    }
}
