package parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

@WithRealInfrastructure
class PostgresRoundTripTest {

    @Test
    void rowsInsertedIntoANewTableAreReadBack(PostgresEndpoint postgres) throws Exception {
        String table = "smoke_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password())) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table " + table + " (id bigint primary key, body text not null)");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " values (?, ?)")) {
                insert.setLong(1, 1);
                insert.setString(2, "hello");
                insert.addBatch();
                insert.setLong(1, 2);
                insert.setString(2, "wörld ✓");
                insert.addBatch();
                assertThat(insert.executeBatch()).containsExactly(1, 1);
            }
            List<String> bodies = new ArrayList<>();
            try (Statement query = connection.createStatement();
                 ResultSet rs = query.executeQuery("select body from " + table + " order by id")) {
                while (rs.next()) {
                    bodies.add(rs.getString(1));
                }
            }
            assertThat(bodies).containsExactly("hello", "wörld ✓");
        }
    }

    @Test
    void connectsToTheParleyDatabaseAsTheParleyUser(PostgresEndpoint postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
             Statement query = connection.createStatement();
             ResultSet rs = query.executeQuery("select current_database(), current_user, current_setting('server_version_num')::int")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("parley");
            assertThat(rs.getString(2)).isEqualTo("parley");
            assertThat(rs.getInt(3)).isGreaterThanOrEqualTo(170000);
        }
    }
}
