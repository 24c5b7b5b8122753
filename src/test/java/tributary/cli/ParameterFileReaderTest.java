package tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parameter file format of spec services.md §5.2, read from real files. */
class ParameterFileReaderTest {

    @TempDir
    Path directory;

    private Map<String, String> readFile(String content) throws Exception {
        Path file = directory.resolve("test.params");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return ParameterFileReader.read(file.toString());
    }

    @Test
    void readsTheSpecExample() throws Exception {
        // given the example of §5.2
        String content = """
                # credentials for cron
                auth_user = cron-admin
                auth_pwd=S3cret!       # trailing comment removed
                verbose=1
                """;

        // when
        Map<String, String> parameters = readFile(content);

        // then
        assertThat(parameters).containsExactly(entry("auth_user", "cron-admin"), entry("auth_pwd", "S3cret!"),
                entry("verbose", "1"));
    }

    @Test
    void ignoresACommentLine() throws Exception {
        Map<String, String> parameters = readFile("# auth_user=ghost\n   #class=Person\nverbose=1\n");

        assertThat(parameters).containsExactly(entry("verbose", "1"));
    }

    @Test
    void removesATrailingComment() throws Exception {
        Map<String, String> parameters = readFile("class=Person # the class to load\n");

        assertThat(parameters).containsExactly(entry("class", "Person"));
    }

    @Test
    void cutsAValueAtItsFirstHash() throws Exception {
        // given a password containing '#': the format has no way to express it
        Map<String, String> parameters = readFile("auth_pwd=ab#cd\n");

        assertThat(parameters).containsExactly(entry("auth_pwd", "ab"));
    }

    @Test
    void ignoresALineWhoseEqualsSignIsInTheComment() throws Exception {
        Map<String, String> parameters = readFile("verbose # =1\n");

        assertThat(parameters).isEmpty();
    }

