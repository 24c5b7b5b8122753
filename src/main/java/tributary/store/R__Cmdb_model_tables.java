package tributary.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;
import tributary.model.DataModel;

/**
 * Creates and extends the class tables so that they follow the data model. Repeatable: Flyway runs it again
 * whenever the model's layout (its checksum) changes, e.g. after a user adds attributes in a model file.
 */
@Component
public class R__Cmdb_model_tables extends BaseJavaMigration {

    private final DataModel model;

    public R__Cmdb_model_tables(DataModel model) {
        this.model = model;
    }

    @Override
    public MigrationVersion getVersion() {
        return null;
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(ModelSchema.layoutSignature(model).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public void migrate(Context context) throws Exception {
        new ModelSchema(model).apply(context.getConnection());
    }
}
