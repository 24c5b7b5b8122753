package tributary.cli;

import org.springframework.stereotype.Component;
import tributary.security.Account;
import tributary.security.AccountService;

/** Checks a command's {@code auth_user}/{@code auth_pwd} against the accounts (iTop's CLI mode). */
@Component
public class CliAuthenticator {

    private final AccountService accounts;

    public CliAuthenticator(AccountService accounts) {
        this.accounts = accounts;
    }

    public Account authenticate(Parameters parameters) {
        String login = parameters.get("auth_user").orElseThrow(() -> new CliException("ERROR: Missing argument 'auth_user'"));
        String password = parameters.get("auth_pwd").orElseThrow(() -> new CliException("ERROR: Missing argument 'auth_pwd'"));
        return accounts.authenticate(login, password)
                .orElseThrow(() -> new CliException("Access restricted or wrong credentials ('" + login + "')"));
    }

    public Account authenticateAdministrator(Parameters parameters) {
        Account account = authenticate(parameters);
        if (!account.isAdministrator()) {
            throw new CliException("Access restricted to administrators");
        }
        return account;
    }
}
