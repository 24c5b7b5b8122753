package tributary.security;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import tributary.app.TributaryProperties;
import tributary.cmdb.ObjectService;
import tributary.cmdb.WriteContext;

/**
 * At start: creates the built-in profiles that are missing and, on a database without any account, the {@code admin}
 * account (password from {@code TRIBUTARY_ADMIN_PASSWORD}, else a random one printed once). Serialised across
 * processes by a PostgreSQL advisory lock, so two processes starting together on a new database do not both create.
 */
@Component
class AccountBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AccountBootstrap.class);
    private static final long LOCK_KEY = 0x7472696275L; // "tribu"

    private final ObjectService objects;
    private final AccountService accounts;
    private final TributaryProperties properties;
    private final TransactionTemplate transactions;
    private final Jdbi jdbi;

    AccountBootstrap(ObjectService objects, AccountService accounts, TributaryProperties properties,
                     TransactionTemplate transactions, Jdbi jdbi) {
        this.objects = objects;
        this.accounts = accounts;
        this.properties = properties;
        this.transactions = transactions;
        this.jdbi = jdbi;
    }

    @Override
    public void afterSingletonsInstantiated() {
        transactions.executeWithoutResult(status -> {
            jdbi.useHandle(handle -> handle.execute("select pg_advisory_xact_lock(?)", LOCK_KEY));
            WriteContext context = WriteContext.of("system", null, true, WriteContext.ORIGIN_CLI, "Tributary set-up");
            for (Profile profile : Profile.BUILT_IN) {
                if (objects.find("URP_Profiles", Map.of("name", profile.name()), 1).isEmpty()) {
                    objects.create(context, "URP_Profiles", Map.of("name", profile.name(), "description",
                            profile.description()));
                }
            }
            if (objects.find(AccountService.USER_CLASS, Map.of(), 1).isEmpty()) {
                createAdmin(context);
            }
        });
    }

    private void createAdmin(WriteContext context) {
        String password = properties.adminPassword();
        boolean generated = !StringUtils.hasText(password);
        if (generated) {
            password = AccountService.randomPassword();
        }
        accounts.createUser(context, "admin", password, List.of(Profile.ADMINISTRATOR, Profile.REST_SERVICES_USER));
        if (generated) {
            // Printed once, on purpose on the console: it is the only way to learn it.
            System.out.println("""

                    Tributary created the administrator account 'admin' with this generated password (shown once):

                        %s

                    Set TRIBUTARY_ADMIN_PASSWORD before the first start to choose it, or change it with:
                        java -jar target/tributary.jar user --action=passwd --login=admin --auth_user=admin --auth_pwd=...
                    """.formatted(password));
        } else {
            log.info("Created the administrator account 'admin' (password from TRIBUTARY_ADMIN_PASSWORD)");
        }
    }
}
