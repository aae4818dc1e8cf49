package dev.lem.lead;

import java.time.Instant;
import java.util.List;
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
 * @param attribution    first and last marketing touch
 * @param profileHistory per profile field, the values it had before (oldest first, at most
 *                       {@link #MAX_HISTORY_PER_FIELD})
 */
public record Lead(LeadId id, String emailHash, EmailAddress email, Map<String, String> profile,
                   LeadState state, Instant stateEnteredAt, int score, Map<String, Consent> consents,
                   Instant createdAt, Instant updatedAt, long version, Attribution attribution,
                   Map<String, List<FieldChange>> profileHistory) {

    public static final String EMAIL_CHANNEL = "email";
    public static final int MAX_HISTORY_PER_FIELD = 10;

    public Lead {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        profile = Map.copyOf(profile);
        consents = Map.copyOf(consents);
        attribution = attribution == null ? Attribution.NONE : attribution;
        profileHistory = profileHistory == null ? Map.of() : profileHistory.entrySet().stream().collect(
                java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /** A lead without attribution or profile history. */
    public Lead(LeadId id, String emailHash, EmailAddress email, Map<String, String> profile,
                LeadState state, Instant stateEnteredAt, int score, Map<String, Consent> consents,
                Instant createdAt, Instant updatedAt, long version) {
        this(id, emailHash, email, profile, state, stateEnteredAt, score, consents, createdAt, updatedAt, version,
                Attribution.NONE, Map.of());
    }

    public Optional<Consent> consent(String channel) {
        return Optional.ofNullable(consents.get(channel));
    }

    public boolean hasConsent(String channel) {
        return consent(channel).map(Consent::granted).orElse(false);
    }

    public Lead withScore(int newScore, Instant at) {
        return new Lead(id, emailHash, email, profile, state, stateEnteredAt, newScore, consents, createdAt, at, version,
                attribution, profileHistory);
    }

    /** The lead with its consent for {@code channel} replaced (unsubscribe, preference page). */
    public Lead withConsent(String channel, Consent consent, Instant at) {
        Map<String, Consent> changed = new java.util.HashMap<>(consents);
        changed.put(channel, consent);
        return new Lead(id, emailHash, email, profile, state, stateEnteredAt, score, changed, createdAt, at, version,
                attribution, profileHistory);
    }

    /** The lead in {@code newState}, entered at {@code at}. */
    public Lead withState(LeadState newState, Instant at) {
        return new Lead(id, emailHash, email, profile, newState, at, score, consents, createdAt, at, version, attribution,
                profileHistory);
    }

    public Lead withVersion(long newVersion) {
        return new Lead(id, emailHash, email, profile, state, stateEnteredAt, score, consents, createdAt, updatedAt, newVersion,
                attribution, profileHistory);
    }

    @Override
    public String toString() {
        return "Lead[id=" + id + ", state=" + state.wireName() + ", score=" + score + ", version=" + version + "]";
    }
}
