package parley.adapter.in.web.socket;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.adapter.in.web.socket.RoomFeed.Delivery;
import parley.application.ErrorCode;
import parley.application.UseCaseException;
import parley.application.port.in.CatchUpQuery;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.pool.InstrumentedPool;
import reactor.pool.PooledRef;
import reactor.pool.PoolBuilder;
import reactor.util.retry.Retry;

/**
 * Runs the catch-ups of this gateway's sockets: a socket's messages from the database, page by
 * page, after the seq it last saw, until it has caught up with the live stream.
 *
 * <p>What bounds them: a feed runs one catch-up at a time and stops it when closed; a socket runs
 * {@code catch-ups-per-socket} at once; the gateway reads {@code catch-ups-per-gateway} pages at
 * once; a page is read only when the socket's queue is at most half full, so a page always fits;
 * and a socket that does not read within {@code slow-reader-timeout} is closed. A failed page is
 * retried with back-off; when retries run out the socket stops watching the room and is told
 * {@code CATCH_UP_FAILED} with the room's id, to join it again.
 */
@Component
class CatchUps {

    private static final Logger log = LoggerFactory.getLogger(CatchUps.class);
    private static final Object TURN = new Object();
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final CatchUpQuery query;
    private final SocketSettings settings;
    private final InstrumentedPool<Object> gatewayTurns;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong failed = new AtomicLong();

    CatchUps(CatchUpQuery query, SocketSettings settings) {
        this.query = query;
        this.settings = settings;
        this.gatewayTurns = PoolBuilder.from(Mono.just(TURN))
                .sizeBetween(0, settings.catchUpsPerGateway())
                .maxPendingAcquireUnbounded()
                .buildPool();
    }

    /**
     * Runs the feed's catch-up (the feed must be catching up: just made with a position, or just
     * told so by {@link RoomFeed#offer} or {@link RoomFeed#beginCatchUp}). The feed owns it.
     * {@code stopWatching} runs when the catch-up is given up: the socket then no longer watches the room.
     */
    void start(ChatSession session, RoomId roomId, RoomFeed feed, Runnable stopWatching) {
        Mono<Void> catchUp = Mono.defer(() -> readPage(session, roomId, feed))
                .repeat()
                .takeUntil(more -> !more)
                .then()
                .retryWhen(Retry.backoff(settings.catchUpRetries(), FIRST_RETRY).maxBackoff(LONGEST_RETRY)
                        .filter(CatchUps::worthRetrying)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        Disposable started = session.inCatchUpTurn(catchUp)
                .doOnSubscribe(s -> running.incrementAndGet())
                .doFinally(signal -> {
                    running.decrementAndGet();
                    feed.catchUpEnded();
                })
                .subscribe(null, error -> failed(session, roomId, feed, error, stopWatching));
        feed.runs(started);
    }

    /** Catch-ups that have started and not ended, waiting for their turn or for their socket included. */
    int running() {
        return running.get();
    }

    /** Catch-ups given up since start (their sockets were told CATCH_UP_FAILED). */
    long failed() {
        return failed.get();
    }

    /** Catch-ups waiting for a turn to read a page. */
    int waitingForTurn() {
        return gatewayTurns.metrics().pendingAcquireSize();
    }

    /** Reads and emits one page; emits whether there is more to read. */
    private Mono<Boolean> readPage(ChatSession session, RoomId roomId, RoomFeed feed) {
        return session.roomForBulk()
                .timeout(settings.slowReaderTimeout(), Mono.error(SlowReader::new))
                .then(Mono.defer(() -> stopped(session, feed)
                        ? Mono.just(false)
                        : gatewayTurns.acquire()
                                .flatMap(turn -> read(session, roomId, feed, turn).timeout(settings.catchUpQueryTimeout()))
                                .map(page -> emit(session, feed, page))));
    }

    /**
     * Runs the page query to its end even if the catch-up is stopped meanwhile (its result is then
     * dropped), and holds the turn until then. A query cancelled in flight leaks its encoded
     * parameters in r2dbc-postgresql 1.1.3 (pgjdbc/r2dbc-postgresql#734), and a socket that joins a
     * room again and again would cancel one per join; holding the turn keeps detached queries bounded.
     */
    private Mono<CatchUpQuery.Page> read(ChatSession session, RoomId roomId, RoomFeed feed, PooledRef<Object> turn) {
        CompletableFuture<CatchUpQuery.Page> page = query.pageAfter(roomId, session.userId(), feed.lastSeq(), settings.catchUpPage())
                .toFuture()
                .whenComplete((read, failed) -> turn.release().subscribe());
        return Mono.fromFuture(page, true);
    }

    private boolean emit(ChatSession session, RoomFeed feed, CatchUpQuery.Page page) {
        for (Message message : page.messages()) {
            feed.caughtUp(new Delivery(message, session.frames().newMessage(message)), session::emit);
        }
        if (stopped(session, feed)) {
            return false;
        }
        if (!page.last()) {
            return true;
        }
        feed.clampTo(page.roomLastSeq());
        OptionalLong hole = feed.finishCatchUp(session::emit);
        return hole.isPresent();
    }

    private static boolean stopped(ChatSession session, RoomFeed feed) {
        return session.isClosed() || feed.isClosed();
    }

    /** Outages and timeouts may pass; a refusal (the user left the room) and a socket that does not read will not. */
    private static boolean worthRetrying(Throwable error) {
        return !(error instanceof SlowReader)
                && !(error instanceof UseCaseException refusal && refusal.code() != ErrorCode.SERVICE_UNAVAILABLE)
                && !(error instanceof IllegalArgumentException);
    }

    private void failed(ChatSession session, RoomId roomId, RoomFeed feed, Throwable error, Runnable stopWatching) {
        if (error instanceof SlowReader) {
            session.closeForPolicy("not reading: the catch-up of room " + roomId + " waited " + settings.slowReaderTimeout().toSeconds()
                    + " s for the client to read");
            return;
        }
        if (stopped(session, feed)) {
            return;
        }
        failed.incrementAndGet();
        log.warn("catch-up of room {} for connection {} failed: {}", roomId, session.connection(),
                error instanceof TimeoutException ? "page query timed out" : error.toString());
        // nothing is held for a room the socket cannot be caught up in; it joins again with its lastSeenSeq
        stopWatching.run();
        session.emit(session.frames().catchUpFailed(roomId, error instanceof UseCaseException refusal
                ? refusal.getMessage()
                : "the history of room " + roomId + " could not be read; join it again with lastSeenSeq"));
    }

    /** The socket did not read half its queue within the slow-reader timeout. */
    static final class SlowReader extends RuntimeException {
        SlowReader() {
            super("the client is not reading", null, false, false);
        }
    }
}
