package parley.testkit;

/** Where a test's Redis is (no password, database 0). */
public record RedisEndpoint(String host, int port) {

    /** {@code redis://host:port} */
    public String uri() {
        return "redis://" + host + ":" + port;
    }
}
