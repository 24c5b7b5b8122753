package tributary.oql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OqlValidatorTest {

    private final OqlValidator validator = new OqlValidator(TestCatalog.INSTANCE);

    @ParameterizedTest
    @MethodSource("tributary.oql.OqlSamples#valid")
    void acceptsQueriesThatFitTheModel(String oql) {
        assertThat(validator.validate(oql)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT Contact WHERE nom_de_famille = \"foo\"|OqlNormalizeException",
        "SELECT Contact AS c WHERE nom_de_famille = \"foo\"|OqlNormalizeException",
        "SELECT Contact AS c WHERE Contact.name = \"foo\"|OqlNormalizeException",
        "SELECT Contact AS c WHERE x.name = \"foo\"|OqlNormalizeException",
        "SELECT RelationProfessionnelle|UnknownClassOqlException",
        "SELECT RelationProfessionnelle AS c WHERE name = \"foo\"|UnknownClassOqlException",
        "SELECT Person AS p JOIN lnkXXXXXXXXXXXX AS lnk ON lnk.person_id = p.id WHERE p.name LIKE \"foo\"|UnknownClassOqlException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON   p.person_id = p.id WHERE p.name LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON     person_id = p.id WHERE p.name LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id =   id WHERE p.name LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.role      = p.id WHERE p.name LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.team_id   = p.id WHERE p.name LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id = p.org_id WHERE p.name LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON p.id = lnk.person_id WHERE p.name LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id = p.id WHERE x.name LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id = p.id WHERE p.eman LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id = p.id WHERE   eman LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id = p.id WHERE id = 1|OqlNormalizeException",
        "SELECT Person AS p JOIN Organization AS o ON p.location_id = o.id WHERE p.name LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN Organization AS o ON p.name = o.id WHERE p.name LIKE \"foo\"|OqlNormalizeException",
        "SELECT Person AS p JOIN Organization AS o ON      p.org_id = o.id JOIN Person AS p ON      p.org_id = o.id|OqlNormalizeException",
        "SELECT Person      JOIN Organization AS o ON Person.org_id = o.id JOIN Person      ON Person.org_id = o.id|OqlNormalizeException",
        "SELECT Person AS p JOIN Location AS l ON p.location_id BELOW l.id|OqlNormalizeException",
        "SELECT foo FROM Person AS p JOIN Location AS l ON p.location_id = l.id|OqlNormalizeException",
        "SELECT p, foo FROM Person AS p JOIN Location AS l ON p.location_id = l.id|OqlNormalizeException",
        "SELECT Person UNION SELECT Organization|OqlNormalizeException",
        "SELECT Person UNION SELECT p, l FROM Person AS p JOIN Location AS l ON p.location_id = l.id|OqlNormalizeException",
        "SELECT p, l FROM Person AS p JOIN Location AS l ON p.location_id = l.id UNION SELECT Person|OqlNormalizeException",
        "SELECT Person WHERE team_list = 1|OqlNormalizeException",
        "SELECT Person AS p WHERE p.team_list = 1|OqlNormalizeException",
        "SELECT Person WHERE id IN (SELECT p, l FROM Person AS p JOIN Location AS l ON p.location_id = l.id)|OqlNormalizeException",
        "SELECT Person WHERE id IN (SELECT Nope)|UnknownClassOqlException",
        "SELECT Person WHERE ISNULL(name, 1)|OqlNormalizeException",
        "SELECT Person WHERE NOW(1)|OqlNormalizeException",
        "SELECT Person WHERE DATE_ADD(name, 1)|OqlNormalizeException",
        "SELECT Person WHERE CONCAT(name, INTERVAL 1 DAY)|OqlNormalizeException",
        "SELECT Person WHERE 'x' MATCHES name|OqlNormalizeException",
        "SELECT Organization AS o JOIN Organization AS p ON o.parent_id = o.id|OqlNormalizeException",
        "SELECT Person AS p JOIN Location AS l ON p.location_id = p.id|OqlNormalizeException",
        "SELECT person|UnknownClassOqlException",
    })
    void rejectsQueriesThatDoNotFit(String oql, String itopClass) {
        OqlException error = catchThrowableOfType(OqlException.class, () -> validator.validate(oql));
        assertThat(error).as(oql).isNotNull();
        assertThat(error.itopExceptionClass()).as(oql).isEqualTo(itopClass);
        assertThat(error.getMessage()).as(oql).contains(" in '" + oql + "'");
    }

    @Test
    void unknownClassSuggestsTheClosestName() {
        OqlException error = catchThrowableOfType(OqlException.class, () -> validator.validate("SELECT Persen"));
        assertThat(error.getMessage()).startsWith("Unknown class - found 'Persen' at 7 in 'SELECT Persen', expecting {Organization, Location, Contact, Person,")
            .endsWith("}, I would suggest to use 'Person'");
        assertThat(error.found()).isEqualTo("Persen");
        assertThat(error.column()).isEqualTo(7);
    }

    @Test
    void unknownFilterCodeListsTheCodesOfTheClass() {
        assertThatThrownBy(() -> validator.validate("SELECT Organization WHERE nme = 'x'"))
            .hasMessage("Unknown filter code - found 'nme' at 26 in 'SELECT Organization WHERE nme = 'x'', expecting "
                + "{id, name, code, parent_id, parent_id_friendlyname, parent_name, friendlyname, finalclass, obsolescence_flag}, "
                + "I would suggest to use 'name'");
        assertThatThrownBy(() -> validator.validate("SELECT Organization AS o WHERE o.zzzzzzzz = 'x'"))
            .hasMessageEndingWith("I would suggest to use ''");
    }

    @Test
    void ambiguousAndAliasErrorsPointAtTheName() {
        assertThatThrownBy(() -> validator.validate("SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id = p.id WHERE id = 1"))
            .hasMessage("Ambiguous filter code - found 'id' at 77 in 'SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id = p.id WHERE id = 1'");
        assertThatThrownBy(() -> validator.validate("SELECT Contact AS c WHERE Contact.name='x'"))
            .hasMessage("Unknown class [alias] - found 'Contact' at 26 in 'SELECT Contact AS c WHERE Contact.name='x'', expecting {c}, I would suggest to use ''");
        assertThatThrownBy(() -> validator.validate("SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON p.id = lnk.person_id"))
            .hasMessage("Wrong format for Join clause (right hand), expecting an id - found 'person_id' at 61 in "
                + "'SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON p.id = lnk.person_id', expecting {id}, I would suggest to use ''");
        assertThatThrownBy(() -> validator.validate("SELECT Person AS p JOIN Location AS l ON p.location_id BELOW l.id"))
            .hasMessage("The specified tree operator BELOW is not applicable to the key - found 'location_id' at 43 in "
                + "'SELECT Person AS p JOIN Location AS l ON p.location_id BELOW l.id'");
        assertThatThrownBy(() -> validator.validate("SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.team_id = p.id"))
            .hasMessageStartingWith("The joined class (lnkPersonToTeam) is not compatible with the external key, which is pointing to Team - found 'team_id'");
        assertThatThrownBy(() -> validator.validate("SELECT Person WHERE team_list = 1"))
            .hasMessage("Link set attributes cannot be used in a condition - found 'team_list' at 20 in 'SELECT Person WHERE team_list = 1'");
    }

    @Test
    void unionResultIsTheClosestCommonAncestor() {
        assertThat(validator.validate("SELECT Person WHERE org_id = 3 UNION SELECT Team WHERE org_id = 3").resultClass())
            .isEqualTo("Contact");
        assertThat(validator.validate("SELECT Server UNION SELECT PC UNION SELECT Server").resultClass()).isEqualTo("FunctionalCI");
        assertThat(validator.validate("SELECT o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id").resultClass())
            .isEqualTo("Organization");
        assertThatThrownBy(() -> validator.validate("SELECT Person UNION SELECT Organization"))
            .hasMessageStartingWith("Incompatible classes: could not find a common ancestor - found 'Organization' at 27");
    }

    @Test
    void parametersAreListedInOrder() {
        assertThat(validator.validate("SELECT UserRequest WHERE agent_id = :current_contact_id AND org_id IN (:org, :current_contact->org_id, :org)")
            .parameterNames()).containsExactly("current_contact_id", "org", "current_contact->org_id");
    }
}
