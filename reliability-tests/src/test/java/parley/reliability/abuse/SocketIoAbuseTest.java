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
 * an event flood, oversized and forged input. The gateway runs with at most 100 sessions waiting
 * for their CONNECT, for 2 s each (AbuseStack), and the chat limits of {@code /ws}.
 */
class SocketIoAbuseTest {

    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base = "http://127.0.0.1:" + AbuseStack.shared().port() + "/socket.io/?EIO=4";

    @Test
    void handshakesThatNeverConnectAreCappedAndFreedByTheConnectTimeout() throws Exception {
        // another test's sessions may hold places for a moment: wait until a handshake works
        eventually(() -> assertThat(get("&transport=polling").statusCode()).isEqualTo(200));
        int opened = 0;
        int refused = 0;
        for (int i = 0; i < 300 && refused == 0; i++) {
            HttpResponse<String> answer = get("&transport=polling");
            if (answer.statusCode() == 200) {
                opened++;
            } else {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                refused++;
            }
        }
        assertThat(opened).as("handshakes answered before the cap").isLessThanOrEqualTo(100);
        assertThat(refused).as("the handshake past the cap is refused").isEqualTo(1);
        // the waiting sessions time out (2 s) and give their places back
        eventually(() -> assertThat(get("&transport=polling").statusCode()).isEqualTo(200));
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
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + query)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
