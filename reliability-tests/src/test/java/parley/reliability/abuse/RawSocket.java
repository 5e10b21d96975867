package parley.reliability.abuse;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A WebSocket client written on a plain TCP socket (RFC 6455 by hand), so a test controls every
 * byte: the upgrade request and its answer, binary, fragmented and oversized frames, floods, and a
 * client that does not read at all (its receive buffer fills and the server's writes back up).
 * Server frames are read by a background thread once {@link #startReading()} was called.
 */
public final class RawSocket implements AutoCloseable {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_HEAD = 16 * 1024;
    private static final long MAX_FRAME = 8L * 1024 * 1024;

    /** The answer to an upgrade request: status and the raw response head. */
    record Upgrade(int status, String head) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final AtomicInteger newMessages = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger pongs = new AtomicInteger();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean keepNewMessages = true;
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private volatile Thread reader;

    private RawSocket(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    /** Connects with {@code ?token=} and starts reading. */
    static RawSocket open(String token) {
        RawSocket socket = openPaused(token, 0);
        socket.startReading();
        return socket;
    }

    /**
     * Connects and upgrades but does not read server frames until {@link #startReading()}.
     * {@code receiveBuffer} &gt; 0 shrinks the TCP receive buffer (set before connecting, so the
     * advertised window stays small).
     */
    static RawSocket openPaused(String token, int receiveBuffer) {
        return openPaused(AbuseStack.shared().port(), token, receiveBuffer);
    }

    /** As {@link #openPaused(String, int)}, against the gateway on {@code port} (for suites with gateways of their own). */
    public static RawSocket openPaused(int port, String token, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(0);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1024);
            Upgrade upgrade = handshake(socket, in, "/ws?token=" + token, Map.of());
            if (upgrade.status() != 101) {
                socket.close();
                throw new IllegalStateException("the upgrade was refused: " + upgrade.head());
            }
            return new RawSocket(socket, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends an upgrade request and returns the answer, then hangs up; for upgrades that must fail. */
    static Upgrade attempt(String target, Map<String, String> headers) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", AbuseStack.shared().port()), 5_000);
            socket.setSoTimeout(10_000);
            return handshake(socket, new BufferedInputStream(socket.getInputStream(), 1024), target, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Upgrade handshake(Socket socket, InputStream in, String target, Map<String, String> headers) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();

        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade; got: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD) {
                throw new IOException("response head too long");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(text.substring(9, 12));
        if (status == 101) {
            String expected = acceptFor(key);
            boolean accepted = text.lines().anyMatch(line -> line.toLowerCase().startsWith("sec-websocket-accept:")
                    && line.substring(line.indexOf(':') + 1).strip().equals(expected));
            if (!accepted) {
                throw new IOException("wrong Sec-WebSocket-Accept in " + text);
            }
        }
        return new Upgrade(status, text);
    }

    private static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- sending

    /** A masked client frame. */
    static byte[] frame(int opcode, boolean fin, byte[] payload) {
        int length = payload.length;
        int header = 2 + (length < 126 ? 0 : length <= 0xFFFF ? 2 : 8) + 4;
        byte[] bytes = new byte[header + length];
        int i = 0;
        bytes[i++] = (byte) ((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            bytes[i++] = (byte) (0x80 | length);
        } else if (length <= 0xFFFF) {
            bytes[i++] = (byte) (0x80 | 126);
            bytes[i++] = (byte) (length >>> 8);
            bytes[i++] = (byte) length;
        } else {
            bytes[i++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[i++] = (byte) ((long) length >>> shift);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        System.arraycopy(mask, 0, bytes, i, 4);
        i += 4;
        for (int k = 0; k < length; k++) {
            bytes[i + k] = (byte) (payload[k] ^ mask[k & 3]);
        }
        return bytes;
    }

    public static byte[] textFrame(String text) {
        return frame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a JSON frame of this type with a fresh id, and returns the id. */
    String send(String type, String fieldsJson) {
        String id = type + "-" + ids.incrementAndGet();
        String fields = fieldsJson == null || fieldsJson.isBlank() ? "" : "," + fieldsJson;
        sendText("{\"type\":\"" + type + "\",\"id\":\"" + id + "\"" + fields + "}");
        return id;
    }

    void sendText(String text) {
        sendBytes(textFrame(text));
    }

    void sendFrame(int opcode, boolean fin, byte[] payload) {
        sendBytes(frame(opcode, fin, payload));
    }

    public synchronized void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- receiving

    /** Starts the background reader (idempotent). */
    public synchronized void startReading() {
        if (reader == null) {
            reader = Thread.ofPlatform().daemon().name("raw-socket-reader").start(this::readLoop);
        }
    }

    /** Counts newMessage frames without keeping them (for floods). */
    public void countNewMessagesOnly() {
        keepNewMessages = false;
    }

    private void readLoop() {
        try {
            while (readOne()) {
                // until the connection ends
            }
        } catch (IOException | UncheckedIOException e) {
            // the connection ended
        } finally {
            ended.countDown();
        }
    }

    /**
     * Reads frames in the calling thread until one matches (for a socket whose background reader
     * is not started yet: it reads just what the test wants and no more).
     */
    JsonNode readUntil(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                for (JsonNode frame : frames) {
                    if (match.test(frame)) {
                        return frame;
                    }
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("no matching frame within " + timeout + "; received " + describe());
                }
                socket.setSoTimeout((int) left);
                if (!readOne()) {
                    ended.countDown();
                    throw new AssertionError("connection ended; received " + describe());
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("no matching frame within " + timeout + "; received " + describe());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout(0);
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    private ByteArrayOutputStream fragments;
    private int fragmentedOpcode;

    /** Reads and handles one frame; false at the end of the stream. */
    private boolean readOne() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return false;
        }
        int b1 = readByte();
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int k = 0; k < 8; k++) {
                length = (length << 8) | readByte();
            }
        }
        if (length > MAX_FRAME) {
            throw new IOException("server frame of " + length + " bytes");
        }
        byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            return false;
        }
        if (mask != null) {
            for (int k = 0; k < payload.length; k++) {
                payload[k] ^= mask[k & 3];
            }
        }
        switch (opcode) {
            case CLOSE -> {
                closeCode = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                closeReason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                try {
                    sendFrame(CLOSE, true, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                } catch (UncheckedIOException ignored) {
                    // the server may have hung up already
                }
            }
            case PING -> sendFrame(PONG, true, payload);
            case PONG -> pongs.incrementAndGet();
            case CONTINUATION -> {
                if (fragments != null) {
                    fragments.write(payload);
                    if (fin) {
                        deliver(fragmentedOpcode, fragments.toByteArray());
                        fragments = null;
                    }
                }
            }
            default -> {
                if (fin) {
                    deliver(opcode, payload);
                } else {
                    fragments = new ByteArrayOutputStream();
                    fragments.write(payload);
                    fragmentedOpcode = opcode;
                }
            }
        }
        return true;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private void deliver(int opcode, byte[] payload) {
        if (opcode != TEXT) {
            frames.add(Http.JSON.createObjectNode().put("type", "<binary>").put("length", payload.length));
            return;
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        if (text.startsWith("{\"type\":\"newMessage\"")) {
            newMessages.incrementAndGet();
            if (!keepNewMessages) {
                return;
            }
        }
        frames.add(Http.JSON.readTree(text));
    }

    /** The reply, ack or error with this frame id. */
    JsonNode answerTo(String id) {
        return await(frame -> frame.hasNonNull("id") && id.equals(frame.get("id").asString()), Duration.ofSeconds(10));
    }

    JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonNode frame : frames) {
                if (match.test(frame)) {
                    return frame;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching frame within " + timeout + "; received " + describe());
            }
            User.sleep(5);
        }
    }

    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    List<JsonNode> frames(String type) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (frame.has("type") && type.equals(frame.get("type").asString())) {
                matching.add(frame);
            }
        }
        return matching;
    }

    int pongCount() {
        return pongs.get();
    }

    int newMessageCount() {
        return newMessages.get();
    }

    /** Waits for the connection to end (close frame and EOF, or a reset); true if it did. */
    public boolean awaitEnd(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean hasEnded() {
        return ended.getCount() == 0;
    }

    /** The server's close code, or -1 when no close frame was received. */
    public int closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    /** A heartbeat answered ok: the socket is open and served. */
    boolean heartbeatAnswered() {
        JsonNode reply = answerTo(send("heartbeat", null));
        return reply.get("ok").asBoolean();
    }

    private String describe() {
        List<JsonNode> copy = frames();
        String last = copy.size() <= 8 ? copy.toString() : copy.subList(copy.size() - 8, copy.size()).toString();
        return copy.size() + " frames (+" + newMessages.get() + " newMessage), last: " + last
                + (hasEnded() ? "; connection ended, close " + closeCode + " " + closeReason : "");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
