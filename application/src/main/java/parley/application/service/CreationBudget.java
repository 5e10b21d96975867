package parley.application.service;

import java.time.Duration;
import java.time.Instant;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.out.RoomStore;
import parley.domain.room.RoomKind;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * How many rooms of a kind one user may create within any hour: the next is RATE_LIMITED, with the
 * time until the oldest of those is an hour old. Counted from the rooms themselves, so it holds on
 * every gateway; two creations at the same moment may both pass the count (the bound holds within one).
 */
final class CreationBudget {

    static final Duration WINDOW = Duration.ofHours(1);

    private final RoomStore rooms;

    CreationBudget(RoomStore rooms) {
        this.rooms = rooms;
    }

    /** Completes when {@code creator} may create one more room of {@code kind} at {@code now}. */
    Mono<Void> require(UserId creator, RoomKind kind, int perHour, Instant now, String what) {
        return rooms.createdSince(creator, kind, now.minus(WINDOW)).flatMap(recent -> {
            if (recent.count() < perHour) {
                return Mono.<Void>empty();
            }
            Duration wait = Duration.between(now, recent.first().plus(WINDOW));
            return Mono.<Void>error(UseCaseException.retryAfter(ErrorCode.RATE_LIMITED, "at most " + perHour + " new " + what
                    + " per hour; try again in " + Math.max(1, wait.toMinutes()) + " min", wait));
        });
    }
}
