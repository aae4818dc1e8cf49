package dev.lem.capture.activities;

import dev.lem.lead.EmailAddress;
import dev.lem.lead.LeadId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One validated item of a {@code POST /activities} batch: something a lead did offline (a showroom visit, a call and
 * its outcome, a dealer CRM record), identified by the lead id or the email address, never both.
 *
 * @param source     the system it comes from ({@code dealer-crm}, {@code call-centre}); with {@code externalId} it
 *                   makes the item idempotent
 * @param externalId the record's id in that system
 * @param type       {@code offline.<kind>} ({@code offline.showroom-visit}, {@code offline.call}), so an offline item
 *                   can never pass for a web activity
 */
public record OfflineActivity(String source, String externalId, String type, Instant occurredAt,
                              Optional<LeadId> leadId, Optional<EmailAddress> email, Map<String, String> attributes) {
    public OfflineActivity {
        attributes = Map.copyOf(attributes);
    }
}
