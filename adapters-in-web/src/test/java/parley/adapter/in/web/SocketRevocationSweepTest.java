package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import parley.application.fake.InMemoryRevocationList;

/**
 * A revoked session's socket is closed (4401) even when this gateway never hears the announcement:
 * the sweep (every second here) finds it; and a revocation landing between a socket's token check
 * and its registration, or a reauth's check and its swap, is caught by the check made right after.
 * The bounds are liveness bounds (10× the sweep interval), not timing targets.
 */
@TestPropertySource(properties = "parley.websocket.revocation-sweep-interval=1s")
class SocketRevocationSweepTest extends WebTest {

    private static final long BOUND_S = 10;

    @LocalServerPort
    int port;

    @Autowired
    InMemoryRevocationList denyList;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void announceAgain() {
        denyList.announceAgain();
        denyList.denyFromLookup(0);
    }

    @Test
    void aRevokedSessionsSocketIsClosedByTheSweepWhenTheAnnouncementNeverArrives() throws Exception {
        Account alice = newAccount();
        String otherDevice = logIn(alice.email(), PASSWORD);
        WsClient phone = WsClient.open(http, port, alice.token());
        WsClient laptop = WsClient.open(http, port, otherDevice);
        denyList.stopAnnouncing();

        client.post().uri("/auth/logout").headers(bearer(alice.token())).exchange().expectStatus().isNoContent();

        assertThat(phone.closed.get(BOUND_S, TimeUnit.SECONDS)).isEqualTo(4401);
        assertThat(phone.reason).contains("revoked");
        assertThat(laptop.closed.isDone()).as("the other session's socket stays").isFalse();
        laptop.send("{\"type\":\"heartbeat\",\"id\":\"h\"}");
        assertThat(laptop.next()).isEqualTo("{\"type\":\"reply\",\"id\":\"h\",\"ok\":true}");
    }

    @Test
    void aSessionRevokedBetweenTheTokenCheckAndTheRegistrationIsClosedAtOnce() throws Exception {
        Account alice = newAccount();
        // the upgrade checks the token twice (the filter, then the handler): revoked right after those
        denyList.denyFromLookup(3);

        WsClient socket = WsClient.open(http, port, alice.token());

        assertThat(socket.closed.get(BOUND_S, TimeUnit.SECONDS)).isEqualTo(4401);
        assertThat(socket.reason).contains("revoked");
    }

    @Test
    void aSessionRevokedBetweenAReauthsCheckAndTheSwapIsClosedAtOnce() throws Exception {
        Account alice = newAccount();
        WsClient socket = WsClient.open(http, port, alice.token());
        String fresh = logIn(alice.email(), PASSWORD);
        // the fresh token's session is checked once by the reauth: revoked right after that
        denyList.denyFromLookup(2);

        socket.send("{\"type\":\"reauth\",\"id\":\"r1\",\"token\":\"" + fresh + "\"}");

        // closed right after the swap, so the reauth's reply may or may not be written before the close
        assertThat(socket.closed.get(BOUND_S, TimeUnit.SECONDS)).isEqualTo(4401);
        assertThat(socket.reason).contains("revoked");
    }
}
