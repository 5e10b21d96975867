package parley.adapter.in.web.socket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import parley.application.port.in.CatchUpQuery;

/**
 * Limits of the WebSocket endpoint. Every collection a client can grow through a socket is bounded
 * by one of them.
 *
 * @param maxFrameSize          larger text frames are answered with an error frame (the socket stays open)
 * @param outboundQueueFrames   frames a socket may have waiting to be written; past that the client is
 *                              not reading and the socket is closed (1008, "outbound queue full")
 * @param sendRate              sendMessage frames per second per user (across their sockets on this gateway)
 * @param sendBurst             sendMessage burst per user
 * @param frameRate             frames of any kind per second per socket
 * @param frameBurst            frame burst per socket
 * @param floodStrikes          refused frames in a row after which a flooding socket is closed
 * @param socketsPerUser        open sockets one user may have on this gateway; the next is closed with 4429
 * @param roomsPerSocket        rooms one socket may have joined; the next joinRoom is refused (LIMIT_REACHED)
 * @param catchUpPage           messages read from the database per catch-up page
 * @param catchUpsPerSocket     catch-ups of one socket that run at once; the others wait their turn
 * @param catchUpsPerGateway    catch-ups reading a page from the database at once on this gateway; the others
 *                              wait their turn (one waiting for its socket to read holds no turn), so catch-ups
 *                              leave the database connections to everything else
 * @param catchUpQueryTimeout   how long one page query may take before it counts as failed
 * @param catchUpRetries        failed page queries retried (with back-off) before the socket gets CATCH_UP_FAILED
 * @param slowReaderTimeout     how long a catch-up waits for a socket to read half its queue before the
 *                              socket is closed for not reading (1008)
 * @param closeAtTokenExpiry    whether a socket is closed (4401) when its access token expires without a
 *                              {@code reauth}; off, a socket lives as long as its connection (until revoked)
 * @param revocationSweepInterval how often the sessions of this gateway's open sockets are looked up and the
 *                              sockets of revoked ones closed (4401): the bound for a revocation whose
 *                              announcement this gateway missed
 */
@ConfigurationProperties("parley.websocket")
public record SocketSettings(
        @DefaultValue("64KB") DataSize maxFrameSize,
        @DefaultValue("1000") int outboundQueueFrames,
        @DefaultValue("20") int sendRate,
        @DefaultValue("40") int sendBurst,
        @DefaultValue("100") int frameRate,
        @DefaultValue("200") int frameBurst,
        @DefaultValue("500") int floodStrikes,
        @DefaultValue("10") int socketsPerUser,
        @DefaultValue("200") int roomsPerSocket,
        @DefaultValue("100") int catchUpPage,
        @DefaultValue("2") int catchUpsPerSocket,
        @DefaultValue("8") int catchUpsPerGateway,
        @DefaultValue("10s") Duration catchUpQueryTimeout,
        @DefaultValue("8") int catchUpRetries,
        @DefaultValue("30s") Duration slowReaderTimeout,
        @DefaultValue("true") boolean closeAtTokenExpiry,
        @DefaultValue("5s") Duration revocationSweepInterval) {

    public SocketSettings {
        requirePositive("outbound-queue-frames", outboundQueueFrames);
        requirePositive("sockets-per-user", socketsPerUser);
        requirePositive("rooms-per-socket", roomsPerSocket);
        requirePositive("catch-ups-per-socket", catchUpsPerSocket);
        requirePositive("catch-ups-per-gateway", catchUpsPerGateway);
        if (catchUpPage < 1 || catchUpPage > Math.min(CatchUpQuery.MAX_PAGE, outboundQueueFrames / 2)) {
            throw new IllegalArgumentException("parley.websocket.catch-up-page must be between 1 and half the outbound queue (at most "
                    + CatchUpQuery.MAX_PAGE + "), not " + catchUpPage);
        }
        if (revocationSweepInterval == null || revocationSweepInterval.isNegative() || revocationSweepInterval.isZero()) {
            throw new IllegalArgumentException("parley.websocket.revocation-sweep-interval must be positive");
        }
        if (catchUpRetries < 0) {
            throw new IllegalArgumentException("parley.websocket.catch-up-retries must not be negative");
        }
    }

    /** The defaults, for tests that build the socket layer without Spring. */
    public static final SocketSettings DEFAULTS = new SocketSettings(DataSize.ofKilobytes(64), 1000, 20, 40, 100, 200, 500,
            10, 200, 100, 2, 8, Duration.ofSeconds(10), 8, Duration.ofSeconds(30), true, Duration.ofSeconds(5));

    /** Live messages a feed holds while it catches up; past that they are read from the database instead. */
    int maxHeldPerFeed() {
        return outboundQueueFrames;
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("parley.websocket." + name + " must be at least 1, not " + value);
        }
    }
}
