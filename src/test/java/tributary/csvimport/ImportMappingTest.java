package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tributary.model.DataModel;
import tributary.model.ModelLoader;

/** Header mapping of {@link ImportMapping} on the built-in model. */
class ImportMappingTest {

    private final DataModel model = new ModelLoader().load(List.of());

    @Test
    void headerNamesLoseNoBreakAndZeroWidthSpacesAroundThem() {
        // Copied from a spreadsheet or a word processor, a header keeps blanks that trim() does not remove; iTop then
        // reports "Unknown column: 'first_name '", a name that prints like a known one.
        ImportMapping mapping = ImportMapping.of(model, "Person",
                List.of("first_name\u00A0", "\u200Bname", "email", "org_id\u00A0->\u00A0name*"), false, "");

        assertThat(mapping.columns()).extracting(ImportMapping.Column::code)
                .containsExactly("first_name", "name", "email", "org_id->name");
    }
}
