package parley.boot.gateway;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import parley.adapter.in.web.socket.ChatWebSocketHandler;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/** Maps the chat socket to {@code /ws}. */
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
    HandlerMapping chatSocketMapping(WebSocketHandler chatWebSocketHandler) {
        return new SimpleUrlHandlerMapping(Map.of(ChatWebSocketHandler.PATH, chatWebSocketHandler), Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter() {
        var upgrade = new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(HARD_FRAME_LIMIT));
        var handshakes = new HandshakeWebSocketService(upgrade);
        // the user the upgrade filter verified, so the handler does not verify the token again
        handshakes.setSessionAttributePredicate(ChatWebSocketHandler.AUTHENTICATED_USER::equals);
        return new WebSocketHandlerAdapter(handshakes);
    }
}
