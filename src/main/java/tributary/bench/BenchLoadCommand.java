package tributary.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tributary.cli.CliAuthenticator;
import tributary.cli.CliCommand;
import tributary.cli.CliException;
import tributary.cli.ExitCode;
import tributary.cli.Parameters;
import tributary.cmdb.NewObject;
import tributary.cmdb.ObjectService;
import tributary.cmdb.WriteContext;
import tributary.cmdb.WriteResult;
import tributary.security.Account;

/**
 * {@code bench-load}: a synthetic CMDB for the benchmarks of {@code ops/bench} — Organizations {@code Bench Org <n>}
 * and Persons {@code Person<n>} / {@code First<n>} ({@code person<n>@bench.example}) spread over them, written
 * through the object service in chunks (one change set per chunk). Needs an Administrator's credentials.
 */
@Component
class BenchLoadCommand implements CliCommand {

    private static final int CHUNK = 1000;

    private final CliAuthenticator authenticator;
    private final ObjectService objects;

    BenchLoadCommand(CliAuthenticator authenticator, ObjectService objects) {
        this.authenticator = authenticator;
        this.objects = objects;
    }

    @Override
    public String name() {
        return "bench-load";
    }

    @Override
    public int run(Parameters parameters, PrintStream out) {
        Account admin = authenticator.authenticateAdministrator(parameters);
        int organizations = positive(parameters, "organizations", "100");
        int persons = positive(parameters, "persons", "100000");
        long start = System.nanoTime();
        List<Long> orgIds = new ArrayList<>();
        List<NewObject> orgs = new ArrayList<>();
        for (int i = 0; i < organizations; i++) {
            orgs.add(new NewObject("Organization", Map.of("name", "Bench Org " + i, "code", "BO" + i)));
        }
        for (WriteResult result : objects.createAll(context(admin), orgs)) {
            if (!result.ok()) {
                throw new CliException("ERROR: " + result.issues());
            }
            orgIds.add(result.id());
        }
        int created = 0;
        for (int from = 0; from < persons; from += CHUNK) {
            List<NewObject> chunk = new ArrayList<>(CHUNK);
            for (int i = from; i < Math.min(persons, from + CHUNK); i++) {
                chunk.add(new NewObject("Person", Map.of("name", "Person" + i, "first_name", "First" + i,
                        "org_id", orgIds.get(i % organizations), "email", "person" + i + "@bench.example",
                        "employee_number", Integer.toString(i))));
            }
            for (WriteResult result : objects.createAll(context(admin), chunk)) {
                if (!result.ok()) {
                    throw new CliException("ERROR: " + result.issues());
                }
                created++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("Created %d organizations and %d persons in %.1f s (%.0f objects/s)%n", organizations, created,
                seconds, (organizations + created) / seconds);
        return ExitCode.OK;
    }

    private static WriteContext context(Account admin) {
        return WriteContext.of(admin.login(), admin.userId(), true, WriteContext.ORIGIN_CLI, "bench-load");
    }

    private static int positive(Parameters parameters, String name, String defaultValue) {
        try {
            int value = Integer.parseInt(parameters.get(name, defaultValue).trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException("ERROR: --" + name + " must be a positive integer");
    }
}
