package tributary.oql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tributary.oql.ast.BinaryExpression;
import tributary.oql.ast.BinaryOperator;
import tributary.oql.ast.FieldRef;
import tributary.oql.ast.FunctionCall;
import tributary.oql.ast.HexLiteral;
import tributary.oql.ast.InList;
import tributary.oql.ast.InQuery;
import tributary.oql.ast.IntegerLiteral;
import tributary.oql.ast.Interval;
import tributary.oql.ast.IntervalUnit;
import tributary.oql.ast.Join;
import tributary.oql.ast.JoinOperator;
import tributary.oql.ast.NullLiteral;
import tributary.oql.ast.ObjectQuery;
import tributary.oql.ast.OqlExpression;
import tributary.oql.ast.OqlFunction;
import tributary.oql.ast.OqlName;
import tributary.oql.ast.OqlQuery;
import tributary.oql.ast.Parameter;
import tributary.oql.ast.StringLiteral;
import tributary.oql.ast.UnionQuery;

/**
 * Recursive-descent parser for OQL, accepting exactly the language of iTop's LALR grammar (section 6.2 of
 * the services spec). Both parsers stop at the first token that cannot extend a valid prefix, so syntax
 * errors name the same token and column as iTop.
 */
public final class OqlParser {

    /**
     * Deepest expression tree accepted, and deepest nesting of parentheses, function calls and sub-queries
     * (each level costs several parser frames). Both keep the recursive parser, validator and translator
     * well within a 512 KB thread stack; real queries stay far below.
     */
    static final int MAX_DEPTH = 400;
    static final int MAX_NESTING = 150;

    private static final Map<TokenType, BinaryOperator> LEVEL4 = operators(
        TokenType.LOG_OR, BinaryOperator.OR, TokenType.BITWISE_OR, BinaryOperator.BITWISE_OR,
        TokenType.BITWISE_XOR, BinaryOperator.BITWISE_XOR);
    private static final Map<TokenType, BinaryOperator> LEVEL3 = operators(
        TokenType.LOG_AND, BinaryOperator.AND, TokenType.BITWISE_AND, BinaryOperator.BITWISE_AND);
    private static final Map<TokenType, BinaryOperator> LEVEL2 = operators(
        TokenType.EQ, BinaryOperator.EQ, TokenType.NOT_EQ, BinaryOperator.NOT_EQ, TokenType.LT, BinaryOperator.LT,
        TokenType.GT, BinaryOperator.GT, TokenType.LE, BinaryOperator.LE, TokenType.GE, BinaryOperator.GE,
        TokenType.MATH_PLUS, BinaryOperator.PLUS, TokenType.MATH_MINUS, BinaryOperator.MINUS,
        TokenType.LIKE, BinaryOperator.LIKE, TokenType.NOT_LIKE, BinaryOperator.NOT_LIKE,
        TokenType.REGEXP, BinaryOperator.REGEXP, TokenType.MATCHES, BinaryOperator.MATCHES);
    private static final Map<TokenType, BinaryOperator> LEVEL1 = operators(
        TokenType.MATH_MULT, BinaryOperator.MULTIPLY, TokenType.MATH_DIV, BinaryOperator.DIVIDE,
        TokenType.BITWISE_LEFT_SHIFT, BinaryOperator.SHIFT_LEFT, TokenType.BITWISE_RIGHT_SHIFT,
        BinaryOperator.SHIFT_RIGHT);
    private static final Map<TokenType, JoinOperator> JOIN_OPERATORS = new EnumMap<>(Map.of(
        TokenType.EQ, JoinOperator.EQUALS, TokenType.BELOW, JoinOperator.BELOW,
        TokenType.BELOW_STRICT, JoinOperator.BELOW_STRICT, TokenType.NOT_BELOW, JoinOperator.NOT_BELOW,
        TokenType.NOT_BELOW_STRICT, JoinOperator.NOT_BELOW_STRICT, TokenType.ABOVE, JoinOperator.ABOVE,
        TokenType.ABOVE_STRICT, JoinOperator.ABOVE_STRICT, TokenType.NOT_ABOVE, JoinOperator.NOT_ABOVE,
        TokenType.NOT_ABOVE_STRICT, JoinOperator.NOT_ABOVE_STRICT));
    private static final Map<TokenType, IntervalUnit> UNITS = new EnumMap<>(Map.of(
        TokenType.F_SECOND, IntervalUnit.SECOND, TokenType.F_MINUTE, IntervalUnit.MINUTE,
        TokenType.F_HOUR, IntervalUnit.HOUR, TokenType.F_DAY, IntervalUnit.DAY,
        TokenType.F_MONTH, IntervalUnit.MONTH, TokenType.F_YEAR, IntervalUnit.YEAR));

