package tributary.cmdb;

import java.util.List;
import java.util.stream.Collectors;

/** Refusal of a write: nothing was written. Carries every issue found. */
public class ObjectValidationException extends RuntimeException {

    private final List<Issue> issues;

    public ObjectValidationException(List<Issue> issues) {
        super(issues.stream().map(Issue::message).collect(Collectors.joining(", ")));
        this.issues = List.copyOf(issues);
    }

    public ObjectValidationException(Issue issue) {
        this(List.of(issue));
    }

    public List<Issue> issues() {
        return issues;
    }
}
