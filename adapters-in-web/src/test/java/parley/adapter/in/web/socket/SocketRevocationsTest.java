package parley.adapter.in.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import parley.application.model.Caller;
import parley.application.model.SessionsRevoked;
import parley.application.port.in.SessionRevocationsQuery;
import parley.domain.session.SessionId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The sweep: closes the sockets of revoked sessions whose announcement never came, survives failed look-ups, stops on stop. */
class SocketRevocationsTest {

    private static final Duration SWEEP = Duration.ofMillis(100);

    private final SocketSettings settings = new SocketSettings(DataSize.ofKilobytes(64), 1000, 20, 40, 100, 200, 500, 10, 200, 100, 2, 8,
            Duration.ofSeconds(10), 8, Duration.ofSeconds(30), true, SWEEP);
    private final SocketFixture fixture = new SocketFixture(settings);

    /** Announces nothing; the first look-up fails, the later ones answer {@link #revoked}. */
    private final class Query implements SessionRevocationsQuery {
        volatile Set<SessionId> revoked = Set.of();
        final AtomicInteger lookups = new AtomicInteger();
        final List<Set<SessionId>> asked = new CopyOnWriteArrayList<>();

        @Override
        public Flux<SessionsRevoked> revocations() {
            return Flux.never();
        }

        @Override
        public Mono<Boolean> isRevoked(SessionId id) {
            return Mono.just(revoked.contains(id));
        }

        @Override
        public Mono<Set<SessionId>> revokedAmong(Set<SessionId> ids) {
            asked.add(ids);
            return lookups.incrementAndGet() == 1 ? Mono.error(new IllegalStateException("Redis and the table away")) : Mono.just(revoked);
        }
    }

    private SocketFixture.Client socketOf(SessionId session) {
        SocketFixture.Client client = fixture.connect();
        client.session.authenticatedAs(new Caller(client.session.userId(), session, Instant.now().plusSeconds(3600)), null);
        return client;
    }

    @Test
    void theSweepClosesTheSocketsOfRevokedSessionsAfterAFailedOneAndStopsWhenStopped() {
        Query query = new Query();
        SocketRevocations revocations = new SocketRevocations(query, fixture.registry, settings);
        SessionId ended = fixture.ids.newSessionId();
        SessionId kept = fixture.ids.newSessionId();
        SocketFixture.Client phone = socketOf(ended);
        SocketFixture.Client tablet = socketOf(ended);
        SocketFixture.Client laptop = socketOf(kept);
        query.revoked = Set.of(ended);

        revocations.start();
        try {
            // a liveness bound (100 times the interval), not a timing target
            SocketFixture.eventually(() -> {
                assertThat(phone.closeCode).isEqualTo(CloseCodes.UNAUTHORIZED);
                assertThat(tablet.closeCode).isEqualTo(CloseCodes.UNAUTHORIZED);
            });
            assertThat(query.lookups.get()).as("the failed sweep was followed by another").isGreaterThanOrEqualTo(2);
            assertThat(query.asked.getFirst()).as("each session once").containsExactlyInAnyOrder(ended, kept);
            assertThat(laptop.closeCode).isEqualTo(-1);
        } finally {
            revocations.stop();
        }
        assertThat(revocations.isRunning()).isFalse();
        int after = query.lookups.get();
        SocketFixture.sleep(SWEEP.toMillis() * 5);
        assertThat(query.lookups.get()).as("no sweep after stop").isLessThanOrEqualTo(after + 1);
    }
}
