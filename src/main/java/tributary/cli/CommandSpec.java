package tributary.cli;

import java.util.List;
import java.util.Optional;

/**
 * What a command is called, whether it needs the database, and its help text. Kept apart from the command beans so
 * that {@code help} answers without starting anything.
 *
 * @param name          command word
 * @param summary       one line for the command list
 * @param usage         full help text
 * @param needsDatabase whether the command starts the application context (database)
 */
public record CommandSpec(String name, String summary, String usage, boolean needsDatabase) {

    public static final List<CommandSpec> ALL = List.of(
            new CommandSpec("serve", "Run the HTTP services (the default command)", """
                    Usage: java -jar tributary.jar [serve] [--server.port=8080] [--tributary.home=DIR]

                    Starts the HTTP services: /webservices/status.php (health, no authentication), and, as they land,
                    /webservices/rest.php, /webservices/import.php and Tributary's API under /api/.
                    Stop it with Ctrl-C; the embedded database stops with it unless another Tributary command uses it.
                    """, true),
            new CommandSpec("user", "Create accounts, change passwords, list accounts", """
                    Usage: java -jar tributary.jar user --action=create|passwd|list [options] --auth_user=LOGIN --auth_pwd=PWD

                      --action=create   --login=LOGIN --password=PWD [--profiles="Administrator,REST Services User"]
                      --action=passwd   --login=LOGIN --password=PWD
                      --action=list

                    Profiles: Administrator, REST Services User, Configuration Manager, Reader.
                    Needs an Administrator's credentials (auth_user/auth_pwd), best kept in a parameter file:
                      java -jar tributary.jar user --action=list --param_file=admin.params
                    Passwords have at least 8 characters and are stored as bcrypt hashes.
                    """, true),
            new CommandSpec("model", "Print the data model: classes, attributes, types, keys", """
                    Usage: java -jar tributary.jar model [--class=CLASS] [--tributary.model.files=my-model.yml]

                    Prints every class (or one) with its parent, attributes (code, type, mandatory, label),
                    friendly name and reconciliation keys: what a CSV import or a REST call can use.
                    """, false),
            new CommandSpec("import", "Import a CSV file into the CMDB (iTop's import.php)", """
                    USAGE: java -jar tributary.jar import --auth_user=LOGIN --auth_pwd=PWD --class=CLASS --csvfile=FILE [options]
                           (or --param_file=FILE holding these parameters, one 'name = value' per line)

                    Creates or updates objects of CLASS from the rows of FILE, as iTop's import.php does.
                      --charset=UTF-8           encoding of the file (default ISO-8859-1)
                      --separator=,             one character, or 'tab'
                      --qualifier="             one character enclosing text cells
                      --date_format=Y-m-d       PHP-style format of date and date-time cells (default: Y-m-d H:i:s)
                      --reconciliationkeys=a,b  columns identifying existing objects (default: the class's keys)
                      --output=summary          summary | details | retcode
                      --simulate=1              check everything, write nothing
                      --comment=TEXT            stored with the change set
                      --no_localize=1           header names are attribute codes (default: English labels)
                      --chunk_size=1000         rows per transaction (Tributary addition; 5000 for files of 1 MB+)
                    Exit codes: 0 all rows imported, 1 some rows rejected (see Issues), 2 refused, 3 crashed.
                    An interrupted import is resumed by running the same command again.
                    """, true),
            new CommandSpec("bench-load", "Load a synthetic CMDB for the benchmarks of ops/bench", """
                    Usage: java -jar tributary.jar bench-load [--organizations=100] [--persons=100000] --auth_user=LOGIN --auth_pwd=PWD

                    Creates Organizations 'Bench Org <n>' and Persons 'Person<n>' spread over them, through the
                    object service in chunks of 1000. Needs an Administrator's credentials.
                    """, true),
            new CommandSpec("help", "Print this help, or a command's: help COMMAND", """
                    Usage: java -jar tributary.jar help [COMMAND]   (or: java -jar tributary.jar COMMAND --help)
                    """, false));

    public static Optional<CommandSpec> find(String name) {
        return ALL.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }
}
