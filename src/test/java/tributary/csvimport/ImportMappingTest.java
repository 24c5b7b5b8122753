package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aFriendlyNameSearchesTheAttributeItIsMadeOfWhenItIsOne() {
        ImportMapping mapping = ImportMapping.of(model, "Person",
                List.of("name", "location_id->friendlyname", "manager_id->friendlyname"), false, "");

        // Location's friendly name is its name (the indexed bulk search); a Person's is made of two attributes.
        assertThat(mapping.extKeys()).extracting(key -> key.searches().get(0).remote())
                .containsExactly("name", "friendlyname");
    }

    @Test
    void aFriendlyNameCannotReconcileAndTheRefusalSaysWhatCan() {
        assertThatThrownBy(() -> ImportMapping.of(model, "Person", List.of("friendlyname", "email"), false, "friendlyname"))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessage("Reconciliation key not found in the input columns: 'friendlyname' (computed from first_name,"
                        + " name: reconcile on those instead)");
    }

    @Test
    void aLinkSetCannotReconcileAndTheRefusalDoesNotDenyItsColumn() {
        assertThatThrownBy(() -> ImportMapping.of(model, "Person", List.of("email", "team_list"), false, "team_list"))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessage("Reconciliation key not found in the input columns: 'team_list' (a link set cannot identify"
                        + " an object: reconcile on attributes of the object itself)");
        assertThatThrownBy(() -> ImportMapping.of(model, "Person", List.of("email"), false, "team_list"))
                .hasMessage("Reconciliation key not found in the input columns: 'team_list'");
    }
}
