package io.strata.diff;

import io.strata.model.Healthcheck;

import java.util.List;

/** A config value on one side of a {@link ConfigChange}: a string, a list of words (Cmd), or a healthcheck. */
public sealed interface ConfigValue {
    record Text(String value) implements ConfigValue {
    }

    record Words(List<String> values) implements ConfigValue {
        public Words {
            values = List.copyOf(values);
        }
    }

    record Check(Healthcheck healthcheck) implements ConfigValue {
    }
}
