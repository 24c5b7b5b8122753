package tributary.cmdb;

import java.util.List;

/**
 * What deleting some objects implies, following each external key's deletion rule: the objects to delete (those
 * requested, and those deleted with them), those that block the deletion until deleted by hand, and those whose key
 * is reset. Nothing is written by planning.
 */
public record DeletionPlan(List<Entry> entries) {

    public DeletionPlan {
        entries = List.copyOf(entries);
    }

    /** What happens to one object. */
    public enum Mode { REQUESTED, AUTO_DELETE, MUST_DELETE_MANUALLY, RESET }

    /**
     * One object of the plan.
     *
     * @param resetAttributes for {@link Mode#RESET}: the external keys emptied
     * @param issues          why this entry cannot be carried out (empty when it can)
     */
    public record Entry(String className, long id, String friendlyName, Mode mode, List<String> resetAttributes,
                        List<String> issues) {
        public Entry {
            resetAttributes = List.copyOf(resetAttributes);
            issues = List.copyOf(issues);
        }

        public boolean deletes() {
            return mode == Mode.REQUESTED || mode == Mode.AUTO_DELETE;
        }
    }

    /** Whether carrying out the plan is refused: an issue, or an object that must be deleted by hand first. */
    public boolean blocked() {
        return entries.stream().anyMatch(e -> !e.issues().isEmpty() || e.mode() == Mode.MUST_DELETE_MANUALLY);
    }

    public long requestedCount() {
        return entries.stream().filter(e -> e.mode() == Mode.REQUESTED).count();
    }

    /** Objects deleted or updated besides those requested. */
    public long integrityCount() {
        return entries.stream().filter(e -> e.mode() == Mode.AUTO_DELETE || e.mode() == Mode.RESET).count();
    }
}