    private final String source;
    private final OqlLexer lexer;
    /** Tokens read so far: iTop lexes on demand, so a syntax error wins over a lexical error further on. */
    private final List<Token> tokens = new ArrayList<>();
    private int index;
    /** Depth of every expression built so far, to bound left-deep chains as well as nesting. */
    private final Map<OqlExpression, Integer> depths = new IdentityHashMap<>();
    private int nesting;

    private OqlParser(String source) {
        this.source = source;
        this.lexer = new OqlLexer(source);
    }

    /**
     * Parses a whole query ({@code SELECT ...} or a union).
     *
     * @throws OqlException for lexical or syntax errors, and {@code Expecting an OQL query} when the input is
     *                      a bare condition
     */
    public static OqlQuery parseQuery(String oql) {
        Object result = new OqlParser(oql).parseResult();
        if (result instanceof OqlQuery query) {
            return query;
        }
        throw new OqlException("Expecting an OQL query", oql, 0, itopClassName((OqlExpression) result), null);
    }

    /**
     * Parses a bare condition or value expression (what iTop's {@code Expression::FromOQL} accepts).
     *
     * @throws OqlException for lexical or syntax errors, and {@code Expecting an OQL expression} for a query
     */
    public static OqlExpression parseExpression(String oql) {
        Object result = new OqlParser(oql).parseResult();
        if (result instanceof OqlExpression expression) {
            return expression;
        }
        String found = result instanceof UnionQuery ? "OqlUnionQuery" : "OqlObjectQuery";
        throw new OqlException("Expecting an OQL expression", oql, 0, found, List.of("Expression"));
    }

    private Object parseResult() {
        Object result = peek().type() == TokenType.SELECT ? parseQueryOrUnion() : parseExpression();
        expect(TokenType.END);
        return result;
    }

    private OqlQuery parseQueryOrUnion() {
        List<ObjectQuery> members = new ArrayList<>();
        members.add(parseObjectQuery());
        while (peek().type() == TokenType.UNION) {
            index++;
            members.add(parseObjectQuery());
        }
        return members.size() == 1 ? members.get(0) : new UnionQuery(members);
    }

    private ObjectQuery parseObjectQuery() {
        expect(TokenType.SELECT);
        OqlName first = expectName();
        List<OqlName> selected = new ArrayList<>();
        OqlName className;
        OqlName alias;
        if (peek().type() == TokenType.COMA || peek().type() == TokenType.FROM) {
            selected.add(first);
            while (peek().type() == TokenType.COMA) {
                index++;
                selected.add(expectName());
            }
            expect(TokenType.FROM);
            className = expectName();
            alias = optionalAlias(className);
        } else {
            className = first;
            alias = optionalAlias(className);
            selected.add(alias);
        }
        List<Join> joins = new ArrayList<>();
        while (peek().type() == TokenType.JOIN) {
            joins.add(parseJoin());
        }
        OqlExpression condition = null;
        if (peek().type() == TokenType.WHERE) {
            index++;
            condition = parseExpression();
        }
        return new ObjectQuery(className, alias, selected, joins, condition);
    }

    private OqlName optionalAlias(OqlName className) {
        if (peek().type() == TokenType.AS_ALIAS) {
            index++;
            return expectName();
        }
        return className;
    }

    private Join parseJoin() {
        expect(TokenType.JOIN);
        OqlName className = expectName();
        OqlName alias = optionalAlias(className);
        expect(TokenType.ON);
        FieldRef left = parseField();
        JoinOperator operator = JOIN_OPERATORS.get(peek().type());
        if (operator == null) {
            throw unexpected();
        }
        index++;
        FieldRef right = parseField();
        return new Join(className, alias, left, operator, right);
    }

