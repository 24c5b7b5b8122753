package tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence and file lists of spec services.md §5.2–5.3, with real files. */
class ParametersTest {

    @TempDir
    Path directory;

    private String file(String name, String content) throws Exception {
        return Files.writeString(directory.resolve(name), content).toString();
    }

    @Test
    void explicitArgumentBeatsParameterFile() throws Exception {
        String paramFile = file("cron.params", "verbose=0\n");

        Parameters parameters = Parameters.load(Map.of("verbose", "1"), List.of(paramFile));

        assertThat(parameters.get("verbose")).contains("1");
    }

    @Test
    void commandLineArgumentBeatsParameterFile() throws Exception {
        String paramFile = file("cron.params", "auth_user=file-user\nauth_pwd=file-pwd\n");
        CommandLine commandLine = CommandLine.parse("cron", "--param_file=" + paramFile, "--auth_user=cli-user");

        Parameters parameters = Parameters.fromCommandLine(commandLine.parameters());

        assertThat(parameters.get("auth_user")).contains("cli-user");
        assertThat(parameters.get("auth_pwd")).contains("file-pwd");
    }

    @Test
    void parameterFileBeatsDefault() throws Exception {
        String paramFile = file("import.params", "separator=;\n");

        Parameters parameters = Parameters.load(Map.of(), List.of(paramFile));

        assertThat(parameters.get("separator", ",")).isEqualTo(";");
    }

    @Test
    void defaultAppliesWhenNothingDefinesTheParameter() throws Exception {
        String paramFile = file("import.params", "class=Person\n");

        Parameters parameters = Parameters.load(Map.of(), List.of(paramFile));

        assertThat(parameters.get("separator", ",")).isEqualTo(",");
        assertThat(parameters.get("separator")).isEmpty();
    }

    @Test
    void emptyValueCountsAsDefinedAndBeatsDefault() throws Exception {
        String paramFile = file("import.params", "charset=\n");

        Parameters parameters = Parameters.load(Map.of(), List.of(paramFile));

        assertThat(parameters.has("charset")).isTrue();
        assertThat(parameters.get("charset", "ISO-8859-1")).isEmpty();
    }

    @Test
    void withDefaultsFillsOnlyUndefinedNames() throws Exception {
        String paramFile = file("import.params", "separator=;\n");

        Parameters parameters = Parameters.load(Map.of("qualifier", "'"), List.of(paramFile))
                .withDefaults(Map.of("separator", ",", "qualifier", "\"", "charset", "UTF-8"));

        assertThat(parameters.asMap()).containsOnly(entry("separator", ";"), entry("qualifier", "'"),
                entry("charset", "UTF-8"));
    }

    @Test
    void laterFileOverridesEarlierFile() throws Exception {
        String first = file("first.params", "auth_user=first\nclass=Person\n");
        String second = file("second.params", "auth_user=second\n");

        Parameters parameters = Parameters.load(Map.of(), List.of(first, second));

        assertThat(parameters.asMap()).containsExactly(entry("auth_user", "second"), entry("class", "Person"));
    }

    @Test
    void readsSeveralFilesNamedByParamFileInOrder() throws Exception {
        String first = file("first.params", "auth_user=first\nverbose=1\n");
        String second = file("second.params", "auth_user=second\n");

        Parameters parameters = Parameters.fromCommandLine(Map.of("param_file", first + "," + second));

        assertThat(parameters.get("auth_user")).contains("second");
        assertThat(parameters.get("verbose")).contains("1");
    }

    @Test
    void trimsBlanksAroundCommasInTheFileList() throws Exception {
        String first = file("first.params", "a=1\n");
        String second = file("second.params", "b=2\n");

        Parameters parameters = Parameters.fromCommandLine(Map.of("param_file", "  " + first + " ,\t" + second + " "));

        assertThat(parameters.get("a")).contains("1");
        assertThat(parameters.get("b")).contains("2");
    }

    @Test
    void splitsTheFileListOnCommasAndSkipsEmptyItems() {
        assertThat(Parameters.splitFileList(" a.params , b.params,, ,c d.params ")).containsExactly("a.params",
                "b.params", "c d.params");
        assertThat(Parameters.splitFileList(null)).isEmpty();
        assertThat(Parameters.splitFileList("")).isEmpty();
    }

    @Test
    void keepsTheParamFileArgumentItself() throws Exception {
        String paramFile = file("cron.params", "verbose=1\n");

        Parameters parameters = Parameters.fromCommandLine(Map.of("param_file", paramFile));

        assertThat(parameters.get("param_file")).contains(paramFile);
    }

    @Test
    void doesNotFollowParamFileWrittenInsideAParameterFile() throws Exception {
        String inner = file("inner.params", "secret=1\n");
        String outer = file("outer.params", "param_file=" + inner + "\n");

        Parameters parameters = Parameters.fromCommandLine(Map.of("param_file", outer));

        assertThat(parameters.has("secret")).isFalse();
    }

    @Test
    void reportsTheMissingFileOfTheListWithTheTrimmedPath() throws Exception {
        String existing = file("cron.params", "verbose=1\n");
        String missing = directory.resolve("missing.params").toString();

        assertThatThrownBy(() -> Parameters.fromCommandLine(Map.of("param_file", existing + ", " + missing + " ")))
                .isInstanceOf(ParameterFileException.class)
                .hasMessage("Could not find the parameter file: '" + missing + "'");
    }

    @Test
    void reportsAnUnreadableFileOfTheList() {
        String unreadable = directory.toString();

        assertThatThrownBy(() -> Parameters.fromCommandLine(Map.of("param_file", unreadable)))
                .isInstanceOf(ParameterFileException.class)
                .hasMessage("Could not load parameter file: '" + unreadable + "'");
    }

    @Test
    void requestParametersNeverReadAFile() {
        // the HTTP entry point: param_file is kept as a value but not opened
        Parameters parameters = Parameters.of(Map.of("param_file", "/etc/passwd", "class", "Person"));

        assertThat(parameters.asMap()).containsOnly(entry("param_file", "/etc/passwd"), entry("class", "Person"));
    }

    @Test
    void returnsValuesAsStoredAndTrimmedOnRequest() {
        Parameters parameters = Parameters.of(Map.of("class", " Person\t"));

        assertThat(parameters.get("class")).contains(" Person\t");
        assertThat(parameters.getTrimmed("class")).contains("Person");
        assertThat(parameters.getTrimmed("missing")).isEmpty();
    }

    @Test
    void isImmutable() {
        Map<String, String> source = new java.util.HashMap<>(Map.of("a", "1"));
        Parameters parameters = Parameters.of(source);

        source.put("b", "2");

        assertThat(parameters.has("b")).isFalse();
        assertThatThrownBy(() -> parameters.asMap().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyHasNoParameter() {
        assertThat(Parameters.empty().asMap()).isEmpty();
        assertThat(Parameters.empty().has("")).isFalse();
    }

    @Test
    void hidesValuesFromToString() {
        Parameters parameters = Parameters.of(Map.of("auth_pwd", "S3cret!"));

        assertThat(parameters.toString()).contains("auth_pwd").doesNotContain("S3cret!");
    }
}
