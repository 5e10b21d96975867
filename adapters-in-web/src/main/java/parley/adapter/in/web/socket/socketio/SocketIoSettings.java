package parley.adapter.in.web.socket.socketio;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Socket.IO endpoint ({@code /socket.io/}: Engine.IO v4, Socket.IO v5). The limits of
 * {@code parley.websocket.*} (queue, rates, rooms, sockets per user) apply to its sockets too;
 * these are the ones the Engine.IO protocol adds.
 *
 * @param enabled             whether {@code /socket.io/} is served at all
 * @param pingInterval        how often the server pings (Engine.IO heartbeat; socket.io's default 25 s)
 * @param pingTimeout         how long a pong may take before the connection counts as dead (default 20 s)
 * @param connectTimeout      how long an Engine.IO session may stay without a Socket.IO CONNECT before it is closed
 * @param upgradeTimeout      how long a WebSocket probe may take to complete the upgrade from polling
 * @param maxPayload          the largest polling POST body, and the largest WebSocket message (the handshake
 *                            announces it as {@code maxPayload}); one packet is further bounded by
 *                            {@code parley.websocket.max-frame-size}
 * @param unconnectedSessions Engine.IO sessions without a Socket.IO CONNECT this gateway keeps at once;
 *                            further handshakes are answered 503 until some connect or time out
 * @param unconnectedSessionsPerAddress such sessions from one client address (the TCP peer, or the
 *                            forwarded address behind a trusted proxy), so that one client cannot take them all
 */
@ConfigurationProperties("parley.socketio")
public record SocketIoSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("20s") Duration pingTimeout,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("10s") Duration upgradeTimeout,
        @DefaultValue("1MB") DataSize maxPayload,
        @DefaultValue("1000") int unconnectedSessions,
        @DefaultValue("16") int unconnectedSessionsPerAddress) {

    public SocketIoSettings {
        requirePositive("ping-interval", pingInterval);
        requirePositive("ping-timeout", pingTimeout);
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("upgrade-timeout", upgradeTimeout);
        if (maxPayload.toBytes() < 1024 || maxPayload.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parley.socketio.max-payload must be between 1KB and 2GB, not " + maxPayload);
        }
        if (unconnectedSessions < 1) {
            throw new IllegalArgumentException("parley.socketio.unconnected-sessions must be at least 1, not " + unconnectedSessions);
        }
        if (unconnectedSessionsPerAddress < 1) {
            throw new IllegalArgumentException("parley.socketio.unconnected-sessions-per-address must be at least 1, not "
                    + unconnectedSessionsPerAddress);
        }
    }

    /** The defaults, for tests that build the endpoint without Spring. */
    public static final SocketIoSettings DEFAULTS = new SocketIoSettings(true, Duration.ofSeconds(25), Duration.ofSeconds(20),
            Duration.ofSeconds(10), Duration.ofSeconds(10), DataSize.ofMegabytes(1), 1000, 16);

    int maxPayloadBytes() {
        return (int) maxPayload.toBytes();
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("parley.socketio." + name + " must be positive, not " + value);
        }
    }
}
