package tributary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tributary.app.TributaryApplication;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.ObjectService;
import tributary.cmdb.WriteContext;
import tributary.test.TestPostgres;

/** Model files applied at start: additive changes are applied, destructive ones refused with nothing altered. */
class ModelMigrationIT {

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(String databaseUrl, Path modelFile) {
        return new SpringApplicationBuilder(TributaryApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres",
                        "--tributary.admin-password=Admin-pwd1",
                        "--tributary.model.files=" + (modelFile == null ? "" : modelFile.toString()));
    }

    private List<String> columns(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("select column_name from information_schema.columns where table_schema = 'cmdb'"
                + " and table_name = ? order by column_name", String.class, table);
    }

    @Test
    void addedClassAndAttributeAreAppliedAtStartAndUsableAtOnce() throws Exception {
        String url = TestPostgres.newDatabase();
        try (ConfigurableApplicationContext context = start(url, null)) {
            assertThat(columns(context.getBean(JdbcTemplate.class), "contact")).doesNotContain("nickname");
        }
        Path model = Files.writeString(dir.resolve("extra.yml"), """
                classes:
                  - name: Rack
                    parent: PhysicalDevice
                    attributes:
                      - {code: nb_u, label: Height (U), type: integer, mandatory: true}
                  - name: Person
                    attributes:
                      - {code: nickname, type: string}
                """);

        try (ConfigurableApplicationContext context = start(url, model)) {
            ObjectService objects = context.getBean(ObjectService.class);
            WriteContext write = WriteContext.of("test", null, true, WriteContext.ORIGIN_CLI, "");
            long org = objects.create(write, "Organization", Map.of("name", "Racks Inc")).id();
            CmdbObject rack = objects.create(write, "Rack", Map.of("name", "R1", "org_id", org, "nb_u", 42));
            CmdbObject person = objects.create(write, "Person", Map.of("name", "N", "first_name", "F", "org_id", org,
                    "nickname", "Nick"));

            assertThat(rack.get("nb_u")).isEqualTo(42L);
            assertThat(objects.find("FunctionalCI", Map.of("name", "R1"), 10)).containsExactly(rack.id());
            assertThat(person.get("nickname")).isEqualTo("Nick");
            assertThat(columns(context.getBean(JdbcTemplate.class), "functionalci")).contains("nb_u");
        }
    }

    private List<String> indexes(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("select indexname from pg_indexes where schemaname = 'cmdb' and tablename = ?"
                + " order by indexname", String.class, table);
    }

    @Test
    void indexesFollowTheModelsIndexedFlag() throws Exception {
        String url = TestPostgres.newDatabase();
        Path model = Files.writeString(dir.resolve("extra.yml"), """
                classes:
                  - name: Person
                    attributes:
                      - {code: badge, type: string, indexed: true}
                """);
        try (ConfigurableApplicationContext context = start(url, model)) {
            List<String> indexes = indexes(context.getBean(JdbcTemplate.class), "contact");
            // Reconciliation keys are indexed by default, except first_name, which the built-in model declares not.
            assertThat(indexes).contains("contact_name_idx", "contact_email_idx", "contact_org_id_idx", "contact_badge_idx")
                    .doesNotContain("contact_first_name_idx");
        }
        Files.writeString(model, """
                classes:
                  - name: Person
                    attributes:
                      - {code: badge, type: string, indexed: false}
                """);
        try (ConfigurableApplicationContext context = start(url, model)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(indexes(jdbc, "contact")).doesNotContain("contact_badge_idx").contains("contact_name_idx");
            assertThat(columns(jdbc, "contact")).contains("badge");
        }
    }

    @Test
    void finalClassesAndChangeSetsHaveBlockRangeIndexesThatStillFindTheirRows() throws Exception {
        String url = TestPostgres.newDatabase();
        try (ConfigurableApplicationContext context = start(url, null)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            // A database made before BRIN (its model migration ran with other rules): its B-tree is replaced.
            jdbc.execute("drop index cmdb.contact_finalclass");
            jdbc.execute("create index contact_finalclass on cmdb.contact (finalclass)");
            jdbc.update("update flyway_schema_history set checksum = 1 where description = 'Cmdb model tables'");
        }
        try (ConfigurableApplicationContext context = start(url, null)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            String definition = "select indexdef from pg_indexes where schemaname = 'cmdb' and indexname = ?";
            assertThat(jdbc.queryForObject(definition, String.class, "contact_finalclass")).contains("USING brin");
            assertThat(jdbc.queryForObject(definition, String.class, "change_op_change_idx")).contains("USING brin");

            ObjectService objects = context.getBean(ObjectService.class);
            WriteContext write = WriteContext.of("test", null, true, WriteContext.ORIGIN_CLI, "brin");
            long org = objects.create(write, "Organization", Map.of("name", "Brin Inc")).id();
            long team = objects.create(write, "Team", Map.of("name", "T", "org_id", org)).id();
            jdbc.execute("set enable_seqscan = off"); // the indexes must answer, not a scan
            assertThat(objects.find("Team", Map.of("name", "T"), 10)).containsExactly(team);
            assertThat(jdbc.queryForObject("select count(*) from cmdb.contact where finalclass = 'Team'", Long.class))
                    .isEqualTo(1L);
            assertThat(jdbc.queryForObject("select count(*) from cmdb.change_op where \"change\" = ?", Long.class,
                    write.changeId())).isEqualTo(2L);
        }
    }

