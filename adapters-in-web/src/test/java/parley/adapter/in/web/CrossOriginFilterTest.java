package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** What the web tests cannot reach: the management server, which Spring Boot runs the filters on too. */
class CrossOriginFilterTest {

    static final int SERVER_PORT = 3000;
    static final int MANAGEMENT_PORT = 3002;

    private final StandardEnvironment environment = new StandardEnvironment();
    private final CrossOriginFilter filter;

    CrossOriginFilterTest() {
        environment.getPropertySources().addFirst(new MapPropertySource("ports",
                Map.of("local.server.port", Integer.toString(SERVER_PORT), "local.management.port", Integer.toString(MANAGEMENT_PORT))));
        filter = new CrossOriginFilter(new CorsSettings(List.of("*")), environment);
    }

    HttpHeaders answerTo(String path, int port) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://gateway.internal:" + port + path)
                .localAddress(new InetSocketAddress("127.0.0.1", port))
                .header(HttpHeaders.ORIGIN, "https://anywhere.example"));
        filter.filter(exchange, served -> Mono.empty()).block();
        return exchange.getResponse().getHeaders();
    }

    @Test
    void theActuatorOnTheManagementPortIsReadableByNoPage() {
        assertThat(answerTo("/actuator/metrics", MANAGEMENT_PORT).getAccessControlAllowOrigin()).isNull();
        assertThat(answerTo("/rooms", SERVER_PORT).getAccessControlAllowOrigin()).isEqualTo("*");
    }
}
