package parley.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@code /ws} client for the web tests: frames as text, waited for within a generous bound (a loaded 2-core machine). */
final class WsClient implements WebSocket.Listener {

    static final long GENEROUS_S = 15;

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final java.util.Deque<String> skipped = new java.util.ArrayDeque<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile String reason;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    static WsClient open(HttpClient http, int port, String token) throws Exception {
        WsClient client = new WsClient();
        client.ws = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    void send(String text) {
        try {
            ws.sendText(text, true).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("could not send (closed with " + closed.getNow(null) + " " + reason + ")", e);
        }
    }

    /** The next frame that is not a presence frame (one kept by {@link #nextOf} first), within the bound. */
    String next() throws InterruptedException {
        String kept = skipped.poll();
        return kept != null ? kept : nextArrived();
    }

    private String nextArrived() throws InterruptedException {
        while (true) {
            String frame = frames.poll(GENEROUS_S, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within %d s", GENEROUS_S).isNotNull();
            if (!frame.startsWith("{\"type\":\"presence\"")) {
                return frame;
            }
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
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String why) {
        reason = why;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    /**
     * The next frame of this type, within the bound. Frames of other types that come first are kept,
     * in order, for later calls (a frame can arrive before the reply that caused it).
     */
    String nextOf(String type) throws InterruptedException {
        String prefix = "{\"type\":\"" + type + "\"";
        for (java.util.Iterator<String> kept = skipped.iterator(); kept.hasNext(); ) {
            String frame = kept.next();
            if (frame.startsWith(prefix)) {
                kept.remove();
                return frame;
            }
        }
        while (true) {
            String frame = nextArrived();
            if (frame.startsWith(prefix)) {
                return frame;
            }
            skipped.add(frame);
        }
    }

    /**
     * Waits {@code millis} and returns every frame not read yet, presence frames and those a
     * {@link #nextOf} passed over left out.
     */
    java.util.List<String> drain(long millis) throws InterruptedException {
        Thread.sleep(millis);
        java.util.List<String> drained = new java.util.ArrayList<>();
        frames.drainTo(drained);
        drained.removeIf(frame -> frame.startsWith("{\"type\":\"presence\""));
        return drained;
    }
}
