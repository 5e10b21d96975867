package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import parley.application.fake.MutableClock;

/**
 * Sockets follow their token (issue 16): a socket is closed with 4401 when its access token
 * expires unless it sent {@code reauth} with a fresh one; a reauth with another user's token is
 * refused and closes it; a revoked session's sockets are closed, on {@code /ws} and Socket.IO.
 * Tokens live 3 s here; the bounds are generous (a loaded 2-core machine).
 */
@TestPropertySource(properties = "parley.auth.token-lifetime=3s")
class SocketSessionsTest extends WebTest {

    private static final long LIFETIME_MS = 3_000;
    private static final long GENEROUS_S = WsClient.GENEROUS_S;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    AuthSettings settings;
    @Autowired
    MutableClock clock;

    @Test
    void aSocketIsClosedWith4401WhenItsTokenExpires() throws Exception {
        Account alice = newAccount();
        long opened = System.nanoTime();
        WsClient socket = WsClient.open(http, port, alice.token());

        int code = socket.closed.get(GENEROUS_S, TimeUnit.SECONDS);
        long lived = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);

        assertThat(code).isEqualTo(4401);
        assertThat(socket.reason).contains("expired");
        assertThat(lived).as("closed at the token's expiry, not before").isGreaterThanOrEqualTo(LIFETIME_MS - 500);
    }

    @Test
    void reauthWithAFreshTokenOfTheSameUserKeepsTheSocketUntilTheNewTokenExpires() throws Exception {
        Account alice = newAccount();
        WsClient socket = WsClient.open(http, port, alice.token());
        Thread.sleep(LIFETIME_MS / 2);
        String fresh = logIn(alice.email(), PASSWORD);
        long reauthAt = System.nanoTime();
        socket.send("{\"type\":\"reauth\",\"id\":\"r1\",\"token\":\"" + fresh + "\"}");
        assertThat(socket.next()).isEqualTo("{\"type\":\"reply\",\"id\":\"r1\",\"ok\":true}");

        int code = socket.closed.get(GENEROUS_S, TimeUnit.SECONDS);
        long sinceReauth = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - reauthAt);
        assertThat(code).isEqualTo(4401);
        assertThat(sinceReauth).as("closed at the new token's expiry, not the old one's").isGreaterThanOrEqualTo(LIFETIME_MS - 500);
    }

    @Test
    void reauthWithAnotherUsersTokenIsRefusedAndClosesTheSocket() throws Exception {
        Account alice = newAccount();
        Account mallory = newAccount();
        WsClient socket = WsClient.open(http, port, alice.token());
        socket.send("{\"type\":\"reauth\",\"id\":\"r1\",\"token\":\"" + mallory.token() + "\"}");
        assertThat(socket.next()).startsWith("{\"type\":\"reply\",\"id\":\"r1\",\"ok\":false,\"error\":{\"code\":\"UNAUTHORIZED\"");
        assertThat(socket.closed.get(GENEROUS_S, TimeUnit.SECONDS)).isEqualTo(4401);

        WsClient garbage = WsClient.open(http, port, alice.token());
        garbage.send("{\"type\":\"reauth\",\"id\":\"r2\",\"token\":\"not-a-jwt\"}");
        assertThat(garbage.next()).startsWith("{\"type\":\"reply\",\"id\":\"r2\",\"ok\":false,\"error\":{\"code\":\"UNAUTHORIZED\"");
        assertThat(garbage.closed.get(GENEROUS_S, TimeUnit.SECONDS)).isEqualTo(4401);
    }

    @Test
    void reauthWithATokenWithoutASessionIsRefusedOnASocketThatHasOneButSuchATokenStillOpensASocket() throws Exception {
        Account alice = newAccount();
        // a token of before sessions existed: valid until exp (PROTOCOL-1.1 §7), but it cannot be revoked
        String sessionless = CraftedTokens.signed(JWSAlgorithm.HS256, settings.jwtSecret(),
                CraftedTokens.validClaims(settings.issuer(), alice.id(), clock.instant()));
        WsClient socket = WsClient.open(http, port, alice.token());

        socket.send("{\"type\":\"reauth\",\"id\":\"r1\",\"token\":\"" + sessionless + "\"}");

        assertThat(socket.next()).startsWith("{\"type\":\"reply\",\"id\":\"r1\",\"ok\":false,\"error\":{\"code\":\"UNAUTHORIZED\"");
        assertThat(socket.closed.get(GENEROUS_S, TimeUnit.SECONDS)).isEqualTo(4401);
        assertThat(socket.reason).contains("session");

        WsClient old = WsClient.open(http, port, sessionless);
        old.send("{\"type\":\"heartbeat\",\"id\":\"h\"}");
        assertThat(old.next()).isEqualTo("{\"type\":\"reply\",\"id\":\"h\",\"ok\":true}");
        old.send("{\"type\":\"reauth\",\"id\":\"r2\",\"token\":\"" + logIn(alice.email(), PASSWORD) + "\"}");
        assertThat(old.next()).as("moving onto a session is fine").isEqualTo("{\"type\":\"reply\",\"id\":\"r2\",\"ok\":true}");
    }

    @Test
    void loggingOutClosesTheSessionsSocketsAndNoOther() throws Exception {
        Account alice = newAccount();
        String otherDevice = logIn(alice.email(), PASSWORD);
        WsClient phone = WsClient.open(http, port, alice.token());
        WsClient laptop = WsClient.open(http, port, otherDevice);

        client.post().uri("/auth/logout").headers(bearer(alice.token())).exchange().expectStatus().isNoContent();

        assertThat(phone.closed.get(GENEROUS_S, TimeUnit.SECONDS)).isEqualTo(4401);
        assertThat(phone.reason).contains("revoked");
        assertThat(laptop.closed.isDone()).as("the other session's socket stays").isFalse();
        laptop.send("{\"type\":\"heartbeat\",\"id\":\"h\"}");
        assertThat(laptop.next()).isEqualTo("{\"type\":\"reply\",\"id\":\"h\",\"ok\":true}");
    }

    @Test
    void aRevokedSessionsSocketIoSocketGetsAnExceptionThenADisconnect() {
        Account alice = newAccount();
        EngineIoClient engine = new EngineIoClient(port);
        EngineIoClient.Socket socket = engine.webSocket("EIO=4&transport=websocket");
        socket.next();
        socket.send("40{\"token\":\"" + alice.token() + "\"}");
        assertThat(socket.next()).startsWith("40{\"sid\":");

        client.post().uri("/auth/logout-all").headers(bearer(alice.token())).exchange().expectStatus().isNoContent();

        assertThat(socket.next()).startsWith("42[\"exception\",{\"status\":\"error\",\"code\":\"UNAUTHORIZED\"");
        assertThat(socket.next()).isEqualTo("41");
    }

    @Test
    void aSocketIoSocketReauthenticatesWithAnEventAndAForeignTokenDisconnectsIt() {
        Account alice = newAccount();
        Account mallory = newAccount();
        EngineIoClient engine = new EngineIoClient(port);
        EngineIoClient.Socket socket = engine.webSocket("EIO=4&transport=websocket");
        socket.next();
        socket.send("40{\"token\":\"" + alice.token() + "\"}");
        assertThat(socket.next()).startsWith("40{\"sid\":");

        socket.send("421[\"reauth\",{\"token\":\"" + logIn(alice.email(), PASSWORD) + "\"}]");
        assertThat(socket.next()).isEqualTo("431[{\"success\":true}]");

        socket.send("422[\"reauth\",{\"token\":\"" + mallory.token() + "\"}]");
        assertThat(socket.next()).isEqualTo("432[{\"success\":false,\"error\":\"the token is another user's\",\"code\":\"UNAUTHORIZED\"}]");
        assertThat(socket.next()).startsWith("42[\"exception\",{\"status\":\"error\",\"code\":\"UNAUTHORIZED\"");
        assertThat(socket.next()).isEqualTo("41");
    }
}
