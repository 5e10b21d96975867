package parley.boot.gateway;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.WebHandler;
import parley.adapter.in.web.socket.ChatWebSocketHandler;
import parley.adapter.in.web.socket.socketio.SocketIoEndpoint;
import reactor.netty.http.server.WebsocketServerSpec;

/** Maps the chat socket to {@code /ws} and the Socket.IO endpoint to {@code /socket.io/}, on one WebSocket service. */
@Configuration(proxyBeanMethods = false)
class WebSocketWiring {

    /**
     * Netty's own frame limit sits well above the contract's 64 KiB so that an oversized frame
     * reaches the handler and gets an error frame (the socket stays open) instead of Netty closing
     * the connection; past this hard limit Netty closes it (1009). Netty answers pings with pongs
     * itself (handlePing(true) would pass them to the handler, which has no use for them).
     */
    private static final int HARD_FRAME_LIMIT = 1024 * 1024;

    @Bean
    HandlerMapping chatSocketMapping(WebSocketHandler chatWebSocketHandler, SocketIoEndpoint socketIoEndpoint) {
        Map<String, Object> endpoints = Map.of(
                ChatWebSocketHandler.PATH, chatWebSocketHandler,
                // socket.io-client asks for /socket.io/; the form without the slash is served the same
                SocketIoEndpoint.PATH, (WebHandler) socketIoEndpoint,
                SocketIoEndpoint.PATH.substring(0, SocketIoEndpoint.PATH.length() - 1), socketIoEndpoint);
        return new SimpleUrlHandlerMapping(endpoints, Ordered.HIGHEST_PRECEDENCE);
    }

    /** The WebSocket handshakes of both endpoints. */
    @Bean
    WebSocketService webSocketService() {
        var upgrade = new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(HARD_FRAME_LIMIT));
        var handshakes = new HandshakeWebSocketService(upgrade);
        // the user the upgrade filter verified, so the handler does not verify the token again
        handshakes.setSessionAttributePredicate(ChatWebSocketHandler.AUTHENTICATED_USER::equals);
        return handshakes;
    }

    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter(WebSocketService webSocketService) {
        return new WebSocketHandlerAdapter(webSocketService);
    }
}
