package parley.adapter.in.web.socket;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import reactor.netty.http.server.HttpServer;

/**
 * The server's open connections, so that a socket can be dropped without the WebSocket close
 * handshake: a client that does not read never takes its close frame, and the connection (with its
 * session and queue) would otherwise stay until the TCP connection dies. Closed channels leave the
 * group by themselves.
 */
@Component
public class OpenConnections implements NettyServerCustomizer {

    private final ChannelGroup channels = new DefaultChannelGroup("parley-connections", GlobalEventExecutor.INSTANCE);

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnConnection(connection -> channels.add(connection.channel()));
    }

    /**
     * Runs {@code task} on the event loop of the socket's connection while the connection is open;
     * does nothing once it has ended. A close handshake begun for a connection that had ended
     * already (a late answer overflowing the queue of a client that had gone) made Reactor Netty
     * create a close frame that it then dropped unreleased: a leak report in the abuse soak, with the
     * close started from a Redis callback thread after the channel had left this group.
     */
    public void whileOpen(WebSocketSession socket, Runnable task) {
        Channel channel = socket instanceof ReactorNettyWebSocketSession netty ? channels.find(netty.getChannelId()) : null;
        if (channel == null || !channel.isActive()) {
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /** Closes the socket's TCP connection at once. */
    public void drop(WebSocketSession socket) {
        if (socket instanceof ReactorNettyWebSocketSession netty) {
            Channel channel = channels.find(netty.getChannelId());
            if (channel != null) {
                channel.close();
            }
        }
    }
}
