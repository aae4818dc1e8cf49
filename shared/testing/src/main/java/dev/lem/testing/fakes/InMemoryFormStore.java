package dev.lem.testing.fakes;

import dev.lem.forms.FormDefinition;
import dev.lem.forms.FormStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Form definitions by id, as DynamoDbFormStore keeps them (save replaces), remembering which ids were looked up. */
public final class InMemoryFormStore extends ScriptedFailures implements FormStore {

    private final Map<String, FormDefinition> forms = new HashMap<>();
    private final List<String> lookups = new ArrayList<>();

    @Override
    public Optional<FormDefinition> find(String formId) {
        throwScriptedFailure();
        lookups.add(formId);
        return Optional.ofNullable(forms.get(formId));
    }

    @Override
    public void save(FormDefinition form) {
        throwScriptedFailure();
        forms.put(form.id(), form);
    }

    /** The ids passed to {@link #find}, in call order. */
    public List<String> lookups() {
        return List.copyOf(lookups);
    }
}
