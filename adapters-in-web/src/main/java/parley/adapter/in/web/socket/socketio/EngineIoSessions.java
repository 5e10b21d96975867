package parley.adapter.in.web.socket.socketio;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This gateway's Engine.IO sessions by id, for the polling requests and upgrades that name one,
 * and the cap on sessions that have not sent their Socket.IO CONNECT yet (those hold no chat
 * session, so the chat layer's limits do not bound them).
 */
final class EngineIoSessions {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, EngineIoSession> byId = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, Integer> waitingByAddress = new ConcurrentHashMap<>();
    private final int maxWaiting;
    private final int maxWaitingPerAddress;

    EngineIoSessions(int maxWaiting, int maxWaitingPerAddress) {
        this.maxWaiting = maxWaiting;
        this.maxWaitingPerAddress = maxWaitingPerAddress;
    }

    /**
     * Takes a place among the sessions waiting for a CONNECT, for a client at {@code address};
     * false when this gateway has as many as allowed, or that address has. The per-address bound
     * keeps one client from taking every place.
     */
    boolean tryReserveWaiting(String address) {
        boolean[] taken = {false};
        waitingByAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxWaitingPerAddress || !reserveOne()) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private boolean reserveOne() {
        while (true) {
            int now = waiting.get();
            if (now >= maxWaiting) {
                return false;
            }
            if (waiting.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives a place back: the session connected, or ended without connecting. */
    void releaseWaiting(String address) {
        waitingByAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        waiting.decrementAndGet();
    }

    /** Addresses with sessions waiting (each entry leaves when its last session connects or ends). */
    int waitingAddresses() {
        return waitingByAddress.size();
    }

    int waiting() {
        return waiting.get();
    }

    void add(EngineIoSession session) {
        byId.put(session.id(), session);
    }

    EngineIoSession find(String id) {
        return id == null ? null : byId.get(id);
    }

    void remove(EngineIoSession session) {
        byId.remove(session.id(), session);
    }

    int size() {
        return byId.size();
    }

    /** 20 URL-safe characters of 120 random bits: a session id cannot be guessed. */
    String newId() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
