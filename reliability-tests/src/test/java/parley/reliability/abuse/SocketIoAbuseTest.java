package parley.reliability.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Abuse of the Socket.IO endpoint against the real gateway: sessions opened and never connected,
 * failed handshakes, an event flood, oversized and forged input. The gateway runs with at most 100
 * sessions waiting for their CONNECT, 16 per client address, for 2 s each (AbuseStack), and the
 * chat limits of {@code /ws}.
 */
class SocketIoAbuseTest {

    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base = "http://127.0.0.1:" + AbuseStack.shared().port() + "/socket.io/?EIO=4";

    @Test
    void handshakesThatNeverConnectAreCappedPerAddressAndFreedByTheConnectTimeout() throws Exception {
        String attacker = "203.0.113.66";
        // sessions of an earlier run may hold places for a moment: wait until all of them are free
        eventually(() -> assertThat(handshakesUntilRefused(attacker)).isEqualTo(16));
        assertThat(get("&transport=polling", attacker).statusCode()).as("the address's 16 places are taken").isEqualTo(503);
        assertThat(get("&transport=polling", "203.0.113.67").statusCode()).as("another client still connects").isEqualTo(200);
        // the waiting sessions time out (2 s) and give their places back
        eventually(() -> assertThat(get("&transport=polling", attacker).statusCode()).isEqualTo(200));
    }

    @Test
    void failedWebSocketHandshakesGiveTheirPlacesBack() throws Exception {
        String client = "203.0.113.68";
        for (int i = 0; i < 40; i++) {
            // an upgrade that WebFlux's handshake refuses (Connection without "upgrade") after the session was made for it
            try (java.net.Socket raw = new java.net.Socket("127.0.0.1", AbuseStack.shared().port())) {
                raw.setSoTimeout(10_000);
                raw.getOutputStream().write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Upgrade: websocket\r\nConnection: keep-alive\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\nX-Forwarded-For: " + client + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(raw.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertThat(status).as("the answer to a broken upgrade").startsWith("HTTP/1.1 4");
            }
        }
        assertThat(handshakesUntilRefused(client)).as("all 16 places of the address are still free").isEqualTo(16);
    }

    /** Polling handshakes from {@code address} until one is refused; how many were answered. */
    private int handshakesUntilRefused(String address) {
        for (int opened = 0; opened < 300; opened++) {
            HttpResponse<String> answer = get("&transport=polling", address);
            if (answer.statusCode() != 200) {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                return opened;
            }
        }
        throw new AssertionError("300 handshakes from " + address + " were all answered: no cap");
    }

    @Test
    void anEventFloodIsRateLimitedThenTheSocketIsDisconnected() throws Exception {
        User flooder = User.register("Socket.IO flooder");
        Client socket = Client.open(http, base.replace("http", "ws") + "&transport=websocket");
        assertThat(socket.next()).startsWith("0{");
        socket.send("40{\"token\":\"" + flooder.token() + "\"}");
        assertThat(socket.next()).startsWith("40{\"sid\":");
        for (int i = 0; i < 5_000 && !socket.closed.isDone(); i++) {
            try {
                socket.send("42[\"heartbeat\"]");
            } catch (RuntimeException hungUp) {
                break;
            }
        }
        List<String> seen = socket.until(frame -> frame.equals("41"), GENEROUS);
        assertThat(seen).anyMatch(frame -> frame.startsWith("42[\"exception\"") && frame.contains("RATE_LIMITED"));
        assertThat(seen.getLast()).isEqualTo("41");
        assertThat(socket.closed.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as("the gateway closes the transport").isNotNull();
    }

    @Test
    void aPollingBodyOverTheMaxPayloadIs413AndEndsTheSession() throws Exception {
        HttpResponse<String> open = get("&transport=polling");
        String sid = open.body().replaceAll("^0\\{\"sid\":\"([^\"]+)\".*$", "$1");
        HttpResponse<String> tooLarge = http.send(HttpRequest.newBuilder(URI.create(base + "&transport=polling&sid=" + sid))
                        .POST(HttpRequest.BodyPublishers.ofString("4" + "x".repeat(1_100_000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(get("&transport=polling&sid=" + sid).body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void forgedTokensConnectAndAreDisconnectedWithoutAChatSession() throws Exception {
        User victim = User.register("Socket.IO victim");
        User other = User.register("Socket.IO other");
        for (String token : List.of(Tokens.unsigned(victim.id()), Tokens.rs256(victim.id()), Tokens.tampered(victim.id(), other.id()),
                Tokens.algNoneHeaderOverValidSignature(victim.id()), victim.token() + "x", "")) {
            Client socket = Client.open(http, base.replace("http", "ws") + "&transport=websocket");
            socket.next();
            socket.send("40{\"token\":\"" + token + "\"}");
            assertThat(socket.next()).as(token).startsWith("40{\"sid\":");
            assertThat(socket.next()).as(token).isEqualTo("41");
            // no session: an event sent anyway is not answered
            socket.send("421[\"joinRoom\",{\"roomId\":\"01ARZ3NDEKTSV4RRFFQ69G5FAV\"}]");
            assertThat(socket.closed.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isNotNull();
            assertThat(socket.frames).as(token).noneMatch(frame -> frame.startsWith("431"));
        }
    }

    private HttpResponse<String> get(String query) {
        return get(query, null);
    }

    /** A GET as the client at {@code address} (the suite's gateway trusts 127.0.0.1 as a proxy). */
    private HttpResponse<String> get(String query, String address) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + query)).timeout(Duration.ofSeconds(20)).GET();
            if (address != null) {
                request.header("X-Forwarded-For", address);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                User.sleep(200);
            }
        }
    }

    /** A WebSocket to the endpoint; server pings are answered. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        static Client open(HttpClient http, String uri) throws Exception {
            Client client = new Client();
            client.ws = http.newWebSocketBuilder().buildAsync(URI.create(uri), client).get(10, TimeUnit.SECONDS);
            return client;
        }

        void send(String text) {
            ws.sendText(text, true).join();
        }

        String next() throws InterruptedException {
            String frame = frames.poll(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            assertThat(frame).as("a frame within %s", GENEROUS).isNotNull();
            return frame;
        }

        /** The frames up to and including the first that matches. */
        List<String> until(java.util.function.Predicate<String> last, Duration within) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                String frame = frames.poll(1, TimeUnit.SECONDS);
                if (frame != null) {
                    seen.add(frame);
                    if (last.test(frame)) {
                        return seen;
                    }
                }
            }
            throw new AssertionError("no matching frame within " + within + "; saw " + seen.size() + " frames, the last: "
                    + (seen.isEmpty() ? "none" : seen.getLast()));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean lastPart) {
            partial.append(data);
            if (lastPart) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.equals("2")) {
                    webSocket.sendText("3", true);
                } else {
                    frames.add(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
