package tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** The command-line conventions of spec services.md §5.3. */
class CommandLineTest {

    @Test
    void takesTheFirstWordAsTheCommand() {
        CommandLine commandLine = CommandLine.parse("import", "--class=Person");

        assertThat(commandLine.command()).isEqualTo("import");
    }

    @Test
    void takesTheFirstWordAsTheCommandEvenAfterParameters() {
        CommandLine commandLine = CommandLine.parse("--verbose=1", "cron");

        assertThat(commandLine.command()).isEqualTo("cron");
    }

    @Test
    void hasNoCommandWhenOnlyParametersAreGiven() {
        CommandLine commandLine = CommandLine.parse("--server.port=9090");

        assertThat(commandLine.command()).isNull();
        assertThat(commandLine.commandOr("serve")).isEqualTo("serve");
    }

    @Test
    void hasNoCommandAndNoParameterForAnEmptyCommandLine() {
        CommandLine commandLine = CommandLine.parse();

        assertThat(commandLine.command()).isNull();
        assertThat(commandLine.parameters()).isEmpty();
        assertThat(commandLine.unrecognised()).isEmpty();
        assertThat(commandLine.helpRequested()).isFalse();
    }

    @Test
    void readsNameEqualsValueParameters() {
        CommandLine commandLine = CommandLine.parse("import", "--auth_user=admin", "--class=Person");

        assertThat(commandLine.parameters()).containsExactly(entry("auth_user", "admin"), entry("class", "Person"));
    }

    @Test
    void keepsTheLastOccurrenceOfARepeatedParameter() {
        CommandLine commandLine = CommandLine.parse("cron", "--verbose=1", "--debug=1", "--verbose=0");

        assertThat(commandLine.parameters()).containsEntry("verbose", "0");
    }

    @Test
    void keepsEqualsSignsAfterTheFirstInTheValue() {
        CommandLine commandLine = CommandLine.parse("import", "--auth_pwd=abc=def");

        assertThat(commandLine.parameters()).containsExactly(entry("auth_pwd", "abc=def"));
    }

    @Test
    void acceptsAnEmptyValue() {
        CommandLine commandLine = CommandLine.parse("import", "--charset=");

        assertThat(commandLine.parameters()).containsExactly(entry("charset", ""));
    }

    @Test
    void keepsTheValueExactlyAsTyped() {
        CommandLine commandLine = CommandLine.parse("export", "--expression= SELECT Person ", "--q=\"x\"");

        assertThat(commandLine.parameters()).containsExactly(entry("expression", " SELECT Person "),
                entry("q", "\"x\""));
    }

    @Test
    void doesNotRecogniseNameSpaceValue() {
        CommandLine commandLine = CommandLine.parse("import", "--auth_user", "admin", "--class=Person");

        assertThat(commandLine.parameters()).containsExactly(entry("class", "Person"));
        assertThat(commandLine.unrecognised()).containsExactly("--auth_user", "admin");
    }

    @Test
    void doesNotRecogniseABareFlag() {
        CommandLine commandLine = CommandLine.parse("cron", "--verbose");

        assertThat(commandLine.parameters()).isEmpty();
        assertThat(commandLine.unrecognised()).containsExactly("--verbose");
    }

    @Test
    void doesNotRecogniseAParameterWithoutName() {
        CommandLine commandLine = CommandLine.parse("cron", "--=1");

        assertThat(commandLine.parameters()).isEmpty();
        assertThat(commandLine.unrecognised()).containsExactly("--=1");
    }

    @Test
    void doesNotRecogniseASingleDashOption() {
        CommandLine commandLine = CommandLine.parse("-v", "cron");

        assertThat(commandLine.command()).isEqualTo("cron");
        assertThat(commandLine.unrecognised()).containsExactly("-v");
    }

    @Test
    void doesNotRecogniseASecondWord() {
        CommandLine commandLine = CommandLine.parse("import", "export");

        assertThat(commandLine.command()).isEqualTo("import");
        assertThat(commandLine.unrecognised()).containsExactly("export");
    }

    @Test
    void setsTheHelpFlagForBareDoubleDashHelp() {
        CommandLine commandLine = CommandLine.parse("import", "--help");

        assertThat(commandLine.helpRequested()).isTrue();
        assertThat(commandLine.unrecognised()).isEmpty();
    }

    @Test
    void setsTheHelpFlagForDashH() {
        CommandLine commandLine = CommandLine.parse("-h");

        assertThat(commandLine.helpRequested()).isTrue();
        assertThat(commandLine.command()).isNull();
        assertThat(commandLine.unrecognised()).isEmpty();
    }

    @Test
    void keepsSpringStyleArgumentsAsOrdinaryParameters() {
        CommandLine commandLine = CommandLine.parse("serve", "--spring.datasource.url=jdbc:h2:mem:x");

        assertThat(commandLine.parameters()).containsExactly(entry("spring.datasource.url", "jdbc:h2:mem:x"));
    }

    @Test
    void exposesTheArgumentsToPassOnToSpring() {
        CommandLine commandLine = CommandLine.parse("serve", "--spring.profiles.active=dev", "--class=Person",
                "--tributary.data-dir=/var/t", "--server.port=1", "--logging.level.root=WARN",
                "--management.endpoints.web.exposure.include=health", "--springfield=1", "--server.port=2");

        assertThat(commandLine.springArguments()).containsExactly("--spring.profiles.active=dev",
                "--tributary.data-dir=/var/t", "--server.port=2", "--logging.level.root=WARN",
                "--management.endpoints.web.exposure.include=health");
    }

    @Test
    void hidesParameterValuesFromToString() {
        CommandLine commandLine = CommandLine.parse("cron", "--auth_pwd=S3cret!", "--auth_pwd", "S3cret!");

        assertThat(commandLine.toString()).contains("auth_pwd").doesNotContain("S3cret!");
    }
}
