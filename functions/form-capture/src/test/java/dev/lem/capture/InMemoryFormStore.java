package dev.lem.capture;

import dev.lem.forms.FormDefinition;
import dev.lem.forms.FormStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Forms by id, remembering which ids were looked up. */
public final class InMemoryFormStore implements FormStore {

    private final Map<String, FormDefinition> forms = new HashMap<>();
    private final List<String> lookups = new ArrayList<>();

    @Override
    public Optional<FormDefinition> find(String formId) {
        lookups.add(formId);
        return Optional.ofNullable(forms.get(formId));
    }

    @Override
    public void save(FormDefinition form) {
        forms.put(form.id(), form);
    }

    public List<String> lookups() {
        return List.copyOf(lookups);
    }
}
