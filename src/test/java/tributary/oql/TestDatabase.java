package tributary.oql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM, started on first use and holding the {@link TestCatalog} schema
 * laid out as the storage contract says: one table per root class in schema {@code cmdb}, {@code id} and
 * {@code finalclass} columns, one column per stored attribute.
 */
final class TestDatabase {

    private static DataSource dataSource;

    private TestDatabase() {
    }

    static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting anyway
                    }
                }));
                dataSource = postgres.getPostgresDatabase();
                createSchema(dataSource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return dataSource;
    }

    private static void createSchema(DataSource source) throws SQLException {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                CREATE SCHEMA cmdb;
                CREATE TABLE cmdb."organization" (id bigint PRIMARY KEY, finalclass text NOT NULL, name text,
                  code text, parent_id bigint);
                CREATE TABLE cmdb."location" (id bigint PRIMARY KEY, finalclass text NOT NULL, name text, city text,
                  org_id bigint);
                CREATE TABLE cmdb."contact" (id bigint PRIMARY KEY, finalclass text NOT NULL, name text, status text,
                  org_id bigint, email text, phone text, first_name text, location_id bigint);
                CREATE TABLE cmdb."lnkpersontoteam" (id bigint PRIMARY KEY, finalclass text NOT NULL,
                  person_id bigint, team_id bigint, role text);
                CREATE TABLE cmdb."functionalci" (id bigint PRIMARY KEY, finalclass text NOT NULL, name text,
                  org_id bigint, managementip text, status text, purchase_date date, cpu_count bigint,
                  ram_gb numeric, monitored boolean, type text, redundancy text);
                CREATE TABLE cmdb."lnkapplicationsolutiontofunctionalci" (id bigint PRIMARY KEY,
                  finalclass text NOT NULL, functionalci_id bigint, applicationsolution_id bigint);
                CREATE TABLE cmdb."ticket" (id bigint PRIMARY KEY, finalclass text NOT NULL, ref text, title text,
                  org_id bigint, agent_id bigint, start_date timestamp, status text, request_type text);
                CREATE TABLE cmdb."contract" (id bigint PRIMARY KEY, finalclass text NOT NULL, name text,
                  end_date date);

                INSERT INTO cmdb.organization VALUES (1, 'Organization', 'Demo', 'DEMO', NULL),
                  (2, 'Organization', 'Demo-Sub', 'SUB', 1), (3, 'Organization', 'Demo-SubSub', 'SUBSUB', 2),
                  (4, 'Organization', 'Other', 'OTH', NULL), (5, 'Organization', 'It''s "quoted"', 'Q', 4);
                INSERT INTO cmdb.location VALUES (10, 'Location', 'Paris', 'Paris', 1),
                  (11, 'Location', 'Lyon', 'Lyon', 4);
                INSERT INTO cmdb.contact (id, finalclass, name, status, org_id, email, first_name, location_id) VALUES
                  (20, 'Person', 'Monet', 'active', 1, 'claude.monet@demo.com', 'Claude', 10),
                  (21, 'Person', 'Renoir', 'active', 2, 'pierre@DEMO.com', 'Pierre', NULL),
                  (22, 'Person', 'x'' OR 1=1 --', 'inactive', 4, 'evil@example.org', 'Bobby', 11),
                  (23, 'Team', 'Support', 'active', 1, 'support@demo.com', NULL, NULL),
                  (24, 'Team', 'Ops', 'active', 4, NULL, NULL, NULL),
                  (25, 'Person', 'Solo', 'active', NULL, NULL, NULL, NULL);
                INSERT INTO cmdb.lnkpersontoteam VALUES (30, 'lnkPersonToTeam', 20, 23, 'member'),
                  (31, 'lnkPersonToTeam', 21, 23, 'lead');
                INSERT INTO cmdb.functionalci (id, finalclass, name, org_id, managementip, status, purchase_date,
                  cpu_count, ram_gb, monitored, type, redundancy) VALUES
                  (40, 'Server', 'dbserver1', 1, '10.22.32.230', 'production', DATE '2020-05-01', 4, 15.5, true, NULL, NULL),
                  (41, 'Server', 'DBSERVER22', 2, '10.22.32.100', 'implementation', NULL, 8, 64, false, NULL, NULL),
                  (42, 'Server', 'web1', 4, '', 'obsolete', NULL, NULL, NULL, NULL, NULL, NULL),
                  (43, 'PC', 'pc1', 1, NULL, NULL, NULL, NULL, NULL, NULL, 'laptop', NULL),
                  (44, 'ApplicationSolution', 'app1', 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'disabled');
                INSERT INTO cmdb.lnkapplicationsolutiontofunctionalci VALUES
                  (50, 'lnkApplicationSolutionToFunctionalCI', 40, 44);
                INSERT INTO cmdb.ticket VALUES
                  (60, 'UserRequest', 'R-1', 'Disk full', 1, 20, date_trunc('second', LOCALTIMESTAMP) - INTERVAL '2 hours', 'new', 'incident'),
                  (61, 'UserRequest', 'R-2', 'Printer', 2, 21, date_trunc('second', LOCALTIMESTAMP) - INTERVAL '10 minutes', 'new', NULL),
                  (62, 'Incident', 'I-1', 'disk slow', 1, 20, date_trunc('second', LOCALTIMESTAMP) - INTERVAL '3 days', 'assigned', NULL),
                  (63, 'UserRequest', 'R-3', 'Old one', 4, 20, TIMESTAMP '2024-01-15 10:30:00', 'closed', NULL);
                INSERT INTO cmdb.contract VALUES (70, 'Contract', 'c1', CURRENT_DATE + 10),
                  (71, 'Contract', 'c2', CURRENT_DATE + 100);
                """);
        }
    }

    /** Runs {@code query} and returns, per row, the ids of its selected aliases. */
    static List<List<Long>> rows(CompiledQuery query) {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = prepare(connection, query.sql(), query.parameters());
             ResultSet result = statement.executeQuery()) {
            List<List<Long>> rows = new ArrayList<>();
            while (result.next()) {
                List<Long> row = new ArrayList<>();
                for (SelectedAlias column : query.columns()) {
                    row.add(result.getLong(column.idColumn()));
                    if (result.getString(column.classColumn()) == null) {
                        throw new AssertionError("finalclass missing");
                    }
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\nSQL: " + query.sql() + "\nParameters: " + query.parameters(), e);
        }
    }

    /** Runs a statement and returns its rows, each as its columns' values. */
    static List<List<Object>> table(String sql, List<Object> parameters) {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet result = statement.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\nSQL: " + sql, e);
        }
    }

    /** Runs a one-value statement. */
    static long scalar(String sql, List<Object> parameters) {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\nSQL: " + sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters)
        throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }
}
