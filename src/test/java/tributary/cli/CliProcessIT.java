package tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tributary.test.TributaryProcess;
import tributary.test.TributaryProcess.Result;

/** The jar as users run it: serve, commands beside it, restarts, concurrent commands, exit codes. */
class CliProcessIT {

    private static final Map<String, String> ADMIN_ENV = Map.of("TRIBUTARY_ADMIN_PASSWORD", "Admin-pwd1");

    @TempDir
    Path work;
    Path home;
    String homeArg;

    @BeforeEach
    void givenAHomeAndAnAdminParameterFile() throws Exception {
        home = work.resolve("home");
        homeArg = "--tributary.home=" + home;
        Files.writeString(work.resolve("admin.params"), """
                # credentials of the administrator
                auth_user = admin
                auth_pwd  = Admin-pwd1
                """);
    }

    private boolean embeddedServerRunning() {
        return Files.exists(home.resolve("pgdata/postmaster.pid"));
    }

    @Test
    void serveAnswersStatusAndACommandBesideItCreatesAnAccountThatLogsInAtOnceAndSurvivesARestart() throws Exception {
        int port = TributaryProcess.freePort();
        // serve with java -jar on the built jar, as the README's quick start does; the command beside it, and every
        // other process-level test, start from the fast-start layout.
        try (TributaryProcess serve = TributaryProcess.startJar(work, ADMIN_ENV, "serve", "--server.port=" + port, homeArg)) {
            serve.awaitRunning(port, Duration.ofSeconds(120));
            HttpResponse<String> status = TributaryProcess.get(port, "/webservices/status.php", null);
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).isEqualTo("{\"status\":\"RUNNING\",\"code\":0,\"message\":\"\"}");
            assertThat(status.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");

            Result created = TributaryProcess.run(work, Map.of(), "user", "--action=create", "--login=carol",
                    "--password=Carol-pwd1", "--profiles=Reader", "--param_file=admin.params", homeArg);

            assertThat(created.exitCode()).as(created.stderr()).isZero();
            assertThat(created.stdout()).contains("Created user 'carol'").contains("Reader");
            HttpResponse<String> me = TributaryProcess.get(port, "/api/me", "carol:Carol-pwd1");
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"login\":\"carol\"");
            assertThat(TributaryProcess.get(port, "/api/me", "carol:wrong").statusCode()).isEqualTo(401);
            assertThat(TributaryProcess.get(port, "/api/me", null).statusCode()).isEqualTo(401);
            assertThat(embeddedServerRunning()).as("the command leaves the database running for serve").isTrue();
            serve.stop();
        }
        assertThat(embeddedServerRunning()).as("the last process out stops the embedded database").isFalse();

        try (TributaryProcess serve = TributaryProcess.startJar(work, Map.of(), "serve", "--server.port=" + port, homeArg)) {
            serve.awaitRunning(port, Duration.ofSeconds(120));
            assertThat(TributaryProcess.get(port, "/api/me", "carol:Carol-pwd1").body()).contains("\"login\":\"carol\"");
            assertThat(TributaryProcess.get(port, "/api/me", "admin:Admin-pwd1").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void embeddedServerRunsDurableWithTributarysSettingsLocaleAndTheUsersOverrides() throws Exception {
        int port = TributaryProcess.freePort();
        try (TributaryProcess serve = TributaryProcess.start(work, ADMIN_ENV, "serve", "--server.port=" + port, homeArg,
                "--tributary.store.server-settings.work_mem=7MB")) {
            serve.awaitRunning(port, Duration.ofSeconds(120));
            int pgPort = Integer.parseInt(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(3).trim());
            Map<String, String> settings = new java.util.HashMap<>();
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + pgPort + "/tributary", "postgres", "");
                 java.sql.ResultSet rs = connection.createStatement().executeQuery("select name, current_setting(name)"
                         + " from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes',"
                         + " 'shared_buffers', 'max_wal_size', 'work_mem')")) {
                while (rs.next()) {
                    settings.put(rs.getString(1), rs.getString(2));
                }
                try (java.sql.ResultSet db = connection.createStatement().executeQuery("select datlocprovider,"
                        + " datlocale, pg_encoding_to_char(encoding), lower('ÉCOLE Straße ΣΑΣ') from pg_database"
                        + " where datname = current_database()")) {
                    db.next();
                    assertThat(List.of(db.getString(1), db.getString(2), db.getString(3), db.getString(4)))
                            .as("PostgreSQL's built-in UTF-8 locale, which folds case by Unicode")
                            .containsExactly("b", "C.UTF-8", "UTF8", "école straße σασ");
                }
            }
            assertThat(settings).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on")
                    .containsEntry("full_page_writes", "on").containsEntry("shared_buffers", "512MB")
                    .containsEntry("max_wal_size", "4GB").containsEntry("work_mem", "7MB");
        }
    }

