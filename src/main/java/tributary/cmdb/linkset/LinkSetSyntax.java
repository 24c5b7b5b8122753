package tributary.cmdb.linkset;

/**
 * Separators of the text syntax of link sets. Links are separated by {@code rowSeparator}, the
 * {@code attcode<valueSeparator>value} pairs of one link by {@code attributeSeparator}; a pair enclosed in
 * {@code qualifier} may contain separators (a doubled qualifier inside stands for itself). The attribute separator
 * and the qualifier are single characters, as iTop's CSV parser compares them character by character.
 *
 * @param rowSeparator       between links ({@code |}); a line break separates links too
 * @param attributeSeparator between the pairs of one link ({@code ;})
 * @param valueSeparator     between an attribute code and its value ({@code :})
 * @param qualifier          encloses a pair ({@code '})
 */
public record LinkSetSyntax(String rowSeparator, String attributeSeparator, String valueSeparator, String qualifier) {

    /** iTop's defaults ({@code link_set_item_separator} etc.): {@code |}, {@code ;}, {@code :}, {@code '}. */
    public static final LinkSetSyntax ITOP_DEFAULT = new LinkSetSyntax("|", ";", ":", "'");

    public LinkSetSyntax {
        requireNonEmpty(rowSeparator, "row separator");
        requireNonEmpty(valueSeparator, "value separator");
        requireOneCharacter(attributeSeparator, "attribute separator");
        requireOneCharacter(qualifier, "attribute qualifier");
        if (attributeSeparator.equals(qualifier) || rowSeparator.contains(qualifier)
                || rowSeparator.contains(attributeSeparator) || valueSeparator.contains(attributeSeparator)
                || valueSeparator.contains(qualifier) || rowSeparator.equals(valueSeparator)) {
            throw new IllegalArgumentException("link set separators and qualifier must differ: " + rowSeparator + " "
                    + attributeSeparator + " " + valueSeparator + " " + qualifier);
        }
    }

    /**
     * A syntax whose null or empty parts fall back to iTop's defaults, as a data source's
     * {@code SynchroAttLinkSet} settings fall back to the global configuration.
     */
    public static LinkSetSyntax withDefaults(String rowSeparator, String attributeSeparator, String valueSeparator,
                                             String qualifier) {
        return new LinkSetSyntax(orDefault(rowSeparator, ITOP_DEFAULT.rowSeparator),
                orDefault(attributeSeparator, ITOP_DEFAULT.attributeSeparator),
                orDefault(valueSeparator, ITOP_DEFAULT.valueSeparator), orDefault(qualifier, ITOP_DEFAULT.qualifier));
    }

    char attributeSeparatorChar() {
        return attributeSeparator.charAt(0);
    }

    char qualifierChar() {
        return qualifier.charAt(0);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static void requireNonEmpty(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the link set " + what + " must not be empty");
        }
    }

    private static void requireOneCharacter(String value, String what) {
        if (value == null || value.length() != 1) {
            throw new IllegalArgumentException("the link set " + what + " must be one character, got '" + value + "'");
        }
    }
}
