package org.vecsnn.core.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The state a model declares, in order: the engine allocates a {@link StateStore} from it for each owner. The order
 * is the order of checkpoints and of the finite check's reports.
 */
public final class StateSpec {
    private final List<StateVariable> variables;

    private StateSpec(List<StateVariable> variables) {
        this.variables = List.copyOf(variables);
        for (int i = 0; i < variables.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (variables.get(i).name().equals(variables.get(j).name())) {
                    throw new IllegalArgumentException("state variable name = " + variables.get(i).name()
                            + ": declared twice; names must be unique within one owner");
                }
            }
        }
    }

    public static StateSpec of(StateVariable... variables) {
        return new StateSpec(List.of(variables));
    }

    public static StateSpec of(List<StateVariable> variables) {
        return new StateSpec(variables);
    }

    /** This spec followed by {@code more}. */
    public StateSpec and(StateSpec more) {
        List<StateVariable> all = new ArrayList<>(variables);
        all.addAll(more.variables);
        return new StateSpec(all);
    }

    public List<StateVariable> variables() {
        return variables;
    }

    public List<String> names() {
        return variables.stream().map(StateVariable::name).toList();
    }

    /** The variable called {@code name}, or null. */
    public StateVariable find(String name) {
        for (StateVariable v : variables) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return names().toString();
    }
}
