package parley.testkit;

/** Where a test's PostgreSQL is, and how to log in. */
public record PostgresEndpoint(String host, int port, String database, String username, String password) {

    /** {@code jdbc:postgresql://host:port/database} */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** {@code r2dbc:postgresql://host:port/database} */
    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "PostgresEndpoint[" + jdbcUrl() + ", user=" + username + "]";
    }
}
