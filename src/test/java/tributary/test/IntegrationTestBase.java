package tributary.test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tributary.app.TributaryApplication;

/**
 * Base of the integration tests that run the whole application (HTTP on a random port) on the test PostgreSQL.
 * Subclasses share one application context and one database: each test creates the data it needs, with names of
 * its own, and asserts on that data only. The model is the built-in one plus {@code test-model.yml}.
 */
@SpringBootTest(classes = TributaryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tributary.admin-password=" + IntegrationTestBase.ADMIN_PASSWORD,
                "tributary.model.files=src/test/resources/test-model.yml"})
@Import({TestFieldLocks.class, tributary.rest.TestRestProvider.class})
public abstract class IntegrationTestBase {

    public static final String ADMIN_PASSWORD = "Admin-pwd1";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::sharedDatabaseUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
