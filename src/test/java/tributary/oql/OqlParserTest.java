package tributary.oql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.oql.ast.FunctionCall;
import tributary.oql.ast.ObjectQuery;
import tributary.oql.ast.OqlFunction;
import tributary.oql.ast.StringLiteral;
import tributary.oql.ast.UnionQuery;

class OqlParserTest {

    /** Section 6.4 examples (and the other queries valid against the test catalog), syntax only. */
    @ParameterizedTest
    @MethodSource("tributary.oql.OqlSamples#valid")
    void acceptsTheSampleQueries(String oql) {
        assertThat(OqlParser.parseQuery(oql)).isNotNull();
    }

    /** iTop's OQLTest good queries (syntax only, no data model). */
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT toto", "SELECT toto WHERE toto.a = 1", "SELECT toto WHERE toto.a = -1",
        "SELECT toto WHERE toto.a = (1-1)", "SELECT toto WHERE toto.a = (-1+3)", "SELECT toto WHERE toto.a = (3+-1)",
        "SELECT toto WHERE toto.a = (3--1)", "SELECT toto WHERE toto.a = 0xC", "SELECT toto WHERE toto.a = 'AXDVFS0xCZ32'",
        "SELECT toto WHERE toto.a = :myparameter", "SELECT toto WHERE toto.a IN (:param1)",
        "SELECT toto WHERE toto.a IN (:param1, :param2)", "SELECT toto WHERE toto.a=1", "SELECT toto WHERE toto.a = \"1\"",
        "SELECT toto WHERE toto.a & 1", "SELECT toto WHERE toto.a | 1", "SELECT toto WHERE toto.a ^ 1",
        "SELECT toto WHERE toto.a << 1", "SELECT toto WHERE toto.a >> 1",
        "SELECT toto WHERE toto.a NOT LIKE \"That's it\"", "SELECT toto WHERE toto.a NOT LIKE \"That's \\\"it\\\"\"",
        "SELECT toto WHERE toto.a NOT LIKE 'That\"s it'", "SELECT toto WHERE toto.a NOT LIKE 'That\\'s it'",
        "SELECT toto WHERE toto.a NOT LIKE \"blah \\\\ truc\"", "SELECT toto WHERE toto.a NOT LIKE 'blah \\\\ truc'",
        "SELECT toto WHERE toto.a NOT LIKE \"\\\\\"", "SELECT toto WHERE toto.a NOT LIKE \"\\\"\"",
        "SELECT toto WHERE toto.a NOT LIKE \"\\\"\\\\\"", "SELECT toto WHERE toto.a NOT LIKE \"\\\\\\\"\"",
        "SELECT toto WHERE toto.a NOT LIKE \"\"", "SELECT toto WHERE toto.a NOT LIKE \"blah\" AND toto.b LIKE \"foo\"",
        "SELECT toto WHERE toto.a = 1 AND toto.b LIKE \"x\" AND toto.f >= 12345",
        "SELECT Device JOIN Site ON Device.site = Site.id",
        "SELECT Device JOIN Site ON Device.site = Site.id JOIN Country ON Site.location = Country.id",
        "SELECT A JOIN B ON A.myB = B.id WHERE (A.col1 = 123 AND B.col1 = 'aa') OR (A.col3 = 'zzz' AND B.col4 > 100)",
        "SELECT A JOIN B ON A.myB = B.id WHERE A.col1 + B.col2 * B.col1 = A.col2",
        "SELECT A JOIN B ON A.myB = B.id WHERE (A.col1 & B.col2) = A.col2",
        "SELECT Device AS D_ JOIN Site AS S_ ON D_.site = S_.id WHERE S_.country = \"Francia\"",
        "SELECT A FROM A", "SELECT A,B FROM A JOIN B ON A.myB = B.id WHERE A.col1 = 2",
        "SELECT  A, B,C FROM A JOIN B ON A.myB = B.id",
        "SELECT A JOIN B ON A.myB BELOW B.id WHERE A.col1 = 2",
        "SELECT A JOIN B ON A.myB = B.id JOIN C ON C.parent_id BELOW STRICT B.id WHERE A.col1 = 2 AND B.id = 3",
        "SELECT A JOIN B ON A.myB = B.id JOIN C ON C.parent_id NOT BELOW STRICT B.id WHERE A.col1 = 2 AND B.id = 3",
        "SELECT A JOIN B ON A.b ABOVE B.id JOIN C ON C.p ABOVE STRICT B.id JOIN D ON D.p NOT ABOVE B.id JOIN E ON E.p NOT ABOVE STRICT B.id",
        "SELECT A UNION SELECT B", "SELECT A UNION SELECT B UNION SELECT C",
        "SELECT A UNION SELECT B UNION SELECT C UNION SELECT D",
        "SELECT Change AS ch WHERE ch.start_date >= '2009-12-31' AND ch.end_date <= '2010-01-01'",
        "SELECT UserRequest AS u WHERE u.close_date > DATE_ADD(u.start_date, INTERVAL 8 HOUR)",
        "SELECT Ticket WHERE tagfield MATCHES 'salad'",
        "SELECT Team WHERE id NOT IN (SELECT Team AS t JOIN lnkPersonToTeam AS l ON l.team_id=t.id WHERE 1)",
        "SELECT `UserRequest` FROM UserRequest AS `UserRequest` WHERE (`UserRequest`.`org_id` IN (SELECT `Organization` FROM Organization AS `Organization` WHERE `Organization`.`id`=`UserRequest`.`org_id`))",
        "SELECT Ticket AS T WHERE T. finalclass IN ('userrequest' , 'change') AND T.id  NOT IN (SELECT UserRequest AS Ur JOIN lnkFunctionalCIToTicket AS lnk ON lnk.ticket_id = Ur.id  UNION SELECT Change AS C JOIN lnkFunctionalCIToTicket AS lnk ON lnk.ticket_id = C.id)",
        "SELECT Person WHERE name = :current_contact->name",
        "SELECT X WHERE IF(a = 1, 'x', 'y') = ELT(2, 'a', 'b') AND COALESCE(a, b, NULL) AND CONCAT(a, '-', b) AND SUBSTR(a, 1, 2) AND TRIM(a)",
        "SELECT X WHERE DATE(d) AND DATE_FORMAT(d, '%Y') AND CURRENT_DATE() AND TIME(d) AND TO_DAYS(d) AND FROM_DAYS(1) AND YEAR(d) AND MONTH(d) AND DAY(d) AND HOUR(d) AND MINUTE(d) AND SECOND(d) AND ROUND(d, 2) AND FLOOR(d) AND INET_NTOA(3)",
        "SELECT X WHERE CONCAT(, 'a')",
        "SELECT SELECTED WHERE `SELECT` = 1 AND `my alias`.x = 2",
        "SELECT X WHERE\ta\n=\r\n1",
    })
    void acceptsValidQueries(String oql) {
        assertThat(OqlParser.parseQuery(oql)).isNotNull();
    }

    @Test
    void rejectsITopBadQueriesWithTheirExceptionClasses() {
        assertSyntax("SELECT toto WHERE toto.a = (3++1)", "OQLParserSyntaxErrorException");
        assertSyntax("SELECT toto WHHHERE toto.a = \"1\"", "OQLParserSyntaxErrorException");
        assertSyntax("SELECT toto WHERE toto.a == \"1\"", "OQLParserSyntaxErrorException");
        assertSyntax("SELECT toto WHERE toto.a % 1", "Exception");
        assertSyntax("SELECT toto WHERE toto.a like 'arg'", "OQLParserSyntaxErrorException");
        assertSyntax("SELECT toto WHERE toto.a NOT LIKE \"That's \"it\"\"", "OQLParserSyntaxErrorException");
        assertSyntax("SELECT toto WHERE toto.a NOT LIKE 'That's it'", "OQLParserSyntaxErrorException");
        assertSyntax("SELECT toto WHERE toto.a NOT LIKE \"blah \\ truc\"", "Exception");
        assertSyntax("SELECT toto WHERE toto.a NOT LIKE 'blah \\ truc'", "Exception");
        assertSyntax("SELECT A JOIN B ON A.myB = B.id JOIN C ON C.parent_id = B.id WHERE A.col1 BELOW 2 AND B.id = 3",
            "OQLParserSyntaxErrorException");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "SELECT", "SELECT A WHERE", "SELECT A AS", "SELECT a, b WHERE x = 1", "SELECT A JOIN B",
        "SELECT A JOIN B ON A.x", "SELECT A JOIN B ON A.x LIKE B.id", "SELECT A WHERE a IN ()",
        "SELECT A WHERE a NOT  IN (1)", "SELECT A WHERE a = 1 BETWEEN 2", "SELECT A WHERE NOT a = 1",
        "SELECT A WHERE a IS NULL", "SELECT A WHERE a = - b", "SELECT A WHERE a = -0x1",
        "SELECT A ORDER BY a", "SELECT A LIMIT 1", "select A", "SELECT A where a = 1", "SELECT A WHERE a = 1;",
        "SELECT A WHERE DATE_ADD(d, INTERVAL 1 WEEK)", "SELECT A WHERE NOW(,)", "SELECT A WHERE NOW(,,1)",
        "SELECT A WHERE a = :", "SELECT A WHERE a = 'unterminated", "SELECT A WHERE a = ``", "SELECT A WHERE a != != 1",
        "SELECT A UNION", "SELECT A UNION B", "(SELECT A)", "SELECT A WHERE a IN (SELECT B",
        "SELECT A WHERE a = 1 -- comment", "SELECT A /* c */", "SELECT A WHERE a = $$x$$", "SELECT A WHERE a = 1e5",
        "SELECT A WHERE a = 1.5", "SELECT A WHERE a = 'x' \"y\"", "SELECT A WHERE a = 'é' AND é = 1",
    })
    void rejectsMalformedQueriesWithAnOqlException(String oql) {
        OqlException error = catchThrowableOfType(OqlException.class, () -> OqlParser.parseQuery(oql));
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).isNotBlank();
    }

    @Test
    void syntaxErrorNamesTheTokenAndItsColumn() {
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT toto WHHHERE toto.a = \"1\""))
            .hasMessage("Unexpected token NAME - found 'WHHHERE' at 12 in 'SELECT toto WHHHERE toto.a = \"1\"'");
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT toto WHERE toto.a = (3++1)"))
            .hasMessage("Unexpected token MATH_PLUS - found '+' at 30 in 'SELECT toto WHERE toto.a = (3++1)'");
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT toto WHERE toto.a == \"1\""))
            .hasMessage("Unexpected token EQ - found '=' at 26 in 'SELECT toto WHERE toto.a == \"1\"'");
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT toto WHERE toto.a like 'arg'"))
            .hasMessage("Unexpected token NAME - found 'like' at 25 in 'SELECT toto WHERE toto.a like 'arg''");
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT toto WHERE toto.a NOT LIKE 'That's it'"))
            .hasMessage("Unexpected token NAME - found 's' at 40 in 'SELECT toto WHERE toto.a NOT LIKE 'That's it''");
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT A JOIN B ON A.b = B.id WHERE A.col1 BELOW 2"))
            .hasMessage("Unexpected token BELOW - found 'BELOW' at 43 in 'SELECT A JOIN B ON A.b = B.id WHERE A.col1 BELOW 2'");
    }

    @Test
    void endOfInputIsReportedAsITopDoes() {
        // iTop's parser receives the end marker with value 0 at position 0
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT Person WHERE"))
            .isInstanceOf(OqlSyntaxException.class)
            .hasMessage("Unexpected token End of Input - found '0' at 0 in 'SELECT Person WHERE'");
    }

    @Test
    void columnsAreCountedInBytes() {
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT A WHERE a = 'é' b"))
            .hasMessage("Unexpected token NAME - found 'b' at 24 in 'SELECT A WHERE a = 'é' b'");
    }

    @Test
    void lexicalErrorsReproduceITopsPlainException() {
        OqlException error = catchThrowableOfType(OqlException.class,
            () -> OqlParser.parseQuery("SELECT toto WHERE toto.a % 1"));
        assertThat(error).isInstanceOf(OqlLexerException.class);
        assertThat(error.itopExceptionClass()).isEqualTo("Exception");
        assertThat(error.getMessage()).isEqualTo("Unexpected input at line 1: %");
        assertThat(error.column()).isEqualTo(25);
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT A\nWHERE a = 1 ; b"))
            .hasMessage("Unexpected input at line 2: ;");
    }

    @Test
    void bareConditionIsNotAQuery() {
        OqlException error = catchThrowableOfType(OqlException.class, () -> OqlParser.parseQuery("name = 'x'"));
        assertThat(error.itopExceptionClass()).isEqualTo("OQLException");
        assertThat(error.getMessage()).isEqualTo("Expecting an OQL query - found 'BinaryOqlExpression' at 0 in 'name = 'x''");
        assertThat(OqlParser.parseExpression("name = 'x'")).isNotNull();
        assertThatThrownBy(() -> OqlParser.parseExpression("SELECT A")).hasMessageStartingWith("Expecting an OQL expression");
    }

    @Test
    void plusAndMinusShareTheComparisonLevel() {
        assertThat(condition("SELECT A WHERE a + 1 = 3")).isEqualTo("((a + 1) = 3)");
        assertThat(condition("SELECT A WHERE a = 1 + 1")).isEqualTo("((a = 1) + 1)");
        assertThat(condition("SELECT A WHERE a = 1 - 1")).isEqualTo("((a = 1) - 1)");
        assertThat(condition("SELECT A WHERE a = 3--1")).isEqualTo("((a = 3) - -1)");
        assertThat(condition("SELECT A WHERE a = b * 2 + c")).isEqualTo("((a = (b * 2)) + c)");
        assertThat(condition("SELECT A WHERE a LIKE 'x' = 1")).isEqualTo("((a LIKE 'x') = 1)");
    }

    @Test
    void logicalAndBitwiseLevels() {
        assertThat(condition("SELECT A WHERE a = 1 OR b = 2 AND c = 3")).isEqualTo("((a = 1) OR ((b = 2) AND (c = 3)))");
        assertThat(condition("SELECT A WHERE a = 1 AND b = 2 OR c = 3")).isEqualTo("(((a = 1) AND (b = 2)) OR (c = 3))");
        assertThat(condition("SELECT A WHERE a | b & c ^ d")).isEqualTo("((a | (b & c)) ^ d)");
        assertThat(condition("SELECT A WHERE a << 1 = b >> 2 * 3")).isEqualTo("((a << 1) = ((b >> 2) * 3))");
        assertThat(condition("SELECT A WHERE a - b - c")).isEqualTo("((a - b) - c)");
    }

    @Test
    void inBindsTighterThanEverythingElse() {
        assertThat(condition("SELECT A WHERE a = b IN (1, 2)")).isEqualTo("(a = (b IN [1, 2]))");
        assertThat(condition("SELECT A WHERE a IN (1) NOT IN (0)")).isEqualTo("((a IN [1]) NOT IN [0])");
        assertThat(condition("SELECT A WHERE a IN (1 + 1, b = 2)")).isEqualTo("(a IN [(1 + 1), (b = 2)])");
        assertThat(condition("SELECT A WHERE a NOT IN (SELECT B WHERE x = 1 UNION SELECT C)"))
            .isEqualTo("(a NOT IN {SELECT B FROM B AS B WHERE (x = 1) UNION SELECT C FROM C AS C})");
    }

    @Test
    void keywordsAreCaseSensitiveAndNeedExactlyOneSpace() {
        assertThat(condition("SELECT A WHERE a NOT IN (1)")).isEqualTo("(a NOT IN [1])");
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT A WHERE a NOT  IN (1)"))
            .hasMessageStartingWith("Unexpected token NAME - found 'NOT'");
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT A WHERE a not in (1)"))
            .hasMessageStartingWith("Unexpected token NAME - found 'not'");
        // longest match: SELECTED, INx and NULLx are names
        assertThat(condition("SELECT A WHERE SELECTED = INx AND NULLx = NULL")).isEqualTo("((SELECTED = INx) AND (NULLx = NULL))");
    }

    @Test
    void hexNeedsADigitAfterThePrefix() {
        assertThatThrownBy(() -> OqlParser.parseQuery("SELECT A WHERE b = 0xg"))
            .hasMessage("Unexpected token NAME - found 'xg' at 20 in 'SELECT A WHERE b = 0xg'");
    }

    @Test
    void hexIsKeptAsTextAndParametersKeepTheirAttcode() {
        assertThat(condition("SELECT A WHERE a = 0xC")).isEqualTo("(a = 0xC)");
        assertThat(condition("SELECT A WHERE a = :current_contact->org_id")).isEqualTo("(a = :current_contact->org_id)");
        assertThat(condition("SELECT A WHERE a = 99999999999999999999999")).isEqualTo("(a = 99999999999999999999999)");
        ObjectQuery query = (ObjectQuery) OqlParser.parseQuery("SELECT A WHERE a = 'It\\'s \\\\ \"ok\"'");
        assertThat(((tributary.oql.ast.BinaryExpression) query.condition()).right())
            .isEqualTo(new StringLiteral("It's \\ \"ok\""));
    }

    @Test
    void functionsTakeIntervalsAndALeadingComma() {
        ObjectQuery query = (ObjectQuery) OqlParser.parseQuery("SELECT A WHERE DATE_SUB(NOW(), INTERVAL 60 MINUTE)");
        FunctionCall call = (FunctionCall) query.condition();
        assertThat(call.function()).isEqualTo(OqlFunction.DATE_SUB);
        assertThat(OqlPrinter.print(call)).isEqualTo("DATE_SUB(NOW(), INTERVAL 60 MINUTE)");
        assertThat(condition("SELECT A WHERE CONCAT(, 'a', b)")).isEqualTo("CONCAT('a', b)");
        assertThat(condition("SELECT A WHERE DAY(d) = DATE_ADD(d, INTERVAL 1 + 1 DAY)"))
            .isEqualTo("(DAY(d) = DATE_ADD(d, INTERVAL (1 + 1) DAY))");
    }

    @Test
    void queryShapes() {
        assertThat(OqlPrinter.print(OqlParser.parseQuery("SELECT Person AS p JOIN Organization AS o ON p.org_id = o.id")))
            .isEqualTo("SELECT p FROM Person AS p JOIN Organization AS o ON p.org_id = o.id");
        assertThat(OqlPrinter.print(OqlParser.parseQuery("SELECT l, p FROM Person AS p JOIN Location AS l ON p.location_id = l.id")))
            .isEqualTo("SELECT l, p FROM Person AS p JOIN Location AS l ON p.location_id = l.id");
        assertThat(OqlPrinter.print(OqlParser.parseQuery("SELECT `my alias` FROM `Person` AS `my alias`")))
            .isEqualTo("SELECT my alias FROM Person AS my alias");
        assertThat(OqlParser.parseQuery("SELECT A UNION SELECT B UNION SELECT C"))
            .isInstanceOfSatisfying(UnionQuery.class, union -> assertThat(union.members()).hasSize(3));
    }

    @Test
    void longUnionChainsParse() {
        String oql = "SELECT Organization WHERE 1" + " UNION SELECT Organization WHERE 1".repeat(497);
        assertThat(((UnionQuery) OqlParser.parseQuery(oql)).members()).hasSize(498);
    }

    @Test
    void excessiveNestingIsAnOqlErrorNotAStackOverflow() {
        String deep = "SELECT A WHERE " + "(".repeat(5000) + "1" + ")".repeat(5000);
        assertThatThrownBy(() -> OqlParser.parseQuery(deep)).isInstanceOf(OqlStackOverflowException.class)
            .hasMessageStartingWith("Stack overflow - found ''");
        String chain = "SELECT A WHERE a = 1" + " OR a = 1".repeat(5000);
        assertThatThrownBy(() -> OqlParser.parseQuery(chain)).isInstanceOf(OqlStackOverflowException.class);
        String fine = "SELECT A WHERE " + "(".repeat(140) + "1" + ")".repeat(140) + " OR a = 1".repeat(390);
        assertThat(OqlParser.parseQuery(fine)).isNotNull();
    }

    private static void assertSyntax(String oql, String itopClass) {
        OqlException error = catchThrowableOfType(OqlException.class, () -> OqlParser.parseQuery(oql));
        assertThat(error).as(oql).isNotNull();
        assertThat(error.itopExceptionClass()).as(oql).isEqualTo(itopClass);
    }

    private static String condition(String oql) {
        ObjectQuery query = (ObjectQuery) OqlParser.parseQuery(oql);
        return query.condition() == null ? null : OqlPrinter.print(query.condition());
    }
}
