package dev.lem.api;

import dev.lem.lead.Lead;
import dev.lem.lead.LeadStanding;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /leads/{id}} and {@code GET /leads?email=}: the lead as sales sees it (PII included: IAM-authorised only). */
public record LeadView(String id, String email, Map<String, String> profile, String state, Instant stateEnteredAt,
                       int score, String contactStatus, Map<String, Boolean> consents, Instant createdAt,
                       Instant updatedAt) {

    public static LeadView of(Lead lead, LeadStanding standing) {
        Map<String, Boolean> consents = new TreeMap<>();
        lead.consents().forEach((channel, consent) -> consents.put(channel, consent.granted()));
        return new LeadView(lead.id().value(), lead.email() == null ? null : lead.email().value(),
                new TreeMap<>(lead.profile()), lead.state().wireName(), lead.stateEnteredAt(), lead.score(),
                standing.contactStatus().wireName(), consents, lead.createdAt(), lead.updatedAt());
    }
}
