package parley.adapter.in.web.socket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the WebSocket endpoint.
 *
 * @param maxFrameSize          larger text frames are answered with an error frame (the socket stays open)
 * @param outboundQueueFrames   frames a socket may have waiting to be written; past that the client is
 *                              not reading and the socket is closed (1008, "outbound queue full")
 * @param sendRate              sendMessage frames per second per user (across their sockets on this gateway)
 * @param sendBurst             sendMessage burst per user
 * @param frameRate             frames of any kind per second per socket
 * @param frameBurst            frame burst per socket
 * @param floodStrikes          refused frames in a row after which a flooding socket is closed
 * @param catchUpTimeout        how long a joinRoom catch-up may take before the socket gets an error frame
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
        @DefaultValue("30s") Duration catchUpTimeout) {

    public static final SocketSettings DEFAULTS =
            new SocketSettings(DataSize.ofKilobytes(64), 1000, 20, 40, 100, 200, 500, Duration.ofSeconds(30));
}