    @Test
    void twoCommandsStartedTogetherOnOneHomeBothSucceed() throws Exception {
        CompletableFuture<Result> list = CompletableFuture.supplyAsync(() -> run(ADMIN_ENV, "user", "--action=list",
                "--param_file=admin.params", homeArg));
        CompletableFuture<Result> create = CompletableFuture.supplyAsync(() -> run(ADMIN_ENV, "user", "--action=create",
                "--login=dave", "--password=Dave-pwd12", "--param_file=admin.params", homeArg));

        assertThat(list.get().exitCode()).as(list.get().stderr()).isZero();
        assertThat(create.get().exitCode()).as(create.get().stderr()).isZero();
        assertThat(list.get().stdout()).contains("admin");
        Result after = run(Map.of(), "user", "--action=list", "--param_file=admin.params", homeArg);
        assertThat(after.stdout()).contains("admin").contains("dave");
        assertThat(embeddedServerRunning()).isFalse();
    }

    @Test
    void generatedAdminPasswordIsPrintedOnceAndWorks() throws Exception {
        Result first = run(Map.of(), "user", "--action=list", "--auth_user=admin", "--auth_pwd=guess-guess", homeArg);
        Matcher password = Pattern.compile("generated password \\(shown once\\):\\s+(\\S+)").matcher(first.stdout());

        assertThat(password.find()).as(first.stdout()).isTrue();
        assertThat(first.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(first.stderr()).contains("Access restricted or wrong credentials ('admin')");
        Result second = run(Map.of(), "user", "--action=list", "--auth_user=admin", "--auth_pwd=" + password.group(1), homeArg);
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stdout()).doesNotContain("generated password").contains("Administrator");
    }

    @Test
    void exitCodesSayWhatHappened() throws Exception {
        Result help = run(Map.of(), "help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Commands:").contains("serve").contains("user").contains("model");

        Result userHelp = run(Map.of(), "user", "--help");
        assertThat(userHelp.exitCode()).isZero();
        assertThat(userHelp.stdout()).contains("--action=create|passwd|list");

        Result model = run(Map.of(), "model", "--class=Person");
        assertThat(model.exitCode()).isZero();
        assertThat(model.stdout()).contains("Person < Contact").contains("first_name").contains("extkey -> Organization");

        Result unknown = run(Map.of(), "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(unknown.stderr()).contains("Unknown command 'frobnicate'");

        Result badSyntax = run(Map.of(), "user", "--action", "list");
        assertThat(badSyntax.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(badSyntax.stderr()).contains("Unrecognised argument(s): --action list");

        Result missingFile = run(Map.of(), "user", "--action=list", "--param_file=nope.params", homeArg);
        assertThat(missingFile.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(missingFile.stderr()).contains("Error: Could not find the parameter file: 'nope.params'");

        // import is iTop's page: its fatal messages go to standard output, as all its others do
        Result missingImportFile = run(Map.of(), "import", "--param_file=nope.params", homeArg);
        assertThat(missingImportFile.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(missingImportFile.stdout()).isEqualTo("Error: Could not find the parameter file: 'nope.params'\n");

        Result wrongPassword = run(ADMIN_ENV, "user", "--action=list", "--auth_user=admin", "--auth_pwd=wrong", homeArg);
        assertThat(wrongPassword.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(wrongPassword.stderr()).contains("Access restricted or wrong credentials ('admin')");
        assertThat(wrongPassword.stdout()).isEmpty();

        Result notAdmin = run(Map.of(), "user", "--action=create", "--login=erin", "--password=Erin-pwd12",
                "--profiles=Reader", "--param_file=admin.params", homeArg);
        assertThat(notAdmin.exitCode()).isZero();
        Result byReader = run(Map.of(), "user", "--action=list", "--auth_user=erin", "--auth_pwd=Erin-pwd12", homeArg);
        assertThat(byReader.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(byReader.stderr()).contains("Access restricted to administrators");

        Result shortPassword = run(Map.of(), "user", "--action=create", "--login=frank", "--password=short",
                "--param_file=admin.params", homeArg);
        assertThat(shortPassword.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(shortPassword.stderr()).contains("The password must have at least 8 characters");

        Result unknownProfile = run(Map.of(), "user", "--action=create", "--login=gina", "--password=Gina-pwd12",
                "--profiles=Wizard", "--param_file=admin.params", homeArg);
        assertThat(unknownProfile.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(unknownProfile.stderr()).contains("Unknown profile 'Wizard'");
    }

    @Test
    void theFastStartLayoutUsesItsArchiveInPlaceAndStillRunsWhenMovedWithTheJvmsWarningOnStandardErrorOnly() throws Exception {
        Path layout = TributaryProcess.launcher().toAbsolutePath().getParent();
        Path moved = work.resolve("moved");
        try (var files = Files.walk(layout)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, moved.resolve(layout.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Result inPlace = TributaryProcess.run(work, Map.of(), "help");
        ProcessBuilder fromMoved = TributaryProcess.command(List.of("help"));
        fromMoved.command().set(0, moved.resolve("tributary").toString());
        Result afterMove = TributaryProcess.run(fromMoved, work, Map.of());

        assertThat(inPlace.exitCode()).isZero();
        assertThat(inPlace.stdout()).startsWith("Tributary");
        assertThat(inPlace.stderr()).as("the archive matches: the JVM has nothing to say").isEmpty();
        assertThat(afterMove.exitCode()).isZero();
        assertThat(afterMove.stdout()).as("standard output is the command's alone").isEqualTo(inPlace.stdout());
        assertThat(afterMove.stderr()).contains("[warning]").contains(moved.resolve("tributary.jsa").toString());
    }

    private Result run(Map<String, String> env, String... args) {
        try {
            return TributaryProcess.run(work, env, args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
