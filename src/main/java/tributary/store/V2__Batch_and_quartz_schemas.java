package tributary.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Applies Spring Batch's and Quartz's PostgreSQL schemas from the scripts shipped in their jars, so that
 * upgrades of the libraries bring their own scripts.
 */
@Component
public class V2__Batch_and_quartz_schemas extends BaseJavaMigration {

    static final String BATCH_SCHEMA = "org/springframework/batch/core/schema-postgresql.sql";
    static final String QUARTZ_SCHEMA = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        ScriptUtils.executeSqlScript(connection, new ClassPathResource(BATCH_SCHEMA));
        String quartz = new ClassPathResource(QUARTZ_SCHEMA).getContentAsString(StandardCharsets.UTF_8);
        // The script ends with COMMIT, which would silently split this migration's transaction.
        String withoutCommit = quartz.replaceAll("(?im)^\\s*commit\\s*;\\s*$", "");
        ScriptUtils.executeSqlScript(connection, new ByteArrayResource(withoutCommit.getBytes(StandardCharsets.UTF_8)));
    }
}
