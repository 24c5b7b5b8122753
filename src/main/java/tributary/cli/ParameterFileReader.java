package tributary.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tributary.util.PhpStrings;

/**
 * Reads one iTop parameter file (spec services.md §5.2).
 *
 * <p>The text is split on {@code \n}; each line is trimmed, cut at its first {@code #} (so a value can never
 * contain {@code #}) and kept when it matches {@code <name><optional blanks>=<value>}, the name having no
 * whitespace. The value is trimmed; quotes are kept literally. Other lines are ignored. Within one file a
 * repeated name keeps its last value.
 *
 * <p><b>Quirk kept on purpose:</b> the name is matched greedily, so it runs to the <em>last</em> {@code =}
 * of the first blank-free run: {@code auth_pwd=abc=def} defines {@code auth_pwd=abc} = {@code def}, whereas
 * {@code auth_pwd = abc=def} defines {@code auth_pwd} = {@code abc=def}. Put a blank before {@code =} when
 * the value contains {@code =}. A line {@code =x} defines a parameter with an empty name.
 */
public final class ParameterFileReader {

    // iTop's own pattern; greedy \S* backtracks to the last '=' that is followed by the rest of the line.
    // UNIX_LINES so that '.' matches a stray '\r' inside a line, as PCRE does.
    private static final Pattern PARAMETER_LINE = Pattern.compile("^(\\S*)\\s*=(.*)$", Pattern.UNIX_LINES);

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ParameterFileReader() {
    }

    /**
     * Reads the file at {@code path} (UTF-8, a leading byte-order mark tolerated).
     *
     * @param path the path as the user wrote it; relative paths resolve against the working directory
     * @return the parameters in file order, unmodifiable
     * @throws ParameterFileException when the file does not exist, or exists but cannot be read
     *                                (a directory, no permission, an I/O error)
     */
    public static Map<String, String> read(String path) throws ParameterFileException {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException invalid) {
            // A name the file system cannot even represent cannot exist there either.
            throw ParameterFileException.notFound(path);
        }
        if (!Files.exists(file)) {
            throw ParameterFileException.notFound(path);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException | SecurityException failure) {
            throw ParameterFileException.unreadable(path, failure);
        }
        // Lenient decoding: iTop reads raw bytes, so a stray invalid byte must not reject the whole file.
        return parse(new String(content, StandardCharsets.UTF_8));
    }

    /**
     * Parses the text of a parameter file.
     *
     * @param text the whole file content
     * @return the parameters in order of first appearance, each with its last value, unmodifiable
     */
    public static Map<String, String> parse(String text) {
        String content = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String rawLine : content.split("\n", -1)) {
            String line = PhpStrings.trim(rawLine);
            int commentStart = line.indexOf('#');
            if (commentStart >= 0) {
                line = PhpStrings.trim(line.substring(0, commentStart));
            }
            Matcher matcher = PARAMETER_LINE.matcher(line);
            if (matcher.matches()) {
                parameters.put(matcher.group(1), PhpStrings.trim(matcher.group(2)));
            }
        }
        return Collections.unmodifiableMap(parameters);
    }
}