    private FieldRef parseField() {
        OqlName first = expectName();
        if (peek().type() == TokenType.DOT) {
            index++;
            return new FieldRef(first, expectName());
        }
        return new FieldRef(null, first);
    }

    private OqlExpression parseExpression() {
        if (++nesting > MAX_NESTING) {
            throw new OqlStackOverflowException(source, peek());
        }
        try {
            return parseLevel(4);
        } finally {
            nesting--;
        }
    }

    /** Left-associative binary levels 4 (OR) down to 1 (multiplication); level 0 is {@link #parseBasic()}. */
    private OqlExpression parseLevel(int level) {
        if (level == 0) {
            return parseBasic();
        }
        Map<TokenType, BinaryOperator> operators = switch (level) {
            case 4 -> LEVEL4;
            case 3 -> LEVEL3;
            case 2 -> LEVEL2;
            default -> LEVEL1;
        };
        OqlExpression left = parseLevel(level - 1);
        BinaryOperator operator;
        while ((operator = operators.get(peek().type())) != null) {
            Token operatorToken = next();
            OqlExpression right = parseLevel(level - 1);
            left = track(new BinaryExpression(operator, left, right), operatorToken, left, right);
        }
        return left;
    }

    private OqlExpression parseBasic() {
        OqlExpression expression = parsePrimary();
        while (peek().type() == TokenType.IN || peek().type() == TokenType.NOT_IN) {
            Token operator = next();
            expression = parseList(expression, operator);
        }
        return expression;
    }

    private OqlExpression parseList(OqlExpression left, Token operator) {
        boolean negated = operator.type() == TokenType.NOT_IN;
        expect(TokenType.PAR_OPEN);
        if (peek().type() == TokenType.SELECT) {
            if (++nesting > MAX_NESTING) {
                throw new OqlStackOverflowException(source, peek());
            }
            OqlQuery query = parseQueryOrUnion();
            nesting--;
            expect(TokenType.PAR_CLOSE);
            // a sub-query counts as deep as the deepest condition it holds
            return track(new InQuery(left, negated, query), operator, left, subQueryDepth(query));
        }
        List<OqlExpression> items = new ArrayList<>();
        items.add(parseExpression());
        while (peek().type() == TokenType.COMA) {
            index++;
            items.add(parseExpression());
        }
        expect(TokenType.PAR_CLOSE);
        List<OqlExpression> children = new ArrayList<>(items);
        children.add(left);
        return track(new InList(left, negated, items), operator, children.toArray(OqlExpression[]::new));
    }

    private OqlExpression parsePrimary() {
        Token token = peek();
        if (token.type() == TokenType.NAME) {
            return parseField();
        }
        if (token.type() != TokenType.PAR_OPEN && token.type() != TokenType.MATH_MINUS && !token.type().isFunctionName()
            && token.type() != TokenType.NUMVAL && token.type() != TokenType.HEXVAL && token.type() != TokenType.STRVAL
            && token.type() != TokenType.NULL_VAL && token.type() != TokenType.VARNAME) {
            throw unexpected();
        }
        index++;
        switch (token.type()) {
            case NUMVAL:
                return new IntegerLiteral(new BigInteger(token.text()));
            case MATH_MINUS:
                Token number = next();
                if (number.type() != TokenType.NUMVAL) {
                    throw new OqlSyntaxException(source, number);
                }
                return new IntegerLiteral(new BigInteger(number.text()).negate());
            case HEXVAL:
                return new HexLiteral(token.text());
            case STRVAL:
                return new StringLiteral(unescape(token.text()));
            case NULL_VAL:
                return new NullLiteral();
            case VARNAME:
                return new Parameter(token.text().substring(1), token.column());
            case PAR_OPEN:
                OqlExpression inner = parseExpression();
                expect(TokenType.PAR_CLOSE);
                return inner;
            default:
                return parseFunction(token);
        }
    }

