package dev.lem.forms;

import java.util.Optional;

/** Form definitions by id. */
public interface FormStore {

    Optional<FormDefinition> find(String formId);

    /** Stores or replaces the definition. */
    void save(FormDefinition form);
}
