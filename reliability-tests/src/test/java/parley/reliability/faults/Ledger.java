package parley.reliability.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Every sendMessage of a scenario, with when it was issued and what the gateway answered. Content
 * is unique per logical message, so storage can be checked for duplicates by content as well as id.
 */
final class Ledger {

    /** One logical message; {@code answer} is the last answer to it (a retry replaces a FAILED one). */
    static final class Entry {
        final String roomId;
        final String clientMsgId = UUID.randomUUID().toString();
        final String content;
        volatile long issuedAt;
        volatile WsClient.Answer answer;
        volatile int attempts;

        Entry(String roomId, String content) {
            this.roomId = roomId;
            this.content = content;
        }

        boolean answered() {
            return answer != null;
        }

        boolean accepted() {
            return answer != null && answer.accepted();
        }

        boolean failed() {
            return answer != null && !answer.accepted();
        }
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final Map<String, Entry> byFrameId = new ConcurrentHashMap<>();
    private final AtomicLong answers = new AtomicLong();

    /** Routes the client's answers into this ledger; call once per client before sending through it. */
    void attach(WsClient client, Runnable onEachAnswer) {
        client.onAnswer(answer -> {
            Entry entry = byFrameId.remove(answer.frame().path("id").asString(""));
            if (entry != null) {
                entry.answer = answer;
                answers.incrementAndGet();
                onEachAnswer.run();
            }
        });
    }

    void attach(WsClient client) {
        attach(client, () -> { });
    }

    /** Sends a new logical message through {@code client}. */
    Entry send(WsClient client, String roomId, String content) {
        Entry entry = new Entry(roomId, content);
        entries.add(entry);
        resend(client, entry);
        return entry;
    }

    /** Sends {@code entry} again with the same clientMsgId (a client's retry). */
    void resend(WsClient client, Entry entry) {
        entry.answer = null;
        entry.attempts++;
        entry.issuedAt = System.nanoTime();
        // registered before the frame leaves: the answer can come back before sendMessage returns
        String frameId = client.nextFrameId();
        byFrameId.put(frameId, entry);
        client.sendMessage(frameId, entry.roomId, entry.clientMsgId, entry.content);
    }

    /** Waits until {@code entry} is answered; false on timeout. */
    static boolean await(Entry entry, Duration timeout) {
        return Sleep.until(entry::answered, timeout);
    }

    List<Entry> all() {
        return new ArrayList<>(entries);
    }

    long answersReceived() {
        return answers.get();
    }

    long count() {
        return entries.size();
    }

    long accepted() {
        return entries.stream().filter(Entry::accepted).count();
    }

    long failed() {
        return entries.stream().filter(Entry::failed).count();
    }

    long unanswered() {
        return entries.stream().filter(e -> !e.answered()).count();
    }

    Set<String> acceptedIds(String roomId) {
        return entries.stream().filter(e -> e.accepted() && e.roomId.equals(roomId))
                .map(e -> e.answer.messageId()).collect(Collectors.toSet());
    }

    Set<String> acceptedIds() {
        return entries.stream().filter(Entry::accepted).map(e -> e.answer.messageId()).collect(Collectors.toSet());
    }

    Set<String> acceptedContents() {
        return entries.stream().filter(Entry::accepted).map(e -> e.content).collect(Collectors.toSet());
    }

    /** FAILED answers by error code. */
    Map<String, Long> failureCodes() {
        return entries.stream().filter(Entry::failed)
                .collect(Collectors.groupingBy(e -> String.valueOf(e.answer.errorCode()), Collectors.counting()));
    }
}