    private OqlExpression parseFunction(Token name) {
        OqlFunction function = OqlFunction.valueOf(name.type().name().substring(2));
        expect(TokenType.PAR_OPEN);
        List<OqlExpression> arguments = new ArrayList<>();
        // iTop's grammar lets the argument list start with a comma: arg_list ::= arg_list COMA argument, arg_list ::= .
        if (peek().type() != TokenType.PAR_CLOSE && peek().type() != TokenType.COMA) {
            arguments.add(parseArgument());
        }
        while (peek().type() == TokenType.COMA) {
            index++;
            arguments.add(parseArgument());
        }
        expect(TokenType.PAR_CLOSE);
        return track(new FunctionCall(function, arguments, name.column()), name,
            arguments.toArray(OqlExpression[]::new));
    }

    private OqlExpression parseArgument() {
        if (peek().type() != TokenType.INTERVAL) {
            return parseExpression();
        }
        Token interval = next();
        OqlExpression amount = parseExpression();
        IntervalUnit unit = UNITS.get(peek().type());
        if (unit == null) {
            throw unexpected();
        }
        index++;
        return track(new Interval(amount, unit), interval, amount);
    }

    private OqlExpression track(OqlExpression node, Token at, OqlExpression... children) {
        int depth = 0;
        for (OqlExpression child : children) {
            depth = Math.max(depth, depths.getOrDefault(child, 0));
        }
        return track(node, at, depth);
    }

    private OqlExpression track(OqlExpression node, Token at, OqlExpression left, int otherDepth) {
        return track(node, at, Math.max(depths.getOrDefault(left, 0), otherDepth));
    }

    private OqlExpression track(OqlExpression node, Token at, int childDepth) {
        if (childDepth + 1 > MAX_DEPTH) {
            throw new OqlStackOverflowException(source, at);
        }
        depths.put(node, childDepth + 1);
        return node;
    }

    private int subQueryDepth(OqlQuery query) {
        List<ObjectQuery> members = query instanceof UnionQuery union ? union.members() : List.of((ObjectQuery) query);
        int depth = 0;
        for (ObjectQuery member : members) {
            if (member.condition() != null) {
                depth = Math.max(depth, depths.getOrDefault(member.condition(), 0));
            }
        }
        return depth;
    }

    private OqlName expectName() {
        Token token = peek();
        if (token.type() != TokenType.NAME) {
            throw unexpected();
        }
        index++;
        String text = token.text();
        String value = text.startsWith("`") ? text.substring(1, text.length() - 1) : text;
        return new OqlName(value, token.column());
    }

    private void expect(TokenType type) {
        if (peek().type() != type) {
            throw unexpected();
        }
        index++;
    }

    private Token peek() {
        while (tokens.size() <= index) {
            tokens.add(lexer.next());
        }
        return tokens.get(index);
    }

    private Token next() {
        Token token = peek();
        if (token.type() != TokenType.END) {
            index++;
        }
        return token;
    }

    private OqlSyntaxException unexpected() {
        return new OqlSyntaxException(source, peek());
    }

    /** Removes the quotes and resolves the escapes (PHP's stripslashes on what the lexer let through). */
    private static String unescape(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder result = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                c = body.charAt(++i);
            }
            result.append(c);
        }
        return result.toString();
    }

    /** The PHP class iTop would name in {@code Expecting an OQL query - found '<class>'}. */
    private static String itopClassName(OqlExpression expression) {
        if (expression instanceof BinaryExpression binary) {
            return binary.operator() == BinaryOperator.MATCHES ? "MatchOqlExpression" : "BinaryOqlExpression";
        }
        if (expression instanceof InList || expression instanceof InQuery) {
            return "BinaryOqlExpression";
        }
        if (expression instanceof FieldRef) {
            return "FieldOqlExpression";
        }
        if (expression instanceof Parameter) {
            return "VariableOqlExpression";
        }
        if (expression instanceof FunctionCall) {
            return "FunctionOqlExpression";
        }
        return "ScalarOqlExpression";
    }

    private static <V> Map<TokenType, V> operators(Object... pairs) {
        Map<TokenType, V> map = new EnumMap<>(TokenType.class);
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) pairs[i + 1];
            map.put((TokenType) pairs[i], value);
        }
        return map;
    }
}
