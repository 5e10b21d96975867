package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class QueryTokenToHeaderTest {

    @Test
    void theSocketsQueryTokenBecomesABearerHeaderAndLeavesTheUri() {
        ServerHttpRequest request = QueryTokenToHeader.withoutQueryToken(MockServerHttpRequest.get("/ws?token=a.b.c&x=1").build());

        assertThat(request.getURI().toString()).doesNotContain("a.b.c").endsWith("/ws?x=1");
        assertThat(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer a.b.c");
    }

    @Test
    void aSpellingOfTheSocketPathThatRoutingTakesForItIsTreatedAlike() {
        ServerHttpRequest request = QueryTokenToHeader.withoutQueryToken(
                MockServerHttpRequest.method(org.springframework.http.HttpMethod.GET, java.net.URI.create("http://localhost/w%73?token=a.b.c")).build());

        assertThat(request.getURI().getRawQuery()).isNull();
        assertThat(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer a.b.c");
    }

    @Test
    void aSocketIoHandshakesQueryTokenBecomesItsHeaderToo() {
        for (String path : new String[] {"/socket.io/", "/socket.io"}) {
            ServerHttpRequest request = QueryTokenToHeader.withoutQueryToken(
                    MockServerHttpRequest.get(path + "?EIO=4&transport=polling&token=a.b.c").build());

            assertThat(request.getURI().toString()).doesNotContain("a.b.c").endsWith(path + "?EIO=4&transport=polling");
            assertThat(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer a.b.c");
        }
    }

    @Test
    void aHeaderTheClientSentWinsAndTheQueryTokenIsStillRemoved() {
        ServerHttpRequest request = QueryTokenToHeader.withoutQueryToken(
                MockServerHttpRequest.get("/ws?token=from.the.query").header(HttpHeaders.AUTHORIZATION, "Bearer from.the.header").build());

        assertThat(request.getURI().toString()).doesNotContain("from.the.query");
        assertThat(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).containsExactly("Bearer from.the.header");
    }

    @Test
    void elsewhereTheQueryTokenIsDroppedNotHonoured() {
        ServerHttpRequest request = QueryTokenToHeader.withoutQueryToken(MockServerHttpRequest.get("/rooms?token=a.b.c&limit=5").build());

        assertThat(request.getURI().toString()).endsWith("/rooms?limit=5");
        assertThat(request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    }

    @Test
    void aRequestWithoutATokenIsLeftAsItIs() {
        ServerHttpRequest original = MockServerHttpRequest.get("/rooms/discover?q=tokens").build();

        assertThat(QueryTokenToHeader.withoutQueryToken(original)).isSameAs(original);
    }
}
