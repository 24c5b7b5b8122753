package tributary.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import tributary.cmdb.ObjectValidationException;
import tributary.cmdb.WriteContext;
import tributary.security.Account;
import tributary.security.AccountService;
import tributary.security.Profile;

/** {@code user --action=create|passwd|list}: account administration from the command line. */
@Component
class UserCommand implements CliCommand {

    private final CliAuthenticator authenticator;
    private final AccountService accounts;

    UserCommand(CliAuthenticator authenticator, AccountService accounts) {
        this.authenticator = authenticator;
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "user";
    }

    @Override
    public int run(Parameters parameters, PrintStream out) {
        String action = parameters.getTrimmed("action").orElseThrow(() -> new CliException("ERROR: Missing argument 'action'"));
        if (!List.of("create", "passwd", "list").contains(action)) {
            throw new CliException("ERROR: Unknown action '" + action + "' (create, passwd or list)");
        }
        Account admin = authenticator.authenticateAdministrator(parameters);
        WriteContext context = WriteContext.of(admin.login(), admin.userId(), true, WriteContext.ORIGIN_CLI,
                parameters.get("comment", "user " + action));
        try {
            switch (action) {
                case "create" -> {
                    String login = required(parameters, "login");
                    List<String> profiles = Arrays.stream(parameters.get("profiles", Profile.REST_SERVICES_USER).split(","))
                            .map(String::trim).filter(p -> !p.isEmpty()).toList();
                    Account created = accounts.createUser(context, login, required(parameters, "password"), profiles);
                    out.println("Created user '" + created.login() + "' (id " + created.userId() + ") with profiles: "
                            + String.join(", ", created.profiles().stream().sorted().toList()));
                }
                case "passwd" -> {
                    String login = required(parameters, "login");
                    accounts.changePassword(context, login, required(parameters, "password"));
                    out.println("Password of user '" + login + "' changed");
                }
                default -> {
                    out.printf("%-6s %-24s %-9s %s%n", "Id", "Login", "Status", "Profiles");
                    for (AccountService.UserSummary user : accounts.listUsers()) {
                        out.printf("%-6d %-24s %-9s %s%n", user.id(), user.login(), user.status(),
                                String.join(", ", user.profiles()));
                    }
                }
            }
        } catch (ObjectValidationException e) {
            throw new CliException("ERROR: " + e.getMessage());
        }
        return ExitCode.OK;
    }

    private static String required(Parameters parameters, String name) {
        return parameters.get(name).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new CliException("ERROR: Missing argument '" + name + "'"));
    }
}
