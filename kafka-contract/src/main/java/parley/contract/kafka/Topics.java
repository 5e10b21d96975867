package parley.contract.kafka;

/** Topic names of the wire contract. */
public final class Topics {

    /** Accepted messages, gateway to worker; key = roomId. */
    public static final String MESSAGES = "chat.messages.v1";
    /** Persisted messages, worker to every gateway; key = roomId. */
    public static final String PERSISTED = "chat.messages.persisted.v1";
    /** The consumer group of the worker. */
    public static final String PERSISTOR_GROUP = "chat-persistor";

    private Topics() {
    }

    /** Where records of {@code topic} that cannot be read go, with the reason in a header. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
