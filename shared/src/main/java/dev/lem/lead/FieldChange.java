package dev.lem.lead;

import java.time.Instant;

/** A profile value that a later submission replaced: the old value, when it was replaced, by which form. */
public record FieldChange(String previousValue, Instant changedAt, String formId) {}
