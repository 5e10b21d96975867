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
    private final int maxWaiting;

    EngineIoSessions(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    /** Takes a place among the sessions waiting for a CONNECT; false when they are as many as allowed. */
    boolean tryReserveWaiting() {
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
    void releaseWaiting() {
        waiting.decrementAndGet();
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
