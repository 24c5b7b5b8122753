package tributary.model;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up failures caused by the data model get a plain explanation instead of a stack trace. */
class ModelFailureAnalyzer extends AbstractFailureAnalyzer<ModelException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the model file(s) named by tributary.model.files, then start again.", cause);
    }
}
