package tributary.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {

    @TempDir
    Path dir;

    private DataModel load(String yaml) throws IOException {
        Path file = dir.resolve("model.yml");
        Files.writeString(file, yaml);
        return new ModelLoader().load(List.of(file));
    }

    @Test
    void builtInModelHasItopClassesHierarchyAndTables() {
        DataModel model = new ModelLoader().load(List.of());

        assertThat(model.lineage("Server")).containsExactly("Server", "PhysicalDevice", "FunctionalCI");
        assertThat(model.tableOf("Server")).isEqualTo("functionalci");
        assertThat(model.concreteClasses("Contact")).containsExactly("Person", "Team");
        assertThat(model.reconciliationKeys("Person"))
                .containsExactly("name", "first_name", "org_id", "org_name", "email", "employee_number");
        assertThat(model.friendlyNameAttributes("Person")).containsExactly("first_name", "name");
        assertThat(model.attribute("Person", "org_id_friendlyname")).get()
                .satisfies(att -> assertThat(att.type()).isEqualTo(AttributeType.EXTERNAL_FIELD));
        assertThat(model.lifecycle("UserRequest")).get()
                .satisfies(l -> assertThat(l.state("assigned").orElseThrow().mandatory()).containsExactly("team_id", "agent_id"));
        assertThat(model.impacts("Server")).hasSize(2);
    }

    @Test
    void userFileAddsAClassAndAnAttributeToAnExistingClass() throws IOException {
        DataModel model = load("""
                classes:
                  - name: Rack
                    parent: PhysicalDevice
                    attributes:
                      - {code: nb_u, type: integer}
                  - name: Person
                    attributes:
                      - {code: nickname, type: string}
                """);

        assertThat(model.attributes("Rack")).containsKeys("name", "org_id", "status", "nb_u");
        assertThat(model.tableOf("Rack")).isEqualTo("functionalci");
        assertThat(model.attribute("Person", "nickname")).isPresent();
    }

    @Test
    void unknownTypeIsRefusedWithTheFileClassAndAttribute() {
        assertThatThrownBy(() -> load("""
                classes:
                  - name: Thing
                    attributes:
                      - {code: size, type: bignum}
                """)).isInstanceOf(ModelException.class)
                .hasMessageContaining("model.yml, class 'Thing', attribute 'size': unknown type 'bignum'");
    }

    @Test
    void indexedIsRefusedWhereItCannotHold() {
        assertThatThrownBy(() -> load("""
                classes:
                  - name: Thing
                    attributes:
                      - {code: serial, type: string, unique: true, indexed: false}
                """)).isInstanceOf(ModelException.class)
                .hasMessageContaining("class 'Thing', attribute 'serial': a unique attribute is always indexed");
        assertThatThrownBy(() -> load("""
                classes:
                  - name: Thing
                    attributes:
                      - {code: owner_id, type: extkey, target: Organization}
                      - {code: owner_name, type: extfield, key: owner_id, attribute: name, indexed: true}
                """)).isInstanceOf(ModelException.class)
                .hasMessageContaining("attribute 'owner_name': 'indexed' applies to stored attributes only");
    }

    @Test
    void unknownTargetClassIsRefused() {
        assertThatThrownBy(() -> load("""
                classes:
                  - name: Thing
                    attributes:
                      - {code: owner_id, type: extkey, target: Nobody}
                """)).hasMessageContaining("unknown target class 'Nobody'");
    }

    @Test
    void unknownParentIsRefused() {
        assertThatThrownBy(() -> load("""
                classes:
                  - name: Thing
                    parent: Nothing
                """)).hasMessageContaining("unknown parent class 'Nothing'");
    }

    @Test
    void redefiningAnInheritedAttributeIsRefused() {
        assertThatThrownBy(() -> load("""
                classes:
                  - name: Rack
                    parent: PhysicalDevice
                    attributes:
                      - {code: name, type: string}
                """)).hasMessageContaining("attribute 'name' is already inherited from 'FunctionalCI'");
    }

    @Test
    void twoClassesOfOneHierarchyCannotGiveOneColumnTwoTypes() {
        assertThatThrownBy(() -> load("""
                classes:
                  - name: Rack
                    parent: PhysicalDevice
                    attributes:
                      - {code: cpu, type: integer}
                """)).hasMessageContaining("share table 'functionalci' with incompatible types");
    }

    @Test
    void misspelledPropertyIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> load("""
                classes:
                  - name: Thing
                    atributes: []
                """)).isInstanceOf(ModelException.class).hasMessageContaining("atributes");
    }

    @Test
    void enumDefaultMustBeOneOfItsValues() {
        assertThatThrownBy(() -> load("""
                classes:
                  - name: Thing
                    attributes:
                      - {code: size, type: enum, values: [s, m], default: xl}
                """)).hasMessageContaining("default 'xl' is not one of [s, m]");
    }

    @Test
    void reservedAttributeCodesAreRefused() {
        assertThatThrownBy(() -> load("""
                classes:
                  - name: Thing
                    attributes:
                      - {code: finalclass, type: string}
                """)).hasMessageContaining("invalid or reserved attribute code 'finalclass'");
    }

    @Test
    void defaultLabelsAreDerivedFromCodes() {
        assertThat(ModelLoader.defaultLabel("postal_code")).isEqualTo("Postal Code");
        assertThat(ModelLoader.defaultLabel("owner_id")).isEqualTo("Owner");
    }
}
