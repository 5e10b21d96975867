package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static parley.application.service.Refusals.refusedWith;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import parley.application.ErrorCode;
import parley.application.fake.TestCore;
import parley.application.port.in.OpenDirectRoomUseCase.Opened;
import parley.domain.room.RoomKind;
import parley.domain.room.Visibility;
import parley.domain.shared.InvalidValueException;
import parley.domain.user.User;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** PROTOCOL-1.1 §2, §7: one direct room per pair, private, both MEMBERs, named by the peer for each. */
class DirectRoomServiceTest {

    private final TestCore core = TestCore.create();
    private final User ada = core.registerUser("ada@example.com");
    private final User grace = core.registerUser("grace@example.com");
    private final DirectRoomService service = core.directRoomService;

    @Test
    void theFirstOpeningCreatesAPrivateDirectRoomAndEitherUserLaterGetsTheSameOne() {
        Opened first = service.open(ada.id(), grace.id()).block();
        Opened again = service.open(ada.id(), grace.id()).block();
        Opened theirs = service.open(grace.id(), ada.id()).block();

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(theirs.created()).isFalse();
        assertThat(List.of(again.room().room().id(), theirs.room().room().id())).containsOnly(first.room().room().id());
        assertThat(first.room().room().kind()).isEqualTo(RoomKind.DIRECT);
        assertThat(first.room().room().visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(first.room().memberCount()).isEqualTo(2);
        assertThat(first.room().peer().id()).isEqualTo(grace.id());
        assertThat(theirs.room().peer().id()).isEqualTo(ada.id());
        assertThat(theirs.room().peer().displayName()).isEqualTo(ada.displayName());
    }

    @Test
    void fiftyConcurrentOpeningsByBothMakeOneRoom() {
        ConcurrentLinkedQueue<Opened> opened = new ConcurrentLinkedQueue<>();
        Flux.range(0, 50)
                .flatMap(i -> service.open(i % 2 == 0 ? ada.id() : grace.id(), i % 2 == 0 ? grace.id() : ada.id())
                        .subscribeOn(Schedulers.parallel()))
                .doOnNext(opened::add)
                .blockLast();

        assertThat(opened).hasSize(50);
        assertThat(opened).extracting(o -> o.room().room().id()).containsOnly(opened.peek().room().room().id());
        assertThat(opened).filteredOn(Opened::created).hasSize(1);
    }

    @Test
    void anUnknownPeerOrOneselfIsRefused() {
        StepVerifier.create(service.open(ada.id(), core.ids.newUserId())).verifyErrorSatisfies(refusedWith(ErrorCode.USER_NOT_FOUND));
        assertThatThrownBy(() -> service.open(ada.id(), ada.id()).block())
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("not yourself");
    }
}
