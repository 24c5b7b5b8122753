package tributary.oql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Random and hostile inputs: the OQL front end must either accept a string or reject it with an
 * {@link OqlException} carrying a message, never another exception type and never hang.
 */
class OqlFuzzTest {

    /** Arguments for the parameters the fragments use; other names must raise MissingQueryArgument. */
    static final java.util.Map<String, Object> ARGUMENTS = java.util.Map.of("p", "x'; --", "current_contact_id", 20,
        "current_user->login", List.of(1, "a"));

    static final String[] FRAGMENTS = {
        "SELECT", "FROM", "AS", "WHERE", "JOIN", "ON", "UNION", "AND", "OR", "IN", "NOT IN", "LIKE", "NOT LIKE",
        "REGEXP", "MATCHES", "INTERVAL", "NULL", "BELOW", "BELOW STRICT", "NOT BELOW", "ABOVE", "NOT ABOVE STRICT",
        "IF", "ELT", "COALESCE", "ISNULL", "CONCAT", "SUBSTR", "TRIM", "DATE", "DATE_FORMAT", "CURRENT_DATE", "NOW",
        "TIME", "TO_DAYS", "FROM_DAYS", "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "DATE_ADD", "DATE_SUB",
        "ROUND", "FLOOR", "INET_ATON", "INET_NTOA", "=", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "&", "|",
        "^", "<<", ">>", "(", ")", ",", ".", "Person", "Organization", "Team", "Contact", "Server", "UserRequest",
        "p", "o", "name", "first_name", "org_id", "org_name", "id", "friendlyname", "finalclass", "parent_id",
        "team_list", "`weird alias`", "0", "1", "-1", "42", "0xFF", "99999999999999999999999", "'x'", "\"y\"",
        "'%'", "'it\\'s'", ":p", ":current_contact_id", ":current_user->login",
        // hostile material
        "--", "/*", "*/", ";", "$$", "\\", "'", "\"", "`", "%", "==", "!", "?", "@", "#", "{", "}", "[", "]",
        "'; DROP TABLE cmdb.contact; --", "\" OR 1=1 --", "é", "\u0000", "\u202e", "𝕏", "\n", "\t", "\r\n",
        "'\\'", "E'\\x'", "U&'\\0041'", "pg_sleep(10)", "lower(", "::text", "$1", "\\\\",
    };

    private final Random random = new Random(20240611L);

    @Test
    void randomTokenSoupsNeverEscapeAsOtherExceptions() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 3000; i++) {
                check(soup(random, 1 + random.nextInt(25)));
            }
        });
    }

    @Test
    void mutationsOfValidQueriesNeverEscape() {
        List<String> seeds = List.of(
            "SELECT Person AS p JOIN Organization AS o ON p.org_id = o.id WHERE o.name = 'Demo'",
            "SELECT Organization AS child JOIN Organization AS root ON child.parent_id BELOW root.id WHERE root.name = 'Demo'",
            "SELECT UserRequest AS u WHERE u.start_date < DATE_SUB(NOW(), INTERVAL 60 MINUTE) AND u.status = 'new'",
            "SELECT Server WHERE id NOT IN (SELECT Server AS s WHERE s.name LIKE 'a%') UNION SELECT Server",
            "SELECT Person WHERE name = 'x\\' OR 1=1 --'");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 3000; i++) {
                check(mutate(random, seeds.get(random.nextInt(seeds.size()))));
            }
        });
    }

    @Test
    void deepButAcceptedQueriesCompileOnASmallStack() throws InterruptedException {
        String oql = "SELECT Person WHERE " + "(".repeat(140) + "name = 'a'" + ")".repeat(140)
            + " OR CONCAT(name, 'x') = 'y'".repeat(390);
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                new OqlCompiler(TestCatalog.INSTANCE).compile(oql, ARGUMENTS);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", 512 * 1024);
        thread.start();
        thread.join();
        assertThat(failure[0]).isNull();
    }

    @Test
    void randomCharactersAndVeryLongInputsNeverEscape() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 1000; i++) {
                StringBuilder text = new StringBuilder("SELECT Person WHERE ");
                int length = random.nextInt(80);
                for (int j = 0; j < length; j++) {
                    text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x2FFFF) : 32 + random.nextInt(95));
                }
                check(text.toString());
            }
            check("SELECT Person WHERE name = '" + "a".repeat(1_000_000) + "'");
            check("SELECT Person WHERE " + "name = 'a' OR ".repeat(20_000) + "1");
            check("SELECT Person WHERE " + "(".repeat(100_000));
            check("SELECT Person WHERE id IN (" + "1, ".repeat(50_000) + "2)");
            check("SELECT Person WHERE id IN " + "(SELECT Person WHERE id IN ".repeat(2_000));
            check("SELECT Person" + " UNION SELECT Person".repeat(5_000));
            check("'" + "\\'".repeat(100_000));
            check("`" + "x".repeat(100_000));
            check("SELECT " + "CONCAT(".repeat(10_000));
        });
    }

    /** Each input goes through every stage available; later stages plug in here. */
    static final List<Consumer<String>> STAGES = new ArrayList<>(List.of(
        OqlParser::parseQuery, oql -> new OqlValidator(TestCatalog.INSTANCE).validate(oql),
        oql -> new OqlCompiler(TestCatalog.INSTANCE).compile(oql, ARGUMENTS)));

    private static void check(String oql) {
        for (Consumer<String> stage : STAGES) {
            try {
                stage.accept(oql);
            } catch (OqlException expected) {
                assertThat(expected.getMessage()).as(oql).isNotBlank();
                assertThat(expected.itopExceptionClass()).isNotBlank();
                return;
            } catch (RuntimeException | StackOverflowError other) {
                fail("Unexpected " + other + " for input: " + abbreviate(oql), other);
            }
        }
    }

    static String soup(Random random, int count) {
        StringBuilder text = new StringBuilder(random.nextInt(3) == 0 ? "" : "SELECT ");
        for (int i = 0; i < count; i++) {
            text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            if (random.nextInt(5) != 0) {
                text.append(' ');
            }
        }
        return text.toString();
    }

    static String mutate(Random random, String seed) {
        StringBuilder text = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                default -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
