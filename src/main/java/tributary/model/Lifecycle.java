package tributary.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The states and stimuli of a class with a lifecycle.
 *
 * @param stateAttribute the enum attribute holding the state
 * @param initialState   state of new objects
 * @param states         states in declaration order
 */
public record Lifecycle(String stateAttribute, String initialState, List<State> states) {

    public Lifecycle {
        states = List.copyOf(states);
    }

    /**
     * One state.
     *
     * @param code        state code (enum value)
     * @param mandatory   attributes that must be set in this state, in order
     * @param transitions stimulus code → target state
     */
    public record State(String code, List<String> mandatory, Map<String, String> transitions) {
        public State {
            mandatory = List.copyOf(mandatory);
            transitions = Map.copyOf(transitions);
        }
    }

    public Optional<State> state(String code) {
        return states.stream().filter(state -> state.code().equals(code)).findFirst();
    }
}
