package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void inLocalizedModeTheDefaultKeysAreReadByTheirLabelsAndAnAmbiguousOneWarns(@TempDir Path dir) throws IOException {
        // iTop names the default keys by their labels, then reads them back: a label two attributes share is ambiguous.
        Path extension = dir.resolve("model.yml");
        Files.writeString(extension, """
                classes:
                  - name: Person
                    attributes:
                      - {code: maiden_name, label: Last Name, type: string}
                """);
        DataModel extended = new ModelLoader().load(List.of(extension));

        ImportMapping mapping = ImportMapping.of(extended, "Person", List.of("First Name", "Last Name", "Email"), true, "");

        assertThat(mapping.reconciliationLine()).isEqualTo("name, first_name, email");
        assertThat(mapping.warnings()).containsExactly(
                "Input column 'Last Name' is ambiguous. Could be related to name or maiden_name. The first one will be used: name",
                "Reconciliation key 'Last Name' is ambiguous. Could be related to name or maiden_name. The first one will be"
                        + " used: name");
    }

    @Test
    void aReconciliationKeyGivenByItsLabelIsNamedByItsCodeWhenItIsNoColumn() {
        assertThatThrownBy(() -> ImportMapping.of(model, "Person", List.of("First Name", "Last Name"), true, "Email"))
                .hasMessage("Reconciliation key not found in the input columns: 'email'");
        assertThatThrownBy(() -> ImportMapping.of(model, "Person", List.of("email"), false, "FIRST_NAME"))
                .hasMessage("Reconciliation key not found in the input columns: 'first_name'");
        assertThatThrownBy(() -> ImportMapping.of(model, "Person", List.of("email"), false, "<no\"such>"))
                .hasMessage("Unknown reconciliation key: 'nosuch'");
    }

    @Test
    void possibleColumnsAreListedInLowerCaseAsITopListsThem() {
        assertThatThrownBy(() -> ImportMapping.of(model, "Person", List.of("Nope"), true, ""))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageStartingWith("Unknown column: 'Nope'. Possible columns: last name, ")
                .hasMessageContaining(", first name, ")
                .hasMessageContaining(", organization->name, ")
                .hasMessageNotContaining("First Name");
    }
}
