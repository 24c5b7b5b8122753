package tributary.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The conformance cases of services.md section 7.2, over HTTP against the running application. */
class RestOperationsIT extends RestTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    private String ref(long ticket) {
        return objects.get("UserRequest", ticket).orElseThrow().getString("ref");
    }

    private long countTickets(String title) {
        return jdbc.queryForObject("select count(*) from cmdb.ticket where title = ?", Long.class, title);
    }

    @Nested
    class Get {

        @Test
        void case16GetByOqlWithOutputFields() {
            long t = ticket("Case 16 " + tag());
            JsonNode json = call(map("operation", "core/get", "class", "UserRequest",
                    "key", "SELECT UserRequest WHERE id=" + t, "output_fields", "id, description"));
            assertThat(json.toString()).isEqualTo("{\"code\":0,\"message\":\"Found: 1\",\"objects\":{\"UserRequest::" + t
                    + "\":{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"" + t
                    + "\",\"fields\":{\"id\":\"" + t + "\",\"description\":\"<p>Fixture description</p>\"}}}}");
        }

        @Test
        void case17UnknownIdFindsNothing() {
            assertThat(call("{\"operation\":\"core/get\",\"class\":\"UserRequest\",\"key\":99999999}").toString())
                    .isEqualTo("{\"code\":0,\"message\":\"Found: 0\",\"objects\":null}");
        }

        @Test
        void case19DefaultOutputFieldsAreEveryAttributeButId() {
            JsonNode fields = call(map("operation", "core/get", "class", "Organization",
                    "key", "SELECT Organization WHERE name='Demo'")).get("objects").get("Organization::" + demoOrg).get("fields");
            assertThat(fields.propertyNames()).contains("name", "code", "status", "parent_id", "friendlyname",
                    "obsolescence_flag").doesNotContain("id");
            assertThat(fields.get("parent_id").asString()).isEqualTo("0");
            assertThat(fields.get("obsolescence_flag").isBoolean()).isTrue();
        }

        @Test
        void case20InvalidClass() {
            assertThat(call("{\"operation\":\"core/get\",\"class\":\"Foo\",\"key\":1}").toString())
                    .isEqualTo("{\"code\":100,\"message\":\"Error: class: 'Foo' is not a valid class'\"}");
        }

        @Test
        void case22UnknownClassInOql() {
            String message = call("{\"operation\":\"core/get\",\"class\":\"Organization\",\"key\":\"SELECT Nope\"}")
                    .get("message").asString();
            assertThat(message).startsWith("Error: Query failed to execute: query = SELECT Nope, exception_class = ");
        }

        @Test
        void case24PageZeroIsInvalid() {
            assertThat(call("{\"operation\":\"core/get\",\"class\":\"UserRequest\",\"key\":\"SELECT UserRequest\","
                    + "\"limit\":2,\"page\":0,\"output_fields\":\"id\"}").toString())
                    .isEqualTo("{\"code\":13,\"message\":\"The request page number is not valid. It must be an integer"
                            + " greater than 0\",\"objects\":null}");
        }

        @Test
        void limitAndPageReturnAPageButFoundCountsEverything() {
            long total = call("{\"operation\":\"core/get\",\"class\":\"UserRequest\",\"key\":\"SELECT UserRequest\","
                    + "\"output_fields\":\"id\"}").get("objects").size();
            JsonNode first = call("{\"operation\":\"core/get\",\"class\":\"UserRequest\",\"key\":\"SELECT UserRequest\","
                    + "\"limit\":2,\"page\":1,\"output_fields\":\"id\"}");
            JsonNode second = call("{\"operation\":\"core/get\",\"class\":\"UserRequest\",\"key\":\"SELECT UserRequest\","
                    + "\"limit\":\"2\",\"page\":\"2\",\"output_fields\":\"id\"}");
            assertThat(total).isGreaterThanOrEqualTo(5);
            assertThat(first.get("message").asString()).isEqualTo("Found: " + total);
            assertThat(first.get("objects").size()).isEqualTo(2);
            assertThat(second.get("objects").size()).isEqualTo(2);
            assertThat(second.get("objects").propertyNames()).doesNotContainAnyElementsOf(first.get("objects").propertyNames());
        }

        @Test
        void criteriaKeyMatchesCaseInsensitivelyAndThroughExternalKeys() {
            JsonNode json = call(map("operation", "core/get", "class", "Person",
                    "key", map("name", "monet", "first_name", "CLAUDE", "org_id", map("name", "Demo")),
                    "output_fields", "friendlyname, org_id, org_name"));
            assertThat(json.get("message").asString()).isEqualTo("Found: 1");
            JsonNode fields = json.get("objects").get("Person::" + monet).get("fields");
            assertThat(fields.get("friendlyname").asString()).isEqualTo("Claude Monet");
            assertThat(fields.get("org_id").asString()).isEqualTo(Long.toString(demoOrg));
            assertThat(fields.get("org_name").asString()).isEqualTo("Demo");
        }

        @Test
        void criteriaWithAnUnknownFinalClass() {
            assertThat(call(map("operation", "core/get", "class", "Contact", "key", map("finalclass", "Nope")))
                    .get("message").asString()).isEqualTo("Error: finalclass: Unknown class 'Nope'");
        }

        @Test
        void keysOfTheWrongJsonTypeAndMissingKeys() {
            assertThat(call("{\"operation\":\"core/get\",\"class\":\"Person\",\"key\":[1]}").get("message").asString())
                    .isEqualTo("Error: Wrong format for key");
            assertThat(call("{\"operation\":\"core/get\",\"class\":\"Person\",\"key\":null}").get("message").asString())
                    .isEqualTo("Error: Missing parameter 'key'");
        }

        @Test
        void objectsAreKeyedByTheirFinalClassAndStarUsesTheRequestedClass() {
            long t = ticket("Final class " + tag());
            JsonNode star = call(map("operation", "core/get", "class", "Ticket", "key", t));
            JsonNode fields = star.get("objects").get("UserRequest::" + t).get("fields");
            assertThat(fields.has("title")).isTrue();
            assertThat(fields.has("status")).isFalse();
            assertThat(fields.get("finalclass").asString()).isEqualTo("UserRequest");
            JsonNode plus = call(map("operation", "core/get", "class", "Ticket", "key", t, "output_fields", "*+"));
            assertThat(plus.get("objects").get("UserRequest::" + t).get("fields").get("status").asString()).isEqualTo("new");
        }

        @Test
        void invalidOutputFields() {
            assertThat(call(map("operation", "core/get", "class", "Person", "key", monet, "output_fields", "name, nope"))
                    .get("message").asString()).isEqualTo("Error: output_fields: invalid attribute code 'nope'");
            assertThat(call(map("operation", "core/get", "class", "Person", "key", monet, "output_fields", ""))
                    .get("message").asString()).isEqualTo("Error: output_fields: invalid attribute code ''");
        }

        @Test
        void anOqlQueryOnAnotherClassIsRenderedWithIdAndFriendlyName() {
            JsonNode fields = call(map("operation", "core/get", "class", "Person", "key",
                    "SELECT Organization WHERE id = " + demoOrg, "output_fields", "name, email"))
                    .get("objects").get("Organization::" + demoOrg).get("fields");
            assertThat(fields.toString()).isEqualTo("{\"id\":\"" + demoOrg + "\",\"friendlyname\":\"Demo\"}");
        }
    }

    @Nested
    class Create {

        @Test
        void decomposedAccentsAreStoredComposedAndFindTheComposedSpelling() {
            // PHP's json_encode escapes every non-ASCII character: a decomposed "é" arrives as "e\u0301".
            String tag = tag();
            String escaped = "Soci\\u0065\\u0301t\\u0065\\u0301-" + tag;
            JsonNode created = call("{\"operation\":\"core/create\",\"comment\":\"nfd\",\"class\":\"Organization\","
                    + "\"output_fields\":\"name\",\"fields\":{\"name\":\"" + escaped + "\"}}");
            JsonNode object = created.get("objects").properties().iterator().next().getValue();
            long id = Long.parseLong(object.get("key").asString());
            assertThat(object.get("fields").get("name").asString()).isEqualTo("Société-" + tag);
            assertThat(jdbc.queryForObject("select name from cmdb.organization where id = ?", String.class, id))
                    .isEqualTo("Société-" + tag).hasSize(("Société-" + tag).length());

            String byOql = call("{\"operation\":\"core/get\",\"class\":\"Organization\",\"output_fields\":\"id\","
                    + "\"key\":\"SELECT Organization WHERE name = '" + escaped + "'\"}").get("message").asString();
            JsonNode byCriteria = call(map("operation", "core/get", "class", "Organization", "output_fields", "id",
                    "key", map("name", java.text.Normalizer.normalize("Société-" + tag, java.text.Normalizer.Form.NFD))));
            assertThat(byOql).isEqualTo("Found: 1");
            assertThat(byCriteria.get("message").asString()).isEqualTo("Found: 1");
            assertThat(byCriteria.get("objects").has("Organization::" + id)).isTrue();
        }

        @Test
        void case27CommentIsCheckedBeforeTheClass() {
            assertThat(call("{\"operation\":\"core/create\",\"class\":\"Foo\",\"fields\":{}}").toString())
                    .isEqualTo("{\"code\":100,\"message\":\"Error: Missing parameter 'comment'\"}");
        }

        @Test
        void case28CreateWithAnExternalKeyGivenByOql() {
            String title = "Houston, got a problem " + tag();
            JsonNode json = call(map("operation", "core/create", "comment", "test", "class", "UserRequest",
                    "output_fields", "id", "fields", map("org_id", "SELECT Organization WHERE name = \"Demo\"",
                            "title", title, "description", "some text")));
            assertThat(json.get("code").asInt()).isZero();
            assertThat(json.get("message").isNull()).isTrue();
            assertThat(json.propertyNames()).containsExactly("code", "message", "objects");
            Map.Entry<String, JsonNode> object = json.get("objects").properties().iterator().next();
            String id = object.getValue().get("key").asString();
            assertThat(object.getKey()).isEqualTo("UserRequest::" + id);
            assertThat(object.getValue().get("message").asString()).isEqualTo("created");
            assertThat(object.getValue().get("fields").get("id").asString()).isEqualTo(id);
            List<Map<String, Object>> history = jdbc.queryForList("select o.id, c.userinfo, c.origin from cmdb.change_op o"
                    + " join cmdb.change c on c.id = o.\"change\" where o.objkey = ? and o.objclass = 'UserRequest'"
                    + " and o.optype = 'create'", Long.parseLong(id));
            assertThat(history).hasSize(1);
            assertThat(history.get(0)).containsEntry("userinfo", "test").containsEntry("origin", "webservice-rest");
            // The creation entry is derived from the object's row, with a negative id that core/get finds as a key.
            long entry = ((Number) history.get(0).get("id")).longValue();
            assertThat(entry).isNegative();
            JsonNode read = call(map("operation", "core/get", "class", "CMDBChangeOp", "key", entry,
                    "output_fields", "objclass, objkey, userinfo"));
            assertThat(read.get("message").asString()).isEqualTo("Found: 1");
            JsonNode op = read.get("objects").get("CMDBChangeOpCreate::" + entry).get("fields");
            assertThat(op.get("objkey").asString()).isEqualTo(id);
            assertThat(op.get("userinfo").asString()).isEqualTo("test");
            assertThat(objects.get("UserRequest", Long.parseLong(id)).orElseThrow().getLong("org_id")).isEqualTo(demoOrg);
        }

        @Test
        void case29UnknownAttributeCreatesNothing() {
            String title = "Unknown attribute " + tag();
            JsonNode json = call(map("operation", "core/create", "comment", "test", "class", "UserRequest",
                    "output_fields", "id", "fields", map("org_id", demoOrg, "title", title, "description", "x", "nosuch", "x")));
            assertThat(json.toString()).isEqualTo("{\"code\":100,\"message\":\"Error: nosuch: Unknown attribute\"}");
            assertThat(countTickets(title)).isZero();
        }

        @Test
        void externalKeysByCriteriaAndTheirExactlyOneMessages() {
            String title = "Criteria " + tag();
            JsonNode ok = call(map("operation", "core/create", "comment", "c", "class", "UserRequest", "output_fields",
                    "org_name, caller_id", "fields", map("org_id", map("name", "Demo"), "caller_id",
                            map("name", "Monet", "first_name", "Claude"), "title", title, "description", "d")));
            JsonNode fields = ok.get("objects").properties().iterator().next().getValue().get("fields");
            assertThat(fields.get("org_name").asString()).isEqualTo("Demo");
            assertThat(fields.get("caller_id").asString()).isEqualTo(Long.toString(monet));
            assertThat(call(map("operation", "core/create", "comment", "c", "class", "UserRequest", "fields",
                    map("org_id", map("name", "gabuzomeu"), "title", title, "description", "d"))).get("message").asString())
                    .isEqualTo("Error: org_id: No item found with criteria: name: gabuzomeu (gabuzomeu)");
            assertThat(call(map("operation", "core/create", "comment", "c", "class", "UserRequest", "fields",
                    map("org_id", "SELECT Organization WHERE name = 'gabuzomeu'", "title", title, "description", "d")))
                    .get("message").asString())
                    .isEqualTo("Error: org_id: No item found for query: SELECT Organization WHERE name = 'gabuzomeu'");
            assertThat(call(map("operation", "core/create", "comment", "c", "class", "UserRequest", "fields",
                    map("org_id", "SELECT Organization", "title", title, "description", "d"))).get("message").asString())
                    .matches("Error: org_id: Several items found \\(\\d+\\) for query: SELECT Organization");
            assertThat(call(map("operation", "core/create", "comment", "c", "class", "UserRequest", "fields",
                    map("org_id", 99999999, "title", title, "description", "d"))).get("message").asString())
                    .isEqualTo("Error: org_id: Invalid object Organization::99999999");
            assertThat(countTickets(title)).isEqualTo(1);
        }

        @Test
        void missingMandatoryValueWrongEnumAndWrongDateAreRefusedAndNothingIsWritten() {
            String title = "Invalid " + tag();
            assertThat(call(map("operation", "core/create", "comment", "c", "class", "UserRequest", "fields",
                    map("org_id", demoOrg, "description", "d"))).get("message").asString())
                    .startsWith("Error: ").contains("Unexpected value for attribute 'title': Null not allowed");
            assertThat(call(map("operation", "core/create", "comment", "c", "class", "Person", "fields",
                    map("org_id", demoOrg, "name", title, "first_name", "x", "status", "toto"))).get("message").asString())
                    .startsWith("Error: ").contains("Unexpected value for attribute 'status': Value not allowed [toto]");
            assertThat(call(map("operation", "core/create", "comment", "c", "class", "UserRequest", "fields",
                    map("org_id", demoOrg, "title", title, "description", "d", "start_date", "yesterday")))
                    .get("message").asString()).isEqualTo("Error: start_date: Wrong format for date attribute start_date,"
                    + " expecting \"Y-m-d H:i:s\" and got \"yesterday\"");
            assertThat(countTickets(title)).isZero();
            assertThat(objects.find("Person", Map.of("name", title), 1)).isEmpty();
        }

        @Test
        void aReaderMayReadButNotCreate() {
            Map<String, String> form = Map.of("auth_user", "reader", "auth_pwd", "Reader-pwd1", "json_data",
                    "{\"operation\":\"core/create\",\"comment\":\"c\",\"class\":\"Organization\",\"fields\":{\"name\":\"x\"}}");
            assertThat(post("1.3", form).body()).isEqualTo("{\"code\":1,\"message\":\"The current user does not have enough"
                    + " permissions for creating data of class Organization\",\"objects\":null}");
            Map<String, String> read = Map.of("auth_user", "reader", "auth_pwd", "Reader-pwd1", "json_data",
                    "{\"operation\":\"core/get\",\"class\":\"Organization\",\"key\":" + demoOrg + "}");
            assertThat(post("1.3", read).json().get("message").asString()).isEqualTo("Found: 1");
            Map<String, String> users = Map.of("auth_user", "reader", "auth_pwd", "Reader-pwd1", "json_data",
                    "{\"operation\":\"core/get\",\"class\":\"UserLocal\",\"key\":\"SELECT UserLocal\"}");
            assertThat(post("1.3", users).body()).isEqualTo("{\"code\":1,\"message\":\"The current user does not have"
                    + " enough permissions for reading data of class UserLocal\",\"objects\":null}");
        }

        @Test
        void linkSetsAreCreatedAndReplaced() {
            String name = "Team " + tag();
            JsonNode created = call(map("operation", "core/create", "comment", "c", "class", "Team", "output_fields",
                    "persons_list", "fields", map("name", name, "org_id", demoOrg,
                            "persons_list", List.of(map("person_id", map("name", "Monet", "first_name", "Claude"), "role", "lead"),
                                    map("person_id", 0)))));
            Map.Entry<String, JsonNode> team = created.get("objects").properties().iterator().next();
            JsonNode links = team.getValue().get("fields").get("persons_list");
            assertThat(links).hasSize(1);
            assertThat(links.get(0).get("person_id").asString()).isEqualTo(Long.toString(monet));
            assertThat(links.get(0).get("role").asString()).isEqualTo("lead");
            assertThat(links.get(0).has("team_id")).isFalse();
            assertThat(links.get(0).has("team_name")).isFalse();
            JsonNode replaced = call(map("operation", "core/update", "comment", "c", "class", "Team", "key",
                    team.getValue().get("key").asString(), "output_fields", "persons_list", "fields", map("persons_list", List.of())));
            assertThat(replaced.get("objects").properties().iterator().next().getValue().get("fields").get("persons_list"))
                    .isEmpty();
            assertThat(call(map("operation", "core/update", "comment", "c", "class", "Team", "key",
                    team.getValue().get("key").asString(), "fields", map("persons_list", "x"))).get("message").asString())
                    .isEqualTo("Error: persons_list: A link set must be defined by an array of objects");
        }
    }

    @Nested
    class Update {

        @Test
        void case32UpdateWrapsPlainTextInAParagraph() {
            long t = ticket("Case 32 " + tag());
            assertThat(call(map("operation", "core/update", "comment", "test", "class", "UserRequest", "key", Long.toString(t),
                    "output_fields", "description", "fields", map("description", "Update"))).toString())
                    .isEqualTo("{\"code\":0,\"message\":null,\"objects\":{\"UserRequest::" + t + "\":{\"code\":0,\"message\":"
                            + "\"updated\",\"class\":\"UserRequest\",\"key\":\"" + t + "\",\"fields\":{\"description\":"
                            + "\"<p>Update</p>\"}}}}");
        }

        @Test
        void case34UnknownObject() {
            assertThat(call("{\"operation\":\"core/update\",\"comment\":\"c\",\"class\":\"UserRequest\",\"key\":99999999,"
                    + "\"fields\":{\"title\":\"x\"}}").toString())
                    .isEqualTo("{\"code\":100,\"message\":\"Error: Invalid object UserRequest::99999999\"}");
        }

        @Test
        void updateByCriteriaAndUnchangedValuesAreStillUpdated() {
            String title = "By criteria " + tag();
            long t = ticket(title);
            JsonNode json = call(map("operation", "core/update", "comment", "c", "class", "UserRequest",
                    "key", map("title", title), "fields", map("title", title), "output_fields", "title"));
            assertThat(json.get("objects").get("UserRequest::" + t).get("message").asString()).isEqualTo("updated");
        }

        @Test
        void caseLogsTakeTextAddItemAndItems() {
            long t = ticket("Case log " + tag());
            call(map("operation", "core/update", "comment", "c", "class", "UserRequest", "key", t,
                    "fields", map("public_log", "first <entry>")));
            JsonNode json = call(map("operation", "core/update", "comment", "c", "class", "UserRequest", "key", t,
                    "output_fields", "public_log", "fields", map("public_log", map("add_item",
                            map("message", "second", "format", "text", "date", "2024-01-02 03:04:05")))));
            JsonNode entries = json.get("objects").get("UserRequest::" + t).get("fields").get("public_log").get("entries");
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0).get("message").asString()).isEqualTo("first <entry>");
            assertThat(entries.get(0).get("user_login").asString()).isEqualTo("rest");
            assertThat(entries.get(0).get("user_id").isString()).isTrue();
            assertThat(entries.get(1).get("date").asString()).isEqualTo("2024-01-02 03:04:05");
            JsonNode replaced = call(map("operation", "core/update", "comment", "c", "class", "UserRequest", "key", t,
                    "output_fields", "public_log", "fields", map("public_log", map("items", List.of(
                            map("message", "<b>only</b>", "user_id", 0, "user_login", "Robot"))))));
            JsonNode only = replaced.get("objects").get("UserRequest::" + t).get("fields").get("public_log").get("entries");
            assertThat(only).hasSize(1);
            assertThat(only.get(0).get("message_html").asString()).isEqualTo("<b>only</b>");
            assertThat(only.get(0).get("user_login").asString()).isEqualTo("Robot");
            assertThat(call(map("operation", "core/update", "comment", "c", "class", "UserRequest", "key", t,
                    "fields", map("public_log", map("add_item", map("format", "text"))))).get("message").asString())
                    .isEqualTo("Error: public_log: Missing mandatory entry: 'message'");
            assertThat(call(map("operation", "core/update", "comment", "c", "class", "UserRequest", "key", t,
                    "fields", map("public_log", map("other", 1)))).get("message").asString())
                    .isEqualTo("Error: public_log: Missing 'items' elements");
        }

        @Test
        void onlyAdministratorsSetTheUserIdOfACaseLogEntry() {
            long t = ticket("User id " + tag());
            Map<String, String> form = Map.of("auth_user", "cmanager", "auth_pwd", "Cmanager-pwd1", "json_data",
                    JSON.writeValueAsString(map("operation", "core/update", "comment", "c", "class", "UserRequest", "key", t,
                            "fields", map("public_log", map("add_item", map("message", "m", "user_id", 0))))));
            assertThat(post("1.3", form).body())
                    .isEqualTo("{\"code\":1,\"message\":\"Error: public_log: Only administrators can set the user id\"}");
        }

        @Test
        void attributesLockedByADataSourceAreRefusedUnlessUnchanged(@Autowired tributary.test.TestFieldLocks locks) {
            String title = "Locked " + tag();
            long t = ticket(title);
            locks.lock("UserRequest", t, "title", 4242, "hr-source");
            JsonNode refused = call(map("operation", "core/update", "comment", "c", "class", "UserRequest", "key", t,
                    "fields", map("title", "changed", "description", "also changed")));
            assertThat(refused.get("code").asInt()).isEqualTo(100);
            assertThat(refused.get("message").asString()).startsWith("Error: ").contains("The field Title (title) is not"
                    + " writable because it is mastered by the data synchronization. Value not set.");
            assertThat(objects.get("UserRequest", t).orElseThrow().getString("description")).isEqualTo("<p>Fixture description</p>");
            JsonNode unchanged = call(map("operation", "core/update", "comment", "c", "class", "UserRequest", "key", t,
                    "fields", map("title", title, "description", "new text")));
            assertThat(unchanged.get("code").asInt()).isZero();
        }
    }

    @Nested
    class Stimulus {

        @Test
        void case36InvalidStimulus() {
            long t = ticket("Case 36 " + tag());
            assertThat(call("{\"operation\":\"core/apply_stimulus\",\"comment\":\"c\",\"class\":\"UserRequest\",\"key\":" + t
                    + ",\"stimulus\":\"ev_nonexistent\",\"fields\":{}}").toString())
                    .isEqualTo("{\"code\":100,\"message\":\"Invalid stimulus: 'ev_nonexistent' on the object " + ref(t)
                            + " in state 'new'\",\"objects\":null}");
        }

        @Test
        void missingMandatoryAttributesOfTheTargetStateChangeNothing() {
            long t = ticket("Assign " + tag());
            assertThat(call(map("operation", "core/apply_stimulus", "comment", "c", "class", "UserRequest", "key", t,
                    "stimulus", "ev_assign", "fields", map("title", "changed"))).toString())
                    .isEqualTo("{\"code\":100,\"message\":\"Missing mandatory attribute(s) for applying the stimulus:"
                            + " team_id, agent_id.\",\"objects\":null}");
            assertThat(objects.get("UserRequest", t).orElseThrow().getString("status")).isEqualTo("new");
            assertThat(objects.get("UserRequest", t).orElseThrow().getString("title")).startsWith("Assign ");
        }

        @Test
        void aStimulusAppliesTheFieldsThenTheTransition() {
            long t2 = assignedTicket("Pending " + tag());
            JsonNode missing = call(map("operation", "core/apply_stimulus", "comment", "c", "class", "UserRequest",
                    "key", t2, "stimulus", "ev_pending", "fields", map()));
            assertThat(missing.get("message").asString())
                    .isEqualTo("Missing mandatory attribute(s) for applying the stimulus: pending_reason.");
            JsonNode done = call(map("operation", "core/apply_stimulus", "comment", "c", "class", "UserRequest",
                    "key", t2, "stimulus", "ev_pending", "output_fields", "status, pending_reason",
                    "fields", map("pending_reason", "waiting")));
            assertThat(done.get("objects").get("UserRequest::" + t2).get("message").asString()).isEqualTo("updated");
            assertThat(done.get("objects").get("UserRequest::" + t2).get("fields").toString())
                    .isEqualTo("{\"status\":\"pending\",\"pending_reason\":\"waiting\"}");
        }

        @Test
        void theStateCannotBeSetDirectly() {
            long t = ticket("State " + tag());
            JsonNode json = call(map("operation", "core/update", "comment", "c", "class", "UserRequest", "key", t,
                    "fields", map("status", "closed")));
            assertThat(json.get("code").asInt()).isEqualTo(100);
            assertThat(objects.get("UserRequest", t).orElseThrow().getString("status")).isEqualTo("new");
        }
    }

    @Nested
    class Delete {

        @Test
        void case38SimulateDeletesNothing() {
            long t = ticket("Case 38 " + tag());
            JsonNode json = call("{\"operation\":\"core/delete\",\"comment\":\"Cleanup\",\"class\":\"UserRequest\",\"key\":" + t
                    + ",\"simulate\":true}");
            assertThat(json.get("code").asInt()).isZero();
            assertThat(json.get("message").asString()).matches("SIMULATING: Deleted: 1( plus \\(for DB integrity\\) \\d+)?");
            JsonNode object = json.get("objects").get("UserRequest::" + t);
            assertThat(object.get("code").asInt()).isZero();
            assertThat(object.get("message").asString()).isEmpty();
            assertThat(object.get("fields").propertyNames()).containsExactly("id", "friendlyname");
            assertThat(objects.get("UserRequest", t)).isPresent();
        }

        @Test
        void case39DeleteThenGetFindsNothing() {
            long t = ticket("Case 39 " + tag());
            Reply reply = post("1.3", Map.of("auth_user", REST_USER, "auth_pwd", REST_PASSWORD, "json_data",
                    "{\"operation\":\"core/delete\",\"comment\":\"Cleanup\",\"class\":\"UserRequest\",\"key\":" + t
                            + ",\"simulate\":false}"));
            assertThat(reply.body()).contains("\"objects\":{\"UserRequest::" + t + "\"").contains("\"message\":\"Deleted: 1\"");
            assertThat(call("{\"operation\":\"core/get\",\"class\":\"UserRequest\",\"key\":" + t + "}").toString())
                    .isEqualTo("{\"code\":0,\"message\":\"Found: 0\",\"objects\":null}");
        }

        @Test
        void case40CommentIsMandatory() {
            assertThat(call("{\"operation\":\"core/delete\",\"class\":\"UserRequest\",\"key\":1}").get("message").asString())
                    .isEqualTo("Error: Missing parameter 'comment'");
        }

        @Test
        void simulateFollowsPhpTruthiness() {
            long t = ticket("Truthy " + tag());
            for (Object truthy : List.of("false", "yes", 1, "1", true)) {
                JsonNode json = call(map("operation", "core/delete", "comment", "c", "class", "UserRequest", "key", t,
                        "simulate", truthy));
                assertThat(json.get("message").asString()).as("simulate %s", truthy).startsWith("SIMULATING: ");
            }
            assertThat(objects.get("UserRequest", t)).isPresent();
            JsonNode json = call(map("operation", "core/delete", "comment", "c", "class", "UserRequest", "key", t,
                    "simulate", "0"));
            assertThat(json.get("message").asString()).isEqualTo("Deleted: 1");
        }

        @Test
        void aKeyMatchingNothingDeletesNothing() {
            assertThat(call("{\"operation\":\"core/delete\",\"comment\":\"c\",\"class\":\"UserRequest\",\"key\":99999999}")
                    .toString()).isEqualTo("{\"code\":0,\"message\":\"Deleted: 0\",\"objects\":null}");
        }

        @Test
        void dependantsWhoseKeyIsResetAreReportedWithCode5() {
            long caller = objects.create(setup, "Person", Map.of("name", "Caller " + tag(), "first_name", "C", "org_id", demoOrg)).id();
            long t = objects.create(setup, "UserRequest", Map.of("org_id", demoOrg, "title", "Reset " + tag(),
                    "description", "d", "caller_id", caller)).id();
            JsonNode json = call(map("operation", "core/delete", "comment", "c", "class", "Person", "key", caller));
            assertThat(json.get("message").asString()).isEqualTo("Deleted: 1 plus (for DB integrity) 1");
            assertThat(json.get("objects").get("Person::" + caller).get("code").asInt()).isZero();
            JsonNode reset = json.get("objects").get("UserRequest::" + t);
            assertThat(reset.get("code").asInt()).isEqualTo(5);
            assertThat(reset.get("message").asString()).isEqualTo("Reset external keys: Caller");
            assertThat(objects.get("UserRequest", t).orElseThrow().get("caller_id")).isNull();
        }

        @Test
        void aDeletionNeedingManualWorkIsUnsafeWhenSimulatedAndRefusedAtomicallyOtherwise() {
            String name = "Doomed " + tag();
            long org = objects.create(setup, "Organization", Map.of("name", name)).id();
            long person = objects.create(setup, "Person", Map.of("name", "Member " + tag(), "first_name", "M", "org_id", org)).id();
            long lonely = objects.create(setup, "Organization", Map.of("name", name + " lonely")).id();
            JsonNode simulated = call(map("operation", "core/delete", "comment", "c", "class", "Organization",
                    "key", "SELECT Organization WHERE name LIKE '" + name + "%'", "simulate", true));
            assertThat(simulated.get("code").asInt()).isEqualTo(12);
            assertThat(simulated.get("message").asString()).isEqualTo("SIMULATING: The deletion requires that other"
                    + " objects be deleted/updated, and those operations must be requested explicitely");
            assertThat(simulated.get("objects").get("Person::" + person).get("code").asInt()).isEqualTo(4);
            assertThat(simulated.get("objects").get("Person::" + person).get("message").asString())
                    .isEqualTo("Must be deleted explicitely");
            JsonNode refused = call(map("operation", "core/delete", "comment", "c", "class", "Organization",
                    "key", "SELECT Organization WHERE name LIKE '" + name + "%'"));
            assertThat(refused.get("code").asInt()).isEqualTo(100);
            assertThat(refused.get("message").asString()).startsWith("Error: Found issue(s): target_class = Person, target_id = "
                    + person + ", issues = ");
            assertThat(objects.get("Organization", lonely)).as("all or nothing").isPresent();
            assertThat(objects.get("Organization", org)).isPresent();
        }

        @Test
        void aReaderMayNotDelete() {
            long t = ticket("Reader delete " + tag());
            Map<String, String> form = Map.of("auth_user", "reader", "auth_pwd", "Reader-pwd1", "json_data",
                    "{\"operation\":\"core/delete\",\"comment\":\"c\",\"class\":\"UserRequest\",\"key\":" + t + "}");
            assertThat(post("1.3", form).body()).isEqualTo("{\"code\":1,\"message\":\"The current user does not have"
                    + " enough permissions for deleting data of class UserRequest\",\"objects\":null}");
            assertThat(objects.get("UserRequest", t)).isPresent();
        }
    }

    @Nested
    class Related {

        record ServerS(long server, long vm, long app) {
        }

        ServerS serverWithDependants() {
            String tag = tag();
            long server = objects.create(setup, "Server", Map.of("name", "S " + tag, "org_id", demoOrg)).id();
            long vm = objects.create(setup, "VirtualMachine", Map.of("name", "VM " + tag, "org_id", demoOrg,
                    "virtualhost_id", server)).id();
            long app = objects.create(setup, "ApplicationSolution", Map.of("name", "App " + tag, "org_id", demoOrg,
                    "functionalcis_list", List.of(Map.of("functionalci_id", server)))).id();
            return new ServerS(server, vm, app);
        }

        @Test
        void case41ImpactsDown() {
            ServerS s = serverWithDependants();
            JsonNode json = call("{\"operation\":\"core/get_related\",\"class\":\"Server\",\"key\":" + s.server()
                    + ",\"relation\":\"impacts\",\"depth\":4}");
            assertThat(json.get("code").asInt()).isZero();
            assertThat(json.propertyNames()).containsExactly("code", "message", "objects", "relations");
            assertThat(json.get("message").asString()).matches("^Scope: 1; Related objects: (\\w+= \\d+)(, \\w+= \\d+)*$");
            assertThat(json.get("objects").propertyNames()).containsExactlyInAnyOrder("Server::" + s.server(),
                    "VirtualMachine::" + s.vm(), "ApplicationSolution::" + s.app());
            assertThat(json.get("objects").get("VirtualMachine::" + s.vm()).get("fields").propertyNames())
                    .containsExactly("id", "friendlyname");
            List<String> targets = json.get("relations").get("Server::" + s.server()).valueStream()
                    .map(edge -> edge.get("key").asString()).toList();
            assertThat(targets).containsExactlyInAnyOrder("VirtualMachine::" + s.vm(), "ApplicationSolution::" + s.app());
        }

        @Test
        void impactsUpAndTheLegacyDependsOnRelation() {
            ServerS s = serverWithDependants();
            JsonNode up = call(map("operation", "core/get_related", "class", "VirtualMachine", "key", s.vm(),
                    "relation", "impacts", "direction", "up", "redundancy", true));
            assertThat(up.get("objects").propertyNames()).containsExactlyInAnyOrder("VirtualMachine::" + s.vm(),
                    "Server::" + s.server());
            assertThat(up.get("relations").get("Server::" + s.server()).get(0).get("key").asString())
                    .isEqualTo("VirtualMachine::" + s.vm());
            JsonNode legacy = call(map("operation", "core/get_related", "class", "VirtualMachine", "key", s.vm(),
                    "relation", "depends on"));
            assertThat(legacy.get("relations").get("VirtualMachine::" + s.vm()).get(0).get("key").asString())
                    .isEqualTo("Server::" + s.server());
        }

        @Test
        void depthLimitsTheWalk() {
            ServerS s = serverWithDependants();
            JsonNode json = call(map("operation", "core/get_related", "class", "Server", "key", s.server(),
                    "relation", "impacts", "depth", 0));
            assertThat(json.get("objects").propertyNames()).containsExactly("Server::" + s.server());
            assertThat(json.get("message").asString()).isEqualTo("Scope: 1; Related objects: Server= 1");
        }

        @Test
        void nothingFoundAndInvalidDirection() {
            assertThat(call(map("operation", "core/get_related", "class", "Server", "key", 99999999, "relation", "impacts"))
                    .toString()).isEqualTo("{\"code\":0,\"message\":\"Nothing found\",\"objects\":null,\"relations\":[]}");
            assertThat(call(map("operation", "core/get_related", "class", "Server", "key", 1, "relation", "impacts",
                    "direction", "sideways")).toString()).isEqualTo("{\"code\":100,\"message\":\"Invalid value: 'sideways'"
                    + " for the parameter 'direction'. Valid values are 'up' and 'down'\",\"objects\":null,\"relations\":[]}");
        }
    }

    @Nested
    class Credentials {

        @Test
        void case44CheckCredentials() {
            assertThat(call("{\"operation\":\"core/check_credentials\",\"user\":\"rest\",\"password\":\"Rest-pwd1\"}")
                    .toString()).isEqualTo("{\"code\":0,\"message\":null,\"authorized\":true}");
            assertThat(call("{\"operation\":\"core/check_credentials\",\"user\":\"rest\",\"password\":\"nope\"}")
                    .toString()).isEqualTo("{\"code\":0,\"message\":null,\"authorized\":false}");
            assertThat(call("{\"operation\":\"core/check_credentials\",\"password\":\"nope\"}").toString())
                    .isEqualTo("{\"code\":100,\"message\":\"Error: Missing parameter 'user'\"}");
        }
    }

    @Nested
    class ChangeHistory {

        @Test
        void historyOfAnObjectIsReadWithOql() {
            String name = "History " + tag();
            JsonNode created = call(map("operation", "core/create", "comment", "created by test", "class", "Organization",
                    "output_fields", "id", "fields", map("name", name, "code", "H1")));
            String id = created.get("objects").properties().iterator().next().getValue().get("key").asString();
            call(map("operation", "core/update", "comment", "renamed by test", "class", "Organization", "key", id,
                    "fields", map("code", "H2")));

            JsonNode ops = call(map("operation", "core/get", "class", "CMDBChangeOp",
                    "key", "SELECT CMDBChangeOp WHERE objclass = 'Organization' AND objkey = " + id,
                    "output_fields", "*+"));

            assertThat(ops.get("message").asString()).isEqualTo("Found: 2");
            List<JsonNode> entries = new java.util.ArrayList<>();
            ops.get("objects").forEach(entries::add);
            assertThat(entries).extracting(e -> e.get("class").asString())
                    .containsExactly("CMDBChangeOpCreate", "CMDBChangeOpSetAttributeScalar");
            JsonNode change = entries.get(1).get("fields");
            assertThat(change.get("attcode").asString()).isEqualTo("code");
            assertThat(change.get("oldvalue").asString()).isEqualTo("H1");
            assertThat(change.get("newvalue").asString()).isEqualTo("H2");
            assertThat(change.get("userinfo").asString()).isEqualTo("renamed by test");
            assertThat(change.get("date").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        }

        @Test
        void historyCannotBeWrittenThroughTheApi() {
            JsonNode json = call(map("operation", "core/create", "comment", "forge", "class", "CMDBChange",
                    "fields", map("userinfo", "forged", "origin", "webservice-rest")));
            assertThat(json.get("code").asInt()).isNotZero();
            assertThat(jdbc.queryForObject("select count(*) from cmdb.change where userinfo = 'forged'", Long.class)).isZero();
        }
    }
}
