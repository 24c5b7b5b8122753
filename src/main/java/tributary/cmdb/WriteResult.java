package tributary.cmdb;

import java.util.List;

/**
 * Outcome of one object of a bulk write.
 *
 * @param id                the created or updated object's id (null when a creation was refused)
 * @param finalClass        its class
 * @param issues            why it was refused; empty when written
 * @param changedAttributes attributes whose value changed (empty for an unchanged update)
 */
public record WriteResult(Long id, String finalClass, List<Issue> issues, List<String> changedAttributes) {

    public WriteResult {
        issues = List.copyOf(issues);
        changedAttributes = List.copyOf(changedAttributes);
    }

    public boolean ok() {
        return issues.isEmpty();
    }
}