    @Test
    void acceptsBlanksAroundTheEqualsSign() throws Exception {
        Map<String, String> parameters = readFile("a = 1\nb\t=\t2\nc   =3\nd=   4\n");

        assertThat(parameters).containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "3"), entry("d", "4"));
    }

    @Test
    void trimsTheLineAndTheValue() throws Exception {
        Map<String, String> parameters = readFile("   \t class =  Person  \t\r\n");

        assertThat(parameters).containsExactly(entry("class", "Person"));
    }

    @Test
    void keepsBlanksInsideTheValue() throws Exception {
        Map<String, String> parameters = readFile("date_format = d/m/Y H:i\n");

        assertThat(parameters).containsExactly(entry("date_format", "d/m/Y H:i"));
    }

    @Test
    void keepsQuotesLiterally() throws Exception {
        Map<String, String> parameters = readFile("qualifier=\"\nauth_pwd = 'secret'\nname=\"a b\"\n");

        assertThat(parameters).containsExactly(entry("qualifier", "\""), entry("auth_pwd", "'secret'"),
                entry("name", "\"a b\""));
    }

    @Test
    void keepsBackslashesLiterally() throws Exception {
        Map<String, String> parameters = readFile("csvfile=C:\\data\\new.csv \\\n");

        assertThat(parameters).containsExactly(entry("csvfile", "C:\\data\\new.csv \\"));
    }

    @Test
    void extendsTheNameToTheLastEqualsSignWhenWrittenAgainstIt() throws Exception {
        // the greedy-name quirk of iTop
        Map<String, String> parameters = readFile("auth_pwd=abc=def\n");

        assertThat(parameters).containsExactly(entry("auth_pwd=abc", "def"));
    }

    @Test
    void extendsTheNameToTheLastEqualsSignEvenWhenTheValueIsEmpty() throws Exception {
        Map<String, String> parameters = readFile("auth_pwd=abc=\n");

        assertThat(parameters).containsExactly(entry("auth_pwd=abc", ""));
    }

    @Test
    void keepsEqualsSignsInTheValueWhenABlankPrecedesTheFirstOne() throws Exception {
        Map<String, String> parameters = readFile("auth_pwd = abc=def\n");

        assertThat(parameters).containsExactly(entry("auth_pwd", "abc=def"));
    }

    @Test
    void keepsEqualsSignsAfterABlankInsideTheValue() throws Exception {
        // the name stops at the last '=' of the first blank-free run only
        Map<String, String> parameters = readFile("query=SELECT Person WHERE name = 'x'\n");

        assertThat(parameters).containsExactly(entry("query", "SELECT Person WHERE name = 'x'"));
    }

    @Test
    void definesAnEmptyNameForALineStartingWithEquals() throws Exception {
        Map<String, String> parameters = readFile("=x\n");

        assertThat(parameters).containsExactly(entry("", "x"));
    }

    @Test
    void definesAnEmptyValueWhenNothingFollowsTheEqualsSign() throws Exception {
        Map<String, String> parameters = readFile("charset=\n");

        assertThat(parameters).containsExactly(entry("charset", ""));
    }

    @Test
    void ignoresLinesThatAreNotParameters() throws Exception {
        Map<String, String> parameters = readFile("""
                [section]
                just some words
                auth user=admin

                verbose
                class=Person
                """);

        assertThat(parameters).containsExactly(entry("class", "Person"));
    }

    @Test
    void keepsTheLastValueOfANameRepeatedInOneFile() throws Exception {
        Map<String, String> parameters = readFile("verbose=1\nclass=Person\nverbose=0\n");

        assertThat(parameters).containsExactly(entry("verbose", "0"), entry("class", "Person"));
    }

    @Test
    void splitsLinesOnLineFeedOnly() throws Exception {
        // a lone CR does not end a line: the second "parameter" is part of the first value
        Map<String, String> parameters = readFile("a=1\rb=2\n");

        assertThat(parameters).containsExactly(entry("a", "1\rb=2"));
    }

    @Test
    void readsWindowsLineEndings() throws Exception {
        Map<String, String> parameters = readFile("a=1\r\nb=2\r\n");

        assertThat(parameters).containsExactly(entry("a", "1"), entry("b", "2"));
    }

    @Test
    void readsTheLastLineWithoutANewline() throws Exception {
        Map<String, String> parameters = readFile("a=1\nb=2");

        assertThat(parameters).containsExactly(entry("a", "1"), entry("b", "2"));
    }

    @Test
    void readsUtf8AndToleratesAByteOrderMark() throws Exception {
        Map<String, String> parameters = readFile("\uFEFFcomment=Créé par l'équipe ✓\n");

        assertThat(parameters).containsExactly(entry("comment", "Créé par l'équipe ✓"));
    }

    @Test
    void readsAnEmptyFileAsNoParameter() throws Exception {
        assertThat(readFile("")).isEmpty();
    }

    @Test
    void reportsAMissingFileWithItsPath() {
        String path = directory.resolve("missing.params").toString();

        assertThatThrownBy(() -> ParameterFileReader.read(path))
                .isInstanceOf(ParameterFileException.class)
                .hasMessage("Could not find the parameter file: '" + path + "'")
                .extracting(failure -> ((ParameterFileException) failure).path()).isEqualTo(path);
    }

    @Test
    void reportsAPathThatIsADirectoryAsUnreadable() {
        String path = directory.toString();

        assertThatThrownBy(() -> ParameterFileReader.read(path))
                .isInstanceOf(ParameterFileException.class)
                .hasMessage("Could not load parameter file: '" + path + "'");
    }

    @Test
    void reportsAFileWithoutReadPermissionAsUnreadable() throws IOException {
        // root reads whatever the permissions say, so this case can only be shown as another user
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "running as root");
        Path file = Files.writeString(directory.resolve("locked.params"), "a=1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        String path = file.toString();

        assertThatThrownBy(() -> ParameterFileReader.read(path))
                .isInstanceOf(ParameterFileException.class)
                .hasMessage("Could not load parameter file: '" + path + "'");
    }

    @Test
    void returnsAnUnmodifiableMap() throws Exception {
        Map<String, String> parameters = readFile("a=1\n");

        assertThatThrownBy(() -> parameters.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }
}
