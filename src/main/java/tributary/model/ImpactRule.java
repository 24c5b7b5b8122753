package tributary.model;

/**
 * One edge kind of the {@code impacts} relation: an object of the declaring class impacts the objects
 * reached through a link set of its own ({@code attribute}), or the objects of {@code referrerClass} whose
 * external key {@code referrerKey} points to it.
 */
public record ImpactRule(String attribute, String referrerClass, String referrerKey) {
}
