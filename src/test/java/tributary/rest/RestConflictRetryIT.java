package tributary.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tributary.model.DataModel;
import tributary.test.LockWaits;

/**
 * A REST write that fails on a conflict with another transaction (a hand edit, a deletion, an import chunk, another
 * client) is run again whole, over HTTP against the running application: the caller gets the answer of an undisturbed
 * call, and the database holds one change set and one history of it, not an internal error.
 *
 * <p>The deadlock tests make a real deadlock: another transaction holds a row the REST call needs after it has locked its
 * object, then asks for that object. That transaction looks for deadlocks only after a minute, the REST call's after
 * PostgreSQL's default second, so the REST call is always the side PostgreSQL stops.
 */
class RestConflictRetryIT extends RestTestSupport {

    private static final String DEADLOCKS = "select deadlocks from pg_stat_database where datname = current_database()";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    DataModel model;
    @Autowired
    TransactionTemplate transactions;

    String tag;
    long org;
    long otherOrg;
    long person;

    @BeforeEach
    void fixture() {
        tag = tag();
        org = objects.create(setup, "Organization", Map.of("name", "Retry " + tag)).id();
        otherOrg = objects.create(setup, "Organization", Map.of("name", "Retry other " + tag)).id();
        person = objects.create(setup, "Person", Map.of("first_name", "Dead", "name", "Lock " + tag, "org_id", org)).id();
    }

    private String table(String className) {
        return "cmdb.\"" + model.tableOf(className) + "\"";
    }

    /**
     * Runs {@code call} while another transaction holds {@code heldRow} ({@code select … for update}); once the call
     * waits for it, that transaction asks for the Person, then commits. Returns the call's answer.
     */
    private JsonNode deadlocked(String heldRow, java.util.function.Supplier<JsonNode> call) throws Exception {
        long deadlocksBefore = jdbc.queryForObject(DEADLOCKS, Long.class);
        CompletableFuture<JsonNode> running;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("set local deadlock_timeout = '1min'");
                statement.executeQuery(heldRow).close();
                CompletableFuture<JsonNode> calling = CompletableFuture.supplyAsync(call);
                running = calling;
                LockWaits.awaitRowLockWait(jdbc, "the REST call waits for the row held", calling);
                // Granted once PostgreSQL has stopped the REST call's transaction, which held the Person.
                statement.executeQuery("select id from " + table("Person") + " where id = " + person + " for update")
                        .close();
            }
            other.commit();
        }
        JsonNode answer = running.get(2, TimeUnit.MINUTES);
        Awaitility.await("PostgreSQL counts the deadlock it broke").atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(DEADLOCKS, Long.class) == deadlocksBefore + 1);
        return answer;
    }

    private long changeSets(String comment) {
        return jdbc.queryForObject("select count(*) from cmdb.change where userinfo = ?", Long.class, comment);
    }

    @Test
    void anUpdateStoppedToBreakADeadlockIsRunAgainAndAnsweredAsIfUndisturbed() throws Exception {
        // The update locks the Person, then checks its new organization (key share), which the other side holds.
        String comment = "retried update " + tag;
        JsonNode answer = deadlocked("select id from " + table("Organization") + " where id = " + otherOrg
                + " for update", () -> call(map("operation", "core/update", "class", "Person", "key", person,
                "comment", comment, "fields", map("org_id", otherOrg), "output_fields", "org_id")));

        assertThat(answer.toString()).isEqualTo("{\"code\":0,\"message\":null,\"objects\":{\"Person::" + person
                + "\":{\"code\":0,\"message\":\"updated\",\"class\":\"Person\",\"key\":\"" + person
                + "\",\"fields\":{\"org_id\":\"" + otherOrg + "\"}}}}");
        assertThat(jdbc.queryForObject("select org_id from " + table("Person") + " where id = ?", Long.class, person))
                .isEqualTo(otherOrg);
        assertThat(changeSets(comment)).as("the stopped attempt's change set went with it").isEqualTo(1);
        assertThat(jdbc.queryForList("select o.oldvalue, o.newvalue from cmdb.change_op o join cmdb.change c"
                + " on c.id = o.\"change\" where c.userinfo = ? and o.objkey = ? and o.optype = 'update'", comment, person))
                .containsExactly(Map.of("oldvalue", String.valueOf(org), "newvalue", String.valueOf(otherOrg)));
    }

    @Test
    void aDeletionStoppedToBreakADeadlockIsRunAgainAndDeletesWhatItPlanned() throws Exception {
        // The deletion locks the Person, then the team membership deleted with it, which the other side holds.
        long team = objects.create(setup, "Team", Map.of("name", "Retry team " + tag, "org_id", org)).id();
        long membership = objects.create(setup, "lnkPersonToTeam", Map.of("person_id", person, "team_id", team)).id();
        String comment = "retried deletion " + tag;
        JsonNode answer = deadlocked("select id from " + table("lnkPersonToTeam") + " where id = " + membership
                + " for update", () -> call(map("operation", "core/delete", "class", "Person", "key", person,
                "comment", comment)));

        assertThat(answer.get("code").asInt()).isZero();
        assertThat(answer.get("message").asString()).isEqualTo("Deleted: 1 plus (for DB integrity) 1");
        assertThat(answer.get("objects").propertyNames()).containsExactlyInAnyOrder("Person::" + person,
                "lnkPersonToTeam::" + membership);
        assertThat(jdbc.queryForObject("select count(*) from " + table("Person") + " where id = ?", Long.class, person))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from " + table("lnkPersonToTeam") + " where id = ?", Long.class,
                membership)).isZero();
        assertThat(changeSets(comment)).isEqualTo(1);
        assertThat(jdbc.queryForList("select o.objclass, o.objkey from cmdb.change_op o join cmdb.change c"
                + " on c.id = o.\"change\" where c.userinfo = ? and o.optype = 'delete' order by o.objclass", comment))
                .containsExactly(Map.of("objclass", "Person", "objkey", person),
                        Map.of("objclass", "lnkPersonToTeam", "objkey", membership));
    }

    @Test
    void aLoginTakenByATransactionCommittingWhileTheCreationWaitsIsRefusedWithTheUsualMessage() throws Exception {
        // The creation checked that the login was free before the other transaction committed it: the unique index
        // then refuses its row. Run again, its own check sees the login taken and says so, as for any taken login.
        String login = "race-" + tag;
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            long id = objects.create(setup, "UserLocal", Map.of("login", login, "password", "Other-pwd1")).id();
            created.countDown();
            try {
                commit.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return id;
        }));
        assertThat(created.await(1, TimeUnit.MINUTES)).isTrue();
        CompletableFuture<JsonNode> creating = CompletableFuture.supplyAsync(() -> call(map("operation", "core/create",
                "class", "UserLocal", "comment", "race " + tag, "fields", map("login", login, "password", "Mine-pwd1"))));
        LockWaits.awaitRowLockWait(jdbc, "the creation waits for the other transaction's login", creating);
        commit.countDown();
        long winner = other.get(1, TimeUnit.MINUTES);

        assertThat(creating.get(1, TimeUnit.MINUTES).toString()).isEqualTo("{\"code\":100,\"message\":\"Error:"
                + " Unexpected value for attribute 'login': the value '" + login + "' is already used by another object\"}");
        assertThat(jdbc.queryForList("select id from " + table("UserLocal") + " where login = ?", Long.class, login))
                .containsExactly(winner);
    }
}
