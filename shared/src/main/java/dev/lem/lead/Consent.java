package dev.lem.lead;

import java.time.Instant;

/**
 * A lead's consent to one channel: given or withdrawn, which consent text (and version) they saw, when.
 */
public record Consent(boolean granted, String textVersion, Instant recordedAt) {}
