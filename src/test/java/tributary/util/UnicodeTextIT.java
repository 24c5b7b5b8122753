package tributary.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tributary.test.IntegrationTestBase;

/** {@link UnicodeText#lower} against the CMDB database's own {@code lower()}, code point by code point. */
class UnicodeTextIT extends IntegrationTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void lowerCaseIsTheDatabasesForEveryCodePoint() {
        List<String> differences = new ArrayList<>();
        jdbc.query("select cp, lower(chr(cp)) from generate_series(1, 1114111) cp where cp not between 55296 and 57343",
                rs -> {
                    int cp = rs.getInt(1);
                    String database = rs.getString(2);
                    String java = UnicodeText.lower(new String(Character.toChars(cp)));
                    if (!java.equals(database)) {
                        differences.add(Integer.toHexString(cp) + ": java " + java.codePoints().mapToObj(Integer::toHexString)
                                .toList() + ", database " + database.codePoints().mapToObj(Integer::toHexString).toList());
                    }
                });
        assertThat(differences).isEmpty();
        assertThat(UnicodeText.lower("İZMİR ΟΔΟΣ")).isEqualTo("izmir οδοσ");
        // Letters of Unicode 14, which Java 17 does not know: the database lower-cases them, so must the import.
        assertThat(UnicodeText.lower("\u2C2F \uA7C0 \uD801\uDD70")).isEqualTo("\u2C5F \uA7C1 \uD801\uDD97");
        assertThat("İZMİR ΟΔΟΣ".toLowerCase(java.util.Locale.ROOT)).isNotEqualTo("izmir οδοσ"); // why lower() exists
    }
}
