package parley.adapter.in.web;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every answer carries the browser-hardening headers: successes, refusals of the filters, errors. */
class ResponseHeadersTest extends WebTest {

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/v3/api-docs", false, "200 from a handler"),
                Arguments.of(HttpMethod.POST, "/rooms", false, "401 of the token filter"),
                Arguments.of(HttpMethod.GET, "/ws", false, "401 of the socket filter"),
                Arguments.of(HttpMethod.GET, "/rooms/not-a-ulid", true, "400 of a handler"),
                Arguments.of(HttpMethod.GET, "/no/such/path", true, "404 of the routing"),
                Arguments.of(HttpMethod.DELETE, "/rooms", true, "405 of the routing"),
                Arguments.of(HttpMethod.POST, "/auth/login", false, "400 of the body rules"));
    }

    @ParameterizedTest(name = "{3}: {0} {1}")
    @MethodSource("answers")
    void everyAnswerCarriesTheHardeningHeaders(HttpMethod method, String path, boolean authenticated, String what) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path);
        if (authenticated) {
            request.headers(bearer(newAccount()));
        }
        if (method == HttpMethod.POST) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        request.exchange()
                .expectHeader().valueEquals(ResponseHeadersFilter.CONTENT_SECURITY_POLICY, ResponseHeadersFilter.CLIENT_POLICY)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals(ResponseHeadersFilter.REFERRER_POLICY, "no-referrer")
                .expectBody().returnResult();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiDocsPages")
    void theApiDocumentationAlsoAllowsInlineStyles(String path) {
        client.get().uri(path).exchange()
                .expectHeader().valueEquals(ResponseHeadersFilter.CONTENT_SECURITY_POLICY, ResponseHeadersFilter.API_DOCS_POLICY)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody().returnResult();
    }

    static Stream<String> apiDocsPages() {
        return Stream.of("/swagger-ui.html", "/swagger-ui/index.html");
    }
}
