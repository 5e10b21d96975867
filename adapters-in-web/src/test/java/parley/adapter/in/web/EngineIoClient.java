package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw Engine.IO v4 client for the wire tests, written from the protocol's description: polling
 * GETs and POSTs, and WebSockets, with the JDK's HTTP client. It checks nothing by itself.
 */
final class EngineIoClient {

    static final String SEPARATOR = "\u001e";
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    EngineIoClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Answer(int status, String contentType, String body) {
        List<String> packets() {
            return Arrays.asList(body.split(SEPARATOR, -1));
        }
    }

    Answer get(String query) {
        return send(HttpRequest.newBuilder(URI.create(base + "/socket.io/?" + query)).GET());
    }

    Answer get(String query, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(base + "/socket.io/?" + query)).header("Authorization", authorization).GET());
    }

    CompletableFuture<Answer> getAsync(String query) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/socket.io/?" + query)).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body()));
    }

    Answer post(String query, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + "/socket.io/?" + query))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    Answer post(String query, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + "/socket.io/?" + query))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A polling handshake; the session id it opened. */
    String handshake() {
        return sidOf(get("EIO=4&transport=polling").body());
    }

    /** Polls until {@code count} packets have come (pings are answered, not counted), within 10 s. */
    List<String> pollPackets(String sid, int count) {
        List<String> packets = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (packets.size() < count && System.nanoTime() < deadline) {
            Answer answer = get("EIO=4&transport=polling&sid=" + sid);
            assertThat(answer.status()).as("poll of %s: %s", sid, answer.body()).isEqualTo(200);
            for (String packet : answer.packets()) {
                if (packet.equals("2")) {
                    post("EIO=4&transport=polling&sid=" + sid, "3");
                } else {
                    packets.add(packet);
                }
            }
        }
        return packets;
    }

    /** A polling session connected to namespace / with {@code token}; its session id. */
    String connected(String token) {
        String sid = handshake();
        assertThat(post("EIO=4&transport=polling&sid=" + sid, "40{\"token\":\"" + token + "\"}").body()).isEqualTo("ok");
        assertThat(pollPackets(sid, 1).getFirst()).startsWith("40{\"sid\":");
        return sid;
    }

    static String sidOf(String openPacket) {
        Matcher m = SID.matcher(openPacket);
        assertThat(m.find()).as("a sid in %s", openPacket).isTrue();
        return m.group(1);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A WebSocket to {@code /socket.io/?<query>}; its text frames land in {@link Socket#frames}. */
    Socket webSocket(String query) {
        Socket socket = new Socket();
        try {
            socket.ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create(base.replace("http", "ws") + "/socket.io/?" + query), socket)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return socket;
    }

    static final class Socket implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        void send(String text) {
            ws.sendText(text, true).join();
        }

        /** The next frame that is not a ping (pings are answered), within 10 s. */
        String next() {
            try {
                while (true) {
                    String frame = frames.poll(10, TimeUnit.SECONDS);
                    assertThat(frame).as("a frame within 10 s").isNotNull();
                    if (!frame.equals("2")) {
                        return frame;
                    }
                    send("3");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
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
