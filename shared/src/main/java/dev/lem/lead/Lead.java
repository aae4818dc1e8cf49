package dev.lem.lead;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A lead: who they are (PII lives only here), where they stand, and the optimistic-lock version.
 *
 * @param emailHash keyed HMAC of the normalised email ({@link IdentityHasher})
 * @param profile   other captured fields (name, company, …), already validated by the form
 * @param consents  per channel ({@code email}, {@code sms}), the latest decision
 * @param version   incremented on every write; writes are conditional on the version read
 */
public record Lead(LeadId id, String emailHash, EmailAddress email, Map<String, String> profile,
                   LeadState state, Instant stateEnteredAt, int score, Map<String, Consent> consents,
                   Instant createdAt, Instant updatedAt, long version) {

    public static final String EMAIL_CHANNEL = "email";

    public Lead {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        profile = Map.copyOf(profile);
        consents = Map.copyOf(consents);
    }

    public Optional<Consent> consent(String channel) {
        return Optional.ofNullable(consents.get(channel));
    }

    public boolean hasConsent(String channel) {
        return consent(channel).map(Consent::granted).orElse(false);
    }

    public Lead withScore(int newScore, Instant at) {
        return new Lead(id, emailHash, email, profile, state, stateEnteredAt, newScore, consents, createdAt, at, version);
    }

    public Lead withVersion(long newVersion) {
        return new Lead(id, emailHash, email, profile, state, stateEnteredAt, score, consents, createdAt, updatedAt, newVersion);
    }

    @Override
    public String toString() {
        return "Lead[id=" + id + ", state=" + state.wireName() + ", score=" + score + ", version=" + version + "]";
    }
}
