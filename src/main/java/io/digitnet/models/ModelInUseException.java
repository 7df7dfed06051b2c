package io.digitnet.models;

import java.util.List;

/** A model that aliases still point at cannot be deleted unless forced. */
public class ModelInUseException extends RuntimeException {

    private final List<String> aliases;

    public ModelInUseException(String id, List<String> aliases) {
        super("model '" + id + "' is still the target of alias(es) " + aliases
                + "; move or remove them first, or delete with ?force=true");
        this.aliases = List.copyOf(aliases);
    }

    public List<String> aliases() {
        return aliases;
    }
}