    @Test
    void creationEntriesStoredAsRowsBeforeVersion26StayBesideTheDerivedOnes() throws Exception {
        String url = TestPostgres.newDatabase();
        long org;
        long oldEntry;
        try (ConfigurableApplicationContext context = start(url, null)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            ObjectService objects = context.getBean(ObjectService.class);
            org = objects.create(WriteContext.of("test", null, true, WriteContext.ORIGIN_CLI, "old"), "Organization",
                    Map.of("name", "Old Inc")).id();
            // Back to the layout of version 25: creation entries are rows of cmdb.change_op, object rows hold nothing.
            jdbc.execute("drop view cmdb.change_op cascade");
            jdbc.execute("alter table cmdb.change_op_entry rename to change_op");
            oldEntry = jdbc.queryForObject("insert into cmdb.change_op (\"change\", objclass, objkey, optype)"
                    + " select creation_change, 'Organization', id, 'create' from cmdb.organization where id = ?"
                    + " returning id", Long.class, org);
            jdbc.execute("update cmdb.organization set creation_change = null");
            jdbc.execute("drop table cmdb.creation_entry_source");
            jdbc.update("delete from flyway_schema_history where version = '26'");
            jdbc.update("update flyway_schema_history set checksum = 1 where description = 'Cmdb model tables'");
        }
        try (ConfigurableApplicationContext context = start(url, null)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            ObjectService objects = context.getBean(ObjectService.class);
            long created = objects.create(WriteContext.of("test", null, true, WriteContext.ORIGIN_CLI, "new"),
                    "Organization", Map.of("name", "New Inc")).id();

            assertThat(objects.find("CMDBChangeOpCreate", Map.of("objclass", "Organization", "objkey", org), 10))
                    .containsExactly(oldEntry);
            List<Long> derived = objects.find("CMDBChangeOpCreate",
                    Map.of("objclass", "Organization", "objkey", created), 10);
            assertThat(derived).singleElement().satisfies(id -> assertThat(id).isNegative());
            assertThat(objects.getAll("CMDBChangeOp", List.of(oldEntry, derived.get(0)), false))
                    .extracting(op -> op.get("objkey")).containsExactlyInAnyOrder(org, created);
        }
    }

    @Test
    void removedAttributeIsRefusedWithWhatToDoAndNothingIsAltered() throws Exception {
        String url = TestPostgres.newDatabase();
        Path model = Files.writeString(dir.resolve("extra.yml"), """
                classes:
                  - name: Person
                    attributes:
                      - {code: nickname, type: string}
                      - {code: shoe_size, type: integer}
                """);
        List<String> before;
        try (ConfigurableApplicationContext context = start(url, model)) {
            before = columns(context.getBean(JdbcTemplate.class), "contact");
        }
        Files.writeString(model, """
                classes:
                  - name: Person
                    attributes:
                      - {code: nickname, type: string}
                      - {code: shoe_size, type: decimal}
                      - {code: hat_size, type: integer}
                """);
        Files.writeString(dir.resolve("fewer.yml"), """
                classes:
                  - name: Person
                    attributes:
                      - {code: shoe_size, type: integer}
                """);

        assertThatThrownBy(() -> start(url, model)).rootCause()
                .isInstanceOf(ModelChangeRefusedException.class)
                .hasMessageContaining("attribute 'shoe_size' of class Person changed type from bigint to numeric");
        assertThatThrownBy(() -> start(url, dir.resolve("fewer.yml"))).rootCause()
                .hasMessageContaining("attribute 'nickname' is no longer declared in the hierarchy of class Contact")
                .hasMessageContaining("Declare the attribute again in your model file")
                .hasMessageContaining("ALTER TABLE cmdb.contact DROP COLUMN nickname");

        try (var connection = java.sql.DriverManager.getConnection(url, "postgres", "")) {
            JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true));
            assertThat(columns(jdbc, "contact")).isEqualTo(before).doesNotContain("hat_size");
        }
    }
}
