package tributary.rest;

/**
 * A verb offered by a {@link RestServiceProvider} for some version.
 *
 * @param verb        the operation name ({@code core/get})
 * @param description what it does, listed by {@code list_operations}
 */
public record RestOperation(String verb, String description) {
}
