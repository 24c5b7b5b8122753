package tributary.store;

import java.util.List;
import tributary.model.ModelException;

/** A model change that would destroy data; nothing was altered. */
public class ModelChangeRefusedException extends ModelException {

    private final List<String> problems;

    public ModelChangeRefusedException(List<String> problems) {
        super("Refusing to apply the data model: it would destroy data. Nothing was changed.\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
