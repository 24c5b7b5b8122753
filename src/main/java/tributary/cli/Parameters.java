package tributary.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tributary.util.PhpStrings;

/**
 * The parameters of one service call, merged and immutable (spec services.md §5.3): an explicit argument
 * (HTTP request parameter or CLI {@code --name=value}) wins over the parameter files, which win over the
 * built-in default passed to {@link #get(String, String)} or {@link #withDefaults(Map)}.
 *
 * <p><b>Security:</b> {@code param_file} is honoured in CLI mode only. Only {@link #fromCommandLine(Map)}
 * and {@link #load(Map, List)} read files; the HTTP layer builds its view with {@link #of(Map)}, so a
 * remote caller cannot make the server read a local file.
 *
 * <p><b>Trimming:</b> values are returned as stored. File values are already trimmed by the file format;
 * explicit values are kept exactly as typed, because only some services trim (import, §2.2: "All values
 * are trimmed"). Those call {@link #getTrimmed(String)}, which trims like PHP.
 */
public final class Parameters {

    /** The parameter naming the parameter files to read. */
    public static final String PARAM_FILE = "param_file";

    private static final Parameters EMPTY = new Parameters(Map.of());

    private final Map<String, String> values;

    private Parameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parameters given explicitly, without any file (the HTTP entry point). */
    public static Parameters of(Map<String, String> explicitArgs) {
        return new Parameters(explicitArgs);
    }

    /** No parameter at all. */
    public static Parameters empty() {
        return EMPTY;
    }

    /**
     * CLI entry point: reads the files named by the explicit {@code param_file} argument, then applies the
     * explicit arguments over them. A {@code param_file} written inside a parameter file is not followed,
     * as in iTop (the file list is read before any file is loaded).
     *
     * @throws ParameterFileException on the first file that cannot be found or read
     */
    public static Parameters fromCommandLine(Map<String, String> cliArgs) throws ParameterFileException {
        return load(cliArgs, splitFileList(cliArgs.get(PARAM_FILE)));
    }

    /**
     * Reads {@code paramFiles} in order (a later file overrides an earlier one for the same name), then
     * applies {@code explicitArgs} over them.
     *
     * @throws ParameterFileException on the first file that cannot be found or read
     */
    public static Parameters load(Map<String, String> explicitArgs, List<String> paramFiles)
            throws ParameterFileException {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String paramFile : paramFiles) {
            merged.putAll(ParameterFileReader.read(paramFile));
        }
        merged.putAll(explicitArgs);
        return new Parameters(merged);
    }

    /**
     * Splits a {@code param_file} value on commas, trimming blanks around each path and dropping empty items.
     *
     * @param fileList the value, or {@code null} when the parameter is absent
     */
    public static List<String> splitFileList(String fileList) {
        if (fileList == null) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        for (String item : fileList.split(",", -1)) {
            String path = PhpStrings.trim(item);
            if (!path.isEmpty()) {
                paths.add(path);
            }
        }
        return List.copyOf(paths);
    }

    /** A view where each default applies to a name that no argument or file defines. */
    public Parameters withDefaults(Map<String, String> defaults) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(values);
        return new Parameters(merged);
    }

    /** The value as stored, if the parameter is defined (possibly as an empty string). */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value as stored, or {@code defaultValue} when the parameter is not defined. */
    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** The value trimmed as PHP's {@code trim()} does, for the services whose values are all trimmed. */
    public Optional<String> getTrimmed(String name) {
        return get(name).map(PhpStrings::trim);
    }

    /** Whether the parameter is defined, even with an empty value. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** All parameters, unmodifiable, in order of first definition. */
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parameters parameters && values.equals(parameters.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        // Deliberately names only: parameter files carry auth_pwd.
        return "Parameters" + values.keySet();
    }
}
