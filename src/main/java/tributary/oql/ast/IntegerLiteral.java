package tributary.oql.ast;

import java.math.BigInteger;

/**
 * An integer literal, possibly written {@code - 12}.
 *
 * @param value the value (unbounded: the translator decides how to bind it)
 */
public record IntegerLiteral(BigInteger value) implements OqlExpression {
}
