package tributary.oql.ast;

import java.util.List;

/**
 * A call of one of the OQL functions.
 *
 * @param function  which function
 * @param arguments the arguments (an {@link Interval} only for date arithmetic)
 * @param column    position of the function name
 */
public record FunctionCall(OqlFunction function, List<OqlExpression> arguments, int column) implements OqlExpression {

    /** Copies the list so the node stays immutable. */
    public FunctionCall {
        arguments = List.copyOf(arguments);
    }
}
