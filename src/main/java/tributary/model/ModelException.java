package tributary.model;

/** A data-model file that cannot be loaded, or a model change that cannot be applied. */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }
}
