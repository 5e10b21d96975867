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

    /** Opening direct rooms with many users is a way to reach (and notify) them all: it has its own hourly budget. */
    @Test
    void newDirectRoomsHaveTheirOwnHourlyBudgetWhileExistingOnesAlwaysOpen() {
        int budget = RoomLimits.DEFAULTS.directRoomsPerHour();
        List<User> peers = new java.util.ArrayList<>();
        for (int i = 0; i < budget; i++) {
            peers.add(core.registerUser("peer" + i + "@example.com"));
            service.open(ada.id(), peers.getLast().id()).block();
        }
        User oneMore = core.registerUser("one-more@example.com");

        StepVerifier.create(service.open(ada.id(), oneMore.id())).verifyErrorSatisfies(error -> {
            refusedWith(ErrorCode.RATE_LIMITED).accept(error);
            assertThat(((parley.application.UseCaseException) error).retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
        });
        assertThat(service.open(ada.id(), peers.getFirst().id()).block().created()).as("an existing direct room opens").isFalse();
        assertThat(service.open(oneMore.id(), ada.id()).block().created()).as("the other user's budget is their own").isTrue();
        assertThat(core.roomService.create(parley.application.port.in.CreateRoomCommand.of(ada.id(), "still fine", null)).block())
                .as("direct rooms do not use up the group room budget").isNotNull();

        core.clock.advance(java.time.Duration.ofMinutes(61));
        assertThat(service.open(ada.id(), core.registerUser("next-hour@example.com").id()).block().created()).isTrue();
    }
}
