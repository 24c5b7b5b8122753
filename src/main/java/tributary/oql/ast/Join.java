package tributary.oql.ast;

/**
 * {@code JOIN <className> AS <alias> ON <left> <operator> <right>}.
 *
 * @param className the joined class
 * @param alias     its alias; the class name when there is no {@code AS}
 * @param left      should be an external key of one alias
 * @param operator  {@code =} or a tree operator
 * @param right     should be the {@code id} of the other alias
 */
public record Join(OqlName className, OqlName alias, FieldRef left, JoinOperator operator, FieldRef right) {
}
